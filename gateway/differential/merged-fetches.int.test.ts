import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from './engine.ts';
import { federationBenchmark } from './fixtures/federation-benchmark.ts';
import { serveFixture, type ServedFixture } from './fixtures/serve-fixture.ts';
import { stockEngine } from './stock-engine.ts';
import { tributaryEngine, tributaryUnmergedEngine } from './tributary-engine.ts';

// The federation benchmark's query plans 16 fetches. Tributary sends the entity fetches that are
// ready together for one subgraph as one request (the differential suite holds the answers to
// stock's): here, how many requests the subgraphs see for one client request.
describe('entity fetches merged per subgraph (the federation benchmark query)', () => {
  let served: ServedFixture;
  const running: Record<string, RunningEngine> = {};
  const query = federationBenchmark.operations[0]!;

  beforeAll(async () => {
    served = await serveFixture(federationBenchmark);
    for (const engine of [stockEngine, tributaryEngine, tributaryUnmergedEngine]) running[engine.name] = await engine.start(served.supergraphSdl);
  });
  afterAll(async () => {
    await Promise.all(Object.values(running).map((engine) => engine.stop()));
    await served?.stop();
  });

  /** Subgraph requests behind one answer, and the answer. */
  async function requestsFor(engine: string): Promise<{ requests: number; body: string }> {
    const before = served.subgraphs.reduce((sum, s) => sum + s.requests(), 0);
    const { body } = await running[engine]!.execute({ query: query.query, operationName: query.operationName });
    return { requests: served.subgraphs.reduce((sum, s) => sum + s.requests(), 0) - before, body };
  }

  it('stock and the unmerged executor send one request per fetch; merged, the median of 20 is at most 7, with the same answer', async () => {
    const stock = await requestsFor('stock');
    const unmerged = await requestsFor('tributary-unmerged');
    expect(stock.requests).toBe(16);
    expect(unmerged).toEqual(stock);
    const counts: number[] = [];
    for (let i = 0; i < 20; i++) {
      const merged = await requestsFor('tributary');
      expect(merged.body).toBe(stock.body);
      counts.push(merged.requests);
    }
    // Two roots, then per step one request per subgraph, leaves waiting one step for their
    // subgraph's next fetches: 7 when the two roots' answers arrive in the same turn (timing
    // decides, so the median is held to it, and every run to fewer than the plan's 16).
    counts.sort((a, b) => a - b);
    expect(counts[10]).toBeLessThanOrEqual(7);
    expect(counts.at(-1)).toBeLessThan(16);
  });
});
