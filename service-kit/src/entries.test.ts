import { describe, expect, it } from 'vitest';
import { LOAD_TIMEOUT_MS, packagesLoadedBy } from '../../test-support/loaded-packages.ts';

/** What only subgraphs use: loading the core must not load them (the gateway has no store). */
const SUBGRAPH_ONLY = ['pg', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', 'dataloader', '@apollo/subgraph'];

describe("the kit's entry points", () => {
  it('@tributary/service-kit loads no database driver, DataLoader or @apollo/subgraph', async () => {
    const loaded = await packagesLoadedBy('@tributary/service-kit');
    expect(loaded).toContain('pino');
    expect(SUBGRAPH_ONLY.filter((name) => loaded.includes(name))).toEqual([]);
  }, LOAD_TIMEOUT_MS);

  it('@tributary/service-kit/subgraph loads them, so the check above sees them when they load', async () => {
    const loaded = await packagesLoadedBy('@tributary/service-kit/subgraph');
    expect(SUBGRAPH_ONLY.filter((name) => !loaded.includes(name))).toEqual([]);
  }, LOAD_TIMEOUT_MS);
});
