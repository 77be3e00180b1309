import { describe, expect, test } from 'vitest';
import { parseOptions } from './options.ts';

const parse = (...argv: string[]) => {
  const options = parseOptions(argv, '/results');
  if (options === 'help') throw new Error('help');
  return options;
};

describe('bench:gateway options', () => {
  test('defaults: 5 rounds of 12 s, 5 s warm-up, 50 clients, stock and tributary', () => {
    const options = parse();
    expect(options).toMatchObject({ rounds: 5, durationS: 12, warmupS: 5, concurrency: 50, resultsDir: '/results' });
    expect(options.gateways).toEqual([
      { name: 'stock', kind: 'stock', env: {} },
      { name: 'tributary', kind: 'tributary', env: {} },
    ]);
  });

  test('--quick is one short round, and explicit flags still win', () => {
    expect(parse('--quick')).toMatchObject({ rounds: 1, durationS: 2, warmupS: 1 });
    expect(parse('--quick', '--rounds', '3')).toMatchObject({ rounds: 3, durationS: 2 });
  });

  test('--tributary-env sets the Tributary gateway; --variant adds another one', () => {
    const { gateways } = parse('--tributary-env', 'GATEWAY_EXECUTOR=tributary', '--tributary-env', 'LOG_LEVEL=warn', '--variant', 'apollo-executor:GATEWAY_EXECUTOR=apollo,LOG_LEVEL=warn');
    expect(gateways[1]).toEqual({ name: 'tributary', kind: 'tributary', env: { GATEWAY_EXECUTOR: 'tributary', LOG_LEVEL: 'warn' } });
    expect(gateways[2]).toEqual({ name: 'apollo-executor', kind: 'tributary', env: { GATEWAY_EXECUTOR: 'apollo', LOG_LEVEL: 'warn' } });
  });

  test("--baseline adds another checkout's gateway with the same settings as Tributary's", () => {
    const { gateways } = parse('--tributary-env', 'LOG_LEVEL=warn', '--baseline', '/tmp/previous');
    expect(gateways.map((g) => g.name)).toEqual(['stock', 'tributary', 'baseline']);
    expect(gateways[2]).toEqual({ name: 'baseline', kind: 'tributary', env: { LOG_LEVEL: 'warn' }, checkout: '/tmp/previous' });
  });

  test('bad flags get a message', () => {
    expect(() => parse('--rounds', '0')).toThrow('--rounds must be a number of at least 1');
    expect(() => parse('--tributary-env', 'NOVALUE')).toThrow('KEY=VALUE');
    expect(() => parse('--variant', 'stock:X=1')).toThrow('--variant needs a new name');
    expect(() => parse('--bogus')).toThrow();
    expect(parseOptions(['--help'], '/r')).toBe('help');
  });

  test('--no-pin turns pinning off', () => {
    expect(parse('--no-pin').pin).toBe(false);
  });
});
