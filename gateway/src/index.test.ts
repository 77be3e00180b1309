import { describe, expect, it } from 'vitest';
import { LOAD_TIMEOUT_MS, packagesLoadedBy } from '../../test-support/loaded-packages.ts';

describe('@tributary/gateway', () => {
  it('loads no database driver and no DataLoader: it imports only the core of the service kit', async () => {
    const loaded = await packagesLoadedBy('@tributary/gateway');
    expect(loaded).toContain('@apollo/gateway');
    expect(['pg', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', 'dataloader'].filter((name) => loaded.includes(name))).toEqual([]);
  }, LOAD_TIMEOUT_MS);
});
