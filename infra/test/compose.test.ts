import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GATEWAY_PORT, POSTGRES_SUBGRAPHS, SERVICE_DIRS, SUBGRAPHS, subgraphUrlVar } from '../lib/catalog.ts';
import type { ServiceName } from '../lib/registry-stack.ts';
import { GATEWAY_MANIFEST_PATH, SITE_DIR, SITE_FILES, SITE_GRAPHQL_PATH, STOREFRONT_GATEWAY_LIMITS } from '../lib/storefront.ts';
import type { SiteConfig } from '../lib/web/site-config.ts';
import { accepts, CONFIG_IMPORT_TIMEOUT_MS, loadConfigSchema, repoRoot, requiredKeys } from './config-schemas.ts';

/** `${VAR:-default}` and `${VAR}` as Compose would expand them in an empty environment. */
function interpolate(value: unknown): string {
  return String(value).replace(/\$\{(\w+)(?::?-([^}]*))?\}/g, (_, _name, fallback) => fallback ?? '');
}

const compose = parse(readFileSync(`${repoRoot}docker-compose.yml`, 'utf8'), { merge: true });
const services: Record<string, any> = compose.services;
const tributary = Object.keys(SERVICE_DIRS) as ServiceName[];
const portOf = (name: ServiceName) =>
  name === 'gateway' ? GATEWAY_PORT : SUBGRAPHS.find((s) => s.name === name)!.port;
const envOf = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(services[name].environment ?? {}).map(([k, v]) => [k, interpolate(v)]));

describe('docker-compose.yml', () => {
  it('runs every service and the stores they use', () => {
    expect(Object.keys(services).sort()).toEqual(
      [...tributary, 'postgres', 'redis', 'dynamodb', 'kinesis', 'xray', 'site'].sort(),
    );
  });

  it.each(Object.keys(services))('%s has a memory limit and sits on the one network', (name) => {
    expect(services[name].mem_limit).toMatch(/^\d+[mg]$/);
    expect(services[name].networks).toEqual(['tributary']);
  });

  it.each(Object.keys(services).filter((n) => n !== 'xray'))('%s has a healthcheck', (name) => {
    expect(services[name].healthcheck?.test).toBeDefined();
  });

  it.each(tributary)('%s waits for what it depends on to be healthy', (name) => {
    for (const [dep, { condition }] of Object.entries<{ condition: string }>(services[name].depends_on)) {
      expect(services[dep], `${name} depends on unknown ${dep}`).toBeDefined();
      expect(condition).toBe(dep === 'xray' ? 'service_started' : 'service_healthy');
    }
  });

  it.each(tributary)('%s builds from the repo with its own SERVICE and PORT', (name) => {
    const { build } = services[name];
    expect(existsSync(`${repoRoot}${build.context}`)).toBe(true);
    expect(existsSync(`${repoRoot}${build.context}/${build.dockerfile}`)).toBe(true);
    expect(build.args.SERVICE).toBe(SERVICE_DIRS[name]);
    expect(existsSync(`${repoRoot}${build.args.SERVICE}/package.json`)).toBe(true);
    expect(Number(build.args.PORT)).toBe(portOf(name));
  });

  it.each(tributary)('%s listens and is published on its port', (name) => {
    const port = portOf(name);
    expect(Number(envOf(name).PORT)).toBe(port);
    expect(services[name].ports).toEqual([`127.0.0.1:${port}:${port}`]);
  });

  it('creates a database and user for each Postgres-backed service, with the password its URL uses', () => {
    const pg = envOf('postgres');
    expect(pg.TRIBUTARY_DATABASES!.split(' ').sort()).toEqual(POSTGRES_SUBGRAPHS.map((s) => s.name).sort());
    for (const { name } of POSTGRES_SUBGRAPHS) {
      const url = new URL(envOf(name).DATABASE_URL!);
      expect([url.username, url.password, url.hostname, url.pathname]).toEqual([
        name,
        pg[`${name.toUpperCase()}_DB_PASSWORD`],
        'postgres',
        `/${name}`,
      ]);
    }
  });

  it.each(SUBGRAPHS)('$name is given the URL of each subgraph it calls, and of no other', ({ name, calls }) => {
    const urls = Object.keys(envOf(name)).filter((k) => /^SUBGRAPH_\w+_URL$/.test(k));
    expect(urls.sort()).toEqual(calls.map(subgraphUrlVar).sort());
    for (const callee of calls) expect(services[name].depends_on[callee]?.condition).toBe('service_healthy');
  });

  it('points every subgraph URL at the compose service of that name and port', () => {
    for (const name of tributary) {
      for (const [key, value] of Object.entries(envOf(name)).filter(([k]) => /^SUBGRAPH_\w+_URL$/.test(k))) {
        const target = SUBGRAPHS.find((s) => `SUBGRAPH_${s.name.toUpperCase()}_URL` === key)!;
        expect(value).toBe(`http://${target.name}:${target.port}/graphql`);
      }
    }
  });
});

