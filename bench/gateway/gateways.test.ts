import { describe, expect, test } from 'vitest';
import { freePort, productionEnv } from './gateways.ts';

describe('gateways under test', () => {
  test('run with production settings; Tributary with the two limits the benchmark needs raised, and the settings given', () => {
    expect(productionEnv({ name: 'stock', kind: 'stock', env: {} })).toMatchObject({ NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: '1' });
    expect(productionEnv({ name: 'stock', kind: 'stock', env: {} })).not.toHaveProperty('RATE_LIMIT_PER_SECOND');
    expect(productionEnv({ name: 't', kind: 'tributary', env: { GATEWAY_EXECUTOR: 'apollo', MAX_COST: '99999' } })).toMatchObject({
      NODE_ENV: 'production',
      RATE_LIMIT_PER_SECOND: '0',
      MAX_COST: '99999',
      GATEWAY_EXECUTOR: 'apollo',
    });
  });

  test('get a free port each', async () => {
    expect(await freePort()).toBeGreaterThan(0);
  });
});
