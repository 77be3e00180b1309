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
    expect(parseGatewayConfig({})).toMatchObject({ MAX_DEPTH: 12, MAX_COST: 0, MAX_BATCH_SIZE: 0, RATE_LIMIT_PER_SECOND: 100, RATE_LIMIT_BURST: 200, CORS_ALLOWED_ORIGINS: [] });
    const config = parseGatewayConfig({ CORS_ALLOWED_ORIGINS: 'https://shop.example.com, http://localhost:5173', RATE_LIMIT_PER_SECOND: '0' });
    expect(config.CORS_ALLOWED_ORIGINS).toEqual(['https://shop.example.com', 'http://localhost:5173']);
    expect(config.RATE_LIMIT_PER_SECOND).toBe(0);
    expect(() => parseGatewayConfig({ CORS_ALLOWED_ORIGINS: 'https://shop.example.com/app' })).toThrow(/CORS_ALLOWED_ORIGINS/);
  });

  it('names both supergraph sources when given together', () => {
    expect(() => parseGatewayConfig({ SUPERGRAPH_PATH: 'a.graphql', SUPERGRAPH_CONFIG: 'b.yaml' })).toThrow(/SUPERGRAPH_PATH, SUPERGRAPH_CONFIG: give one/);
  });

  it('turns authentication on only whole: JWKS URL, issuer, audience and the signing secret together', () => {
    const secret = 'a-test-secret-of-at-least-32-characters';
    const on = parseGatewayConfig({ AUTH_JWKS_URL: 'https://issuer.test/jwks.json', AUTH_ISSUER: 'https://issuer.test', AUTH_AUDIENCE: 'app', IDENTITY_SIGNING_SECRET: secret });
    expect(on).toMatchObject({ AUTH_ALGORITHMS: ['RS256', 'ES256'], AUTH_USER_ID_CLAIM: 'sub', AUTH_JWKS_COOLDOWN_MS: 30_000 });
    const missing = captured(() => parseGatewayConfig({ AUTH_JWKS_URL: 'https://issuer.test/jwks.json' })) as ConfigError;
    expect(missing.problems).toEqual([
      'AUTH_ISSUER: is required with AUTH_JWKS_URL',
      'AUTH_AUDIENCE: is required with AUTH_JWKS_URL',
      'IDENTITY_SIGNING_SECRET: is required with AUTH_JWKS_URL',
    ]);
    expect(() => parseGatewayConfig({ AUTH_ISSUER: 'https://issuer.test' })).toThrow('AUTH_ISSUER: needs AUTH_JWKS_URL');
  });

  it('refuses symmetric or unknown algorithms and a short signing secret', () => {
    const error = captured(() => parseGatewayConfig({ AUTH_ALGORITHMS: 'RS256,HS256', IDENTITY_SIGNING_SECRET: 'short' })) as ConfigError;
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual(['AUTH_ALGORITHMS.1', 'IDENTITY_SIGNING_SECRET']);
  });
});

describe('gateway resilience config', () => {
  it('collects every SUBGRAPH_<NAME>_TIMEOUT_MS, apart from SUBGRAPH_TIMEOUT_MS itself', () => {
    const config = parseGatewayConfig({ SUBGRAPH_TIMEOUT_MS: '800', SUBGRAPH_REVIEWS_TIMEOUT_MS: '1500', SUBGRAPH_SHIPPING_RATES_TIMEOUT_MS: '90' });
    expect(config.SUBGRAPH_TIMEOUT_MS).toBe(800);
    expect(config.subgraphTimeoutsMs).toEqual({ reviews: 1500, shipping_rates: 90 });
  });

  it('defaults to 5 s timeouts, 2 retries within 10 % of requests, circuits opening after 5 failures for 10 s', () => {
    expect(parseGatewayConfig({})).toMatchObject({
      SUBGRAPH_TIMEOUT_MS: 5_000,
      SUBGRAPH_MAX_RETRIES: 2,
      SUBGRAPH_RETRY_BUDGET_RATIO: 0.1,
      CIRCUIT_BREAKER_FAILURES: 5,
      CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS: 10_000,
      SUBGRAPH_KEEPALIVE_IDLE_MS: 30_000,
      subgraphTimeoutsMs: {},
    });
  });

  it('reports a bad per-subgraph timeout with the others', () => {
    const error = captured(() => parseGatewayConfig({ SUBGRAPH_ACCOUNTS_TIMEOUT_MS: 'soon', SUBGRAPH_MAX_RETRIES: '9' }));
    expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['SUBGRAPH_MAX_RETRIES', 'SUBGRAPH_ACCOUNTS_TIMEOUT_MS']);
  });
});