describe('docker-compose.yml for the storefront', () => {
  it('sets the storefront limits explicitly on the gateway, as the CDK app does', () => {
    expect(envOf('gateway')).toMatchObject(STOREFRONT_GATEWAY_LIMITS);
    expect(envOf('gateway').TRUSTED_PROXY_HOPS).toBe('0');
  });

  it('runs only the SPA\'s persisted operations by default, from the manifest the image bakes in', () => {
    expect(envOf('gateway').PERSISTED_OPERATIONS_PATH).toBe(GATEWAY_MANIFEST_PATH);
  });

  it('serves the built SPA and /graphql on one origin, published on localhost', () => {
    const site = services.site;
    expect(site.ports).toEqual(['127.0.0.1:8080:8080']);
    expect(site.volumes).toContain(`./${SITE_DIR}:/usr/share/nginx/html:ro`);
    expect(site.depends_on).toEqual({ gateway: { condition: 'service_healthy' } });
    const mounted = (target: string) => site.volumes.find((v: string) => v.split(':')[1] === target)?.split(':')[0] as string;
    const conf = readFileSync(`${repoRoot}${mounted('/etc/nginx/conf.d/default.conf')}`, 'utf8');
    expect(conf).toMatch(/listen 8080;/);
    expect(conf).toMatch(new RegExp(`location ${SITE_GRAPHQL_PATH} \\{\\s+proxy_pass http://gateway:${GATEWAY_PORT};`));
    expect(conf).toMatch(/location \/assets\/ \{\s+add_header Cache-Control "public, max-age=31536000, immutable";/);
    expect(conf).toMatch(/location = \/index\.html \{\s+add_header Cache-Control "no-cache";/);
    expect(conf).toMatch(new RegExp(`location = /${SITE_FILES.manifest.replace('.', '\\.')} \\{\\s+return 404;`));
    // config.json comes from its own root, so the SPA's build folder stays mounted read-only as is.
    expect(conf).toMatch(/location = \/config\.json \{\s+root \/etc\/tributary;/);
    const config = JSON.parse(readFileSync(`${repoRoot}${mounted('/etc/tributary/config.json')}`, 'utf8')) as SiteConfig;
    expect(config).toEqual({ graphqlPath: SITE_GRAPHQL_PATH, auth: null });
  });
});

// The contract with the services' own code: what compose sets is what each config accepts.
describe('docker-compose.yml against each service configSchema', () => {
  it.each(tributary)('%s: sets only keys its configSchema declares, every required one, valid values', async (name) => {
    const schema = await loadConfigSchema(name);
    const env = envOf(name);
    expect(Object.keys(env).filter((key) => !accepts(schema, key)), 'keys the service ignores').toEqual([]);
    expect(requiredKeys(schema).filter((key) => !(key in env)), 'required keys left unset').toEqual([]);
    const parsed = schema.safeParse(env);
    expect(parsed.error?.issues ?? [], 'values the service rejects').toEqual([]);
  }, CONFIG_IMPORT_TIMEOUT_MS);
});
