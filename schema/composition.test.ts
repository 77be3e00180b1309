import { readFile } from 'node:fs/promises';
import { composeSupergraph, readSupergraphConfig } from '@tributary/gateway';
import { describe, expect, it } from 'vitest';
import { defaultConfigPath, defaultSupergraphPath } from './composition.ts';

describe('supergraph composition', () => {
  it('composes without errors and matches the committed supergraph.graphql', async () => {
    const { supergraphSdl } = await composeSupergraph(await readSupergraphConfig(defaultConfigPath));
    const committed = await readFile(defaultSupergraphPath, 'utf8');
    expect(committed, 'run `npm run compose` and commit schema/supergraph.graphql').toBe(supergraphSdl);
  });
});
