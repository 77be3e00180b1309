import { expect } from 'vitest';
import type { DifferentialRequest, DifferentialResponse, Engine, RunningEngine } from './engine.ts';
import type { Fixture, FixtureOperation } from './fixtures/fixture.ts';
import { apiSchemaOf, composeFixture, serveFixture, type ServedFixture } from './fixtures/serve-fixture.ts';
import { generateOperations } from './operations/generator.ts';
import { hashOf } from './operations/random.ts';
import { stockEngine } from './stock-engine.ts';
import { bytesOf, stockIsWrong, type StockIsWrong } from './stock-is-wrong.ts';

/** The seed of a fixture's generated operations: derived from the suite's seed and its name. */
export const fixtureSeed = (suiteSeed: number, fixture: Fixture): number => hashOf(`${suiteSeed}:${fixture.name}`);

/**
 * A fixture's operations: the hand-written ones, then `fixture.generated` more over its API
 * schema (composed here with placeholder URLs: the schema does not depend on them).
 */
export function operationsOf(fixture: Fixture, suiteSeed: number): FixtureOperation[] {
  if (fixture.generated === 0) return fixture.operations;
  const placeholders = Object.fromEntries(fixture.subgraphs.map(({ name }) => [name, `http://127.0.0.1:9/${name}`]));
  const schema = apiSchemaOf(composeFixture(fixture, placeholders));
  const seed = fixtureSeed(suiteSeed, fixture);
  return [...fixture.operations, ...generateOperations(schema, { seed, count: fixture.generated, maxDepth: fixture.maxDepth ?? 4, argumentValues: fixture.argumentValues })];
}

/** The stock-is-wrong case for one operation of a fixture, if it is one. */
export const wrongCase = (fixture: string, operation: string): StockIsWrong | undefined =>
  stockIsWrong.find((c) => c.fixture === fixture && c.operation === operation);

export interface Comparison {
  served: ServedFixture;
  /** Runs one operation through stock and every engine and holds each to its expected answer. */
  check(operation: FixtureOperation): Promise<void>;
  stop(): Promise<void>;
}

const requestOf = ({ name: _name, ...request }: FixtureOperation): DifferentialRequest => request;

/** Serves a fixture and starts stock and each engine on its supergraph. */
export async function startComparison(fixture: Fixture, engines: readonly Engine[]): Promise<Comparison> {
  const served = await serveFixture(fixture);
  const started: { engine: Engine; running: RunningEngine }[] = [];
  const stop = async () => {
    await Promise.all(started.map(({ running }) => running.stop()));
    await served.stop();
  };
  try {
    for (const engine of [stockEngine, ...engines]) started.push({ engine, running: await engine.start(served.supergraphSdl) });
  } catch (error) {
    await stop();
    throw error;
  }
  const [stock, ...others] = started;
  return {
    served,
    async check(operation) {
      const request = requestOf(operation);
      const reference: DifferentialResponse = await stock!.running.execute(request);
      const wrong = wrongCase(fixture.name, operation.name);
      if (wrong) expect(reference, `stock no longer answers "${operation.name}" wrongly: update stock-is-wrong.ts`).toEqual(bytesOf(wrong.stock));
      for (const { engine, running } of others) {
        // A second stock is held to stock's answers, wrong ones included; every other engine to the correct one.
        const expected = wrong && engine !== stockEngine ? bytesOf(wrong.correct) : reference;
        expect({ engine: engine.name, ...(await running.execute(request)) }).toEqual({ engine: engine.name, ...expected });
      }
    },
    stop,
  };
}
