import { readFileSync } from 'node:fs';
import { nodeMemoryFlags } from '@tributary/service-kit';
import { describe, expect, it } from 'vitest';
import { GATEWAY_MANIFEST_PATH, SITE_DIR, SITE_FILES } from '../lib/storefront.ts';
import { repoRoot } from './config-schemas.ts';

const dockerfile = readFileSync(`${repoRoot}Dockerfile`, 'utf8');
const dockerignore = readFileSync(`${repoRoot}.dockerignore`, 'utf8').split('\n');
const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
/** The text of the stage named `name`, up to the next FROM. */
const stage = (name: string) => {
  const start = dockerfile.search(new RegExp(`^FROM .* AS ${name}$`, 'm'));
  const end = dockerfile.indexOf('\nFROM ', start + 1);
  return dockerfile.slice(start, end < 0 ? undefined : end);
};

describe('Dockerfile', () => {
  it('builds on Node 22 slim in every stage', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22-[a-z]+-slim$/m);
    for (const from of dockerfile.match(/^FROM .*/gm)!) expect(from).toMatch(/^FROM \$\{NODE_IMAGE\} AS \w+$/);
  });

  it('installs production dependencies only, without install scripts', () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev --ignore-scripts/);
  });

  it("installs only the service's own workspace dependencies, not the repository root's", () => {
    const deps = stage('deps');
    expect(deps).toMatch(/npm ci --omit=dev --ignore-scripts [^\n]*--include-workspace-root=false --workspace "\$\{SERVICE:\?[^}]*\}"/);
    expect(deps).not.toMatch(/--workspace (service-kit|seed)\b/);
  });

  it('builds the kit and the service on Node 22, and ships builds without their sources', () => {
    const build = stage('build');
    expect(build).toMatch(/npm run build --if-present --workspace service-kit --workspace "\$\{SERVICE\}"/);
    expect(build).toContain('rm -rf "$dir/src"');
    expect(runtime).toContain('COPY --from=build /src/service-kit ./service-kit');
    expect(runtime).toContain('COPY --from=build /src/${SERVICE} ./${SERVICE}');
    expect(runtime).not.toMatch(/^COPY service-kit /m);
  });

  it('runs as a non-root user, with a health check and the service entry point', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime.indexOf('USER node')).toBeLessThan(runtime.indexOf('CMD ['));
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*fetch\('http:\/\/127\.0\.0\.1:' \+ process\.env\.PORT \+ '\/health'\)/m);
    // The gateway runs its build; a subgraph, its sources.
    expect(runtime).toContain('then exec node $flags \\"$SERVICE_DIR/dist/main.js\\"; else exec node $flags \\"$SERVICE_DIR/src/main.ts\\"; fi');
  });

  it('starts node with the memory flags every service runs with, as the stack does', () => {
    expect(runtime).toContain(`flags='${nodeMemoryFlags.join(' ')}';`);
  });

  it('bakes the SPA\'s persisted query manifest in where PERSISTED_OPERATIONS_PATH points', () => {
    const manifest = `${SITE_DIR}/${SITE_FILES.manifest}`;
    const workdir = runtime.match(/^WORKDIR (\S+)$/m)![1];
    const copy = runtime.match(new RegExp(`^COPY ${manifest.replace(/[.]/g, '\\.')} (\\S+)$`, 'm'));
    expect(copy, `the runtime stage copies ${manifest}`).not.toBeNull();
    expect(`${workdir}/${copy![1]!.replace(/^\.\//, '')}`).toBe(GATEWAY_MANIFEST_PATH);
    expect(dockerignore).toContain(`!${manifest}`);
    expect(runtime.indexOf(`COPY ${manifest}`)).toBeLessThan(runtime.indexOf('USER node'));
  });

  it('keeps dependencies, build output and tests out of the build context', () => {
    for (const pattern of ['**/node_modules', '**/dist', '.git', '**/cdk.out', '**/*.test.ts']) expect(dockerignore).toContain(pattern);
  });
});
