import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  composeSupergraph,
  defaultConfigPath,
  defaultSupergraphPath,
  readSupergraphConfig,
} from './composition.ts';

describe('supergraph composition', () => {
  it('composes without errors and matches the committed supergraph.graphql', async () => {
    const result = await composeSupergraph(await readSupergraphConfig(defaultConfigPath));
    if (!result.ok) throw new Error(`composition failed: ${result.errors.join('; ')}`);
    const committed = await readFile(defaultSupergraphPath, 'utf8');
    expect(committed, 'run `npm run compose` and commit schema/supergraph.graphql').toBe(
      result.supergraphSdl,
    );
  });

  it('reports errors for a broken subgraph', async () => {
    const result = await composeSupergraph([
      { name: 'broken', routingUrl: 'http://x/graphql', sdlPath: new URL('./composition.test.ts', import.meta.url).pathname },
    ]);
    expect(result.ok).toBe(false);
  });
});
