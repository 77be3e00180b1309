import { ConfigError } from '@tributary/service-kit';
import { describe, expect, it } from 'vitest';
import { parseGatewayConfig } from './config.ts';

const captured = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('gateway config', () => {
  it('collects every SUBGRAPH_<NAME>_URL as an override', () => {
    const config = parseGatewayConfig({ SUBGRAPH_ACCOUNTS_URL: 'http://accounts:4001/graphql', SUBGRAPH_SHIPPING_RATES_URL: 'https://rates/graphql' });
    expect(config.subgraphUrls).toEqual({ accounts: 'http://accounts:4001/graphql', shipping_rates: 'https://rates/graphql' });
  });

  it('defaults to port 4000 on every interface, watching, not polling, no supergraph named', () => {
    const config = parseGatewayConfig({});
    expect(config).toMatchObject({ PORT: 4000, HOST: '0.0.0.0', WATCH: true, POLL_INTERVAL_MS: 0 });
    expect([config.SUPERGRAPH_PATH, config.SUPERGRAPH_CONFIG]).toEqual([undefined, undefined]);
  });

  it('reports every problem at once: bad values and a bad override', () => {
    const error = captured(() => parseGatewayConfig({ PORT: 'x', WATCH: 'maybe', SUBGRAPH_BOOKS_URL: 'ftp://books' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'WATCH', 'SUBGRAPH_BOOKS_URL']);
  });

  it('reads the abuse limits, with defaults that leave development alone', () => {
    expect(parseGatewayConfig({})).toMatchObject({ MAX_DEPTH: 12, MAX_COST: 10_000, MAX_BATCH_SIZE: 0, RATE_LIMIT_PER_SECOND: 100, RATE_LIMIT_BURST: 200, CORS_ALLOWED_ORIGINS: [] });
    const config = parseGatewayConfig({ CORS_ALLOWED_ORIGINS: 'https://shop.example.com, http://localhost:5173', RATE_LIMIT_PER_SECOND: '0' });
    expect(config.CORS_ALLOWED_ORIGINS).toEqual(['https://shop.example.com', 'http://localhost:5173']);
    expect(config.RATE_LIMIT_PER_SECOND).toBe(0);
    expect(() => parseGatewayConfig({ CORS_ALLOWED_ORIGINS: 'https://shop.example.com/app' })).toThrow(/CORS_ALLOWED_ORIGINS/);
  });

  it('names both supergraph sources when given together', () => {
    expect(() => parseGatewayConfig({ SUPERGRAPH_PATH: 'a.graphql', SUPERGRAPH_CONFIG: 'b.yaml' })).toThrow(/SUPERGRAPH_PATH, SUPERGRAPH_CONFIG: give one/);
  });
});
