import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post } from '../../../../test-support/http.ts';
import { silentLogger } from '../../../../test-support/logger.ts';
import { baseEnv, cacheEnv } from '../../config.ts';
import { defineSettings } from '../../settings/settings.ts';
import type { RunningService } from '../../lifecycle/service.ts';
import { startSubgraph } from './start-subgraph.ts';
import type { SubgraphContext, SubgraphDefinition } from './subgraph-definition.ts';

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { request: Int, signedIn: Boolean, peer: String, rows: Int }`;

/** A store in memory: what seeding wrote, and whether it was closed. */
class MemoryRows {
  rows: string[] = [];
  closed = false;
}

type Context = SubgraphContext<MemoryRows, { request: number }, { peer: string }>;
const settings = defineSettings({ service: 'bootstrap-test', settings: { ...baseEnv, PORT: { ...baseEnv.PORT, default: 0 }, ...cacheEnv } });
const config = settings.parse({ LOG_LEVEL: 'silent', NODE_ENV: 'test', SEED_PROFILE: 'small', TRACING_ENABLED: 'false' });

let dir: string;
let store: MemoryRows;
let service: RunningService;
const seeded: string[] = [];
let loadersMade = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tributary-bootstrap-'));
  await writeFile(join(dir, 'test.graphql'), SDL);
  store = new MemoryRows();
  const definition: SubgraphDefinition<typeof config, Context> = {
    name: 'bootstrap-test',
    sdlPath: join(dir, 'test.graphql'),
    openStore: async () => ({ store, checks: { store: async () => undefined }, close: async () => void (store.closed = true) }),
    loaders: () => ({ request: (loadersMade += 1) }),
    subgraphs: () => ({ peer: 'products' }),
    seed: async (target, profile) => {
      seeded.push(profile);
      target.rows.push('a', 'b');
      return 2;
    },
    resolvers: {
      Query: {
        request: (_: unknown, __: unknown, { loaders }: Context) => loaders.request,
        signedIn: (_: unknown, __: unknown, { viewer }: Context) => viewer !== null,
        peer: (_: unknown, __: unknown, { subgraphs }: Context) => subgraphs.peer,
        rows: (_: unknown, __: unknown, { store: own }: Context) => own.rows.length,
      },
    },
  };
  service = await startSubgraph(definition, config, silentLogger);
});

afterAll(async () => {
  await service?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the kit's subgraph bootstrap", () => {
  it('seeds the configured profile before it serves', () => {
    expect(seeded).toEqual(['small']);
  });

  it('gives every request its own loaders over the one store, the caller and the other subgraphs', async () => {
    const query = '{ request signedIn peer rows }';
    const first = await post(service.url, query);
    const second = await post(service.url, query);
    expect(first.body.data).toEqual({ request: 1, signedIn: false, peer: 'products', rows: 2 });
    expect(second.body.data.request).toBe(2);
  });

  it('answers readiness from the store checks, and closes the store when it stops', async () => {
    const ready = await fetch(service.url.replace('/graphql', '/ready'));
    expect([ready.status, await ready.json()]).toEqual([200, { ready: true, checks: { store: 'ok' } }]);
    await service.stop();
    expect(store.closed).toBe(true);
  });
});
