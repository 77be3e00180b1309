import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../test-support/logger.ts';
import { hotReload } from './hot-reload.ts';
import { SupergraphError } from './errors.ts';
import type { LoadedSupergraph, SupergraphSource } from './supergraph.ts';

/** A source that returns (or throws) whatever the test queued last. */
function scriptedSource(first: string) {
  let next: string | Error = first;
  const source: SupergraphSource = {
    description: 'test supergraph',
    async load(): Promise<LoadedSupergraph> {
      if (next instanceof Error) throw next;
      return { supergraphSdl: next, subgraphs: [{ name: 'a', url: `http://a/${next}` }], files: [] };
    },
  };
  return { source, serve: (value: string | Error) => (next = value) };
}

async function started(first: string) {
  const { source, serve } = scriptedSource(first);
  const reloads = hotReload({ source, watch: false, pollIntervalMs: 0, logger: silentLogger });
  const updates: string[] = [];
  const { supergraphSdl, cleanup } = await reloads.supergraphSdl({
    update: (sdl) => {
      if (sdl === 'rejected by the gateway') throw new Error('invalid supergraph');
      updates.push(sdl);
    },
    healthCheck: async () => {},
    getDataSource: () => {
      throw new Error('not used');
    },
  });
  return { reloads, serve, updates, supergraphSdl, cleanup: cleanup! };
}

describe('hotReload', () => {
  it('hands the first supergraph to the gateway, then updates it only when it changed', async () => {
    const { reloads, serve, updates, supergraphSdl } = await started('v1');
    expect(supergraphSdl).toBe('v1');
    expect(await reloads.reload('test')).toEqual({ status: 'unchanged' });
    serve('v2');
    expect(await reloads.reload('test')).toEqual({ status: 'updated' });
    expect(updates).toEqual(['v2']);
    expect(reloads.current()?.subgraphs).toEqual([{ name: 'a', url: 'http://a/v2' }]);
  });

  it('keeps the last good supergraph when loading fails or the gateway rejects the new one', async () => {
    const { reloads, serve, updates } = await started('v1');
    serve(new SupergraphError('Composition failed with 1 error:', [{ message: 'broken', locations: [] }]));
    expect(await reloads.reload('test')).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('broken') } });
    serve('rejected by the gateway');
    expect(await reloads.reload('test')).toMatchObject({ status: 'failed', error: { message: 'invalid supergraph' } });
    expect(updates).toEqual([]);
    expect(reloads.current()?.supergraphSdl).toBe('v1');
  });

  it('runs reloads one after another, and none after cleanup', async () => {
    const { reloads, serve, updates, cleanup } = await started('v1');
    serve('v2');
    const results = await Promise.all([reloads.reload('a'), reloads.reload('b')]);
    expect(results.map((r) => r.status)).toEqual(['updated', 'unchanged']);
    await cleanup();
    serve('v3');
    expect((await reloads.reload('late')).status).toBe('failed');
    expect(updates).toEqual(['v2']);
  });
});
