import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateResolverTypes, resolverTypesFile } from './resolver-types.ts';
import { subgraphNames } from './roster.ts';

describe('generated resolver types', () => {
  it.each(subgraphNames)('of %s match its SDL', async (name) => {
    const committed = await readFile(resolverTypesFile(name), 'utf8');
    expect(committed, 'run `npm run codegen` and commit subgraphs/*/src/generated/').toBe(await generateResolverTypes(name));
  });
});
