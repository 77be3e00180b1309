import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLAGS, helpText, nameFlags, parseCliArgs, UsageError } from './args.ts';
import { configSchema } from '../config.ts';

describe('parseCliArgs', () => {
  it('turns flags into the environment variables they stand for', () => {
    expect(parseCliArgs(['--supergraph', 'g.graphql', '--port', '4100', '--host=127.0.0.1', '--poll-interval', '5000', '--no-watch'])).toEqual({
      help: false,
      env: { SUPERGRAPH_PATH: 'g.graphql', PORT: '4100', HOST: '127.0.0.1', POLL_INTERVAL_MS: '5000', WATCH: 'false' },
    });
    expect(parseCliArgs(['--config', 'supergraph.yaml'])).toEqual({ help: false, env: { SUPERGRAPH_CONFIG: 'supergraph.yaml' } });
    expect(parseCliArgs([])).toEqual({ help: false, env: {} });
  });

  it('asks for help whatever else is given', () => {
    expect(parseCliArgs(['--port', '1', '--help'])).toEqual({ help: true });
  });

  it.each([
    [['--supergrah', 'x'], "Unknown option '--supergrah'"],
    [['serve'], "Unexpected argument 'serve'"],
    [['--port'], "Option '--port <value>' argument missing"],
    [['--config', ' '], '--config needs a value'],
    [['--no-watch=yes'], "Option '--no-watch' does not take an argument"],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('nameFlags', () => {
  it('names the flag next to the variable in a config problem', () => {
    expect(nameFlags('PORT: Too big')).toBe('--port / PORT: Too big');
    expect(nameFlags('READINESS_TIMEOUT_MS: Too small')).toBe('READINESS_TIMEOUT_MS: Too small');
  });
});

describe('--help', () => {
  const help = helpText();

  it('documents every flag and every environment variable the gateway reads', () => {
    for (const flag of FLAGS) expect(help).toContain(`--${flag.name}`);
    // Shared names the gateway does not use; the per-subgraph URLs are documented as SUBGRAPH_<NAME>_URL.
    const unused = ['REDIS_URL', 'AWS_REGION', 'AWS_XRAY_DAEMON_ADDRESS', 'SEED_PROFILE'];
    for (const name of Object.keys(configSchema.shape)) {
      if (unused.includes(name)) continue;
      expect(help).toContain(/^SUBGRAPH_\w+_URL$/.test(name) ? 'SUBGRAPH_<NAME>_URL' : name);
    }
    expect(help).toContain('APOLLO_TELEMETRY_DISABLED');
  });

  it('fits in 100 columns', () => {
    for (const line of help.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it('is quoted verbatim in the README', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme, 'paste `npx tributary-gateway --help` into the README').toContain(`$ npx tributary-gateway --help\n${help}\`\`\``);
  });
});
