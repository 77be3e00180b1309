import { KEEP_ALIVE_TIMEOUT_MS } from '@tributary/service-kit';
import { describe, expect, it } from 'vitest';
import { configSchema, gatewayDefaults } from '../config.ts';
import { unavailableErrors } from './unavailable-errors.ts';

describe('resilience defaults', () => {
  it('close idle sockets to subgraphs before the subgraphs do, whatever the configuration', () => {
    expect(gatewayDefaults.resilience.idleSocketTimeoutMs).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS);
    expect(configSchema.shape.SUBGRAPH_KEEPALIVE_IDLE_MS.safeParse(String(KEEP_ALIVE_TIMEOUT_MS)).success).toBe(false);
  });
});

describe('unavailableErrors', () => {
  const extensions = { code: 'SUBGRAPH_UNAVAILABLE', reason: 'timed out' };
  const message = 'Subgraph "inventory" is unavailable (timed out)';

  it('fails each root field asked of the subgraph, by its response key', () => {
    const errors = unavailableErrors('inventory', 'timed out', { query: '{ top: topProducts(first: 2) { upc } __typename product(upc: "1") { upc } }' });
    expect(errors).toEqual([
      { message, path: ['top'], extensions },
      { message, path: ['product'], extensions },
    ]);
  });

  it('fails each field of each entity, as `_entities.<index>.<field>` for the gateway to map', () => {
    const query = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Product{inStock left: quantity}...on User{__typename name}}}';
    const representations = [{ __typename: 'Product', upc: '1' }, { __typename: 'User', id: '7' }];
    expect(unavailableErrors('inventory', 'timed out', { query, variables: { representations } }).map((e) => e.path)).toEqual([
      ['_entities', 0, 'inStock'],
      ['_entities', 0, 'left'],
      ['_entities', 1, 'name'],
    ]);
  });
});
