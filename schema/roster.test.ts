import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfigPath } from './composition.ts';
import { portOf, roster, sdlFile, startGroups, subgraphUrlVar } from './roster.ts';
import { renderSupergraphConfig } from './supergraph-config.ts';

const subgraphDir = (name: string) => new URL(`../subgraphs/${name}/`, import.meta.url).pathname;

/** The slice of a zod object schema read here: each key's own schema. */
type ConfigSchema = { shape: Record<string, { parse(value: unknown): unknown }> };
/** Importing a subgraph's config module loads the kit cold: seconds on a busy machine. */
const CONFIG_IMPORT_TIMEOUT_MS = 30_000;
const configOf = async (name: string): Promise<ConfigSchema> => (await import(`${subgraphDir(name)}src/config.ts`)).configSchema;

describe('the subgraph roster', () => {
  it('is what schema/supergraph.yaml lists, as `npm run compose` writes it', () => {
    expect(readFileSync(defaultConfigPath, 'utf8'), 'run `npm run compose` and commit schema/supergraph.yaml').toBe(renderSupergraphConfig());
  });

  it.each(roster)('$name has its folder and its SDL', ({ name }) => {
    expect(existsSync(`${subgraphDir(name)}src/main.ts`)).toBe(true);
    expect(existsSync(sdlFile(name))).toBe(true);
  });

  it.each(roster)('$name listens by default on its port from the roster', async ({ name }) => {
    expect((await configOf(name)).shape.PORT!.parse(undefined)).toBe(portOf(name));
  }, CONFIG_IMPORT_TIMEOUT_MS);

  it.each(roster)('$name reads the URL of each subgraph it calls, defaulting to its roster port, and of no other', async ({ name, calls }) => {
    const { shape } = await configOf(name);
    expect(Object.keys(shape).filter((key) => /^SUBGRAPH_\w+_URL$/.test(key)).sort()).toEqual(calls.map(subgraphUrlVar).sort());
    for (const callee of calls) expect(shape[subgraphUrlVar(callee)]!.parse(undefined)).toBe(`http://localhost:${portOf(callee)}/graphql`);
  }, CONFIG_IMPORT_TIMEOUT_MS);

  it('gives every subgraph its own port and starts each after the subgraphs it calls', () => {
    expect(new Set(roster.map((s) => s.portOffset)).size).toBe(roster.length);
    const order = startGroups().flatMap((group, index) => group.map((s) => [s.name, index] as const));
    const groupOf = new Map(order);
    expect(order).toHaveLength(roster.length);
    for (const { name, calls } of roster) for (const callee of calls) expect(groupOf.get(callee)!).toBeLessThan(groupOf.get(name)!);
  });
});
