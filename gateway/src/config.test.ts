import { describe, expect, it } from 'vitest';
import { parseGatewayConfig } from './config.ts';

describe('gateway config', () => {
  it('collects every SUBGRAPH_<NAME>_URL as an override', () => {
    const config = parseGatewayConfig({ SUBGRAPH_ACCOUNTS_URL: 'http://accounts:4001/graphql', SUBGRAPH_SHIPPING_RATES_URL: 'https://rates/graphql' });
    expect(config.subgraphUrls).toEqual({ accounts: 'http://accounts:4001/graphql', shipping_rates: 'https://rates/graphql' });
    expect(config.PORT).toBe(4000);
    expect(config.SUPERGRAPH_PATH).toMatch(/schema\/supergraph\.graphql$/);
  });
});
