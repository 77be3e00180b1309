// `npm run codegen`: writes each subgraph's resolver types from its SDL.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateResolverTypes, resolverTypesFile } from './resolver-types.ts';
import { subgraphNames } from './roster.ts';

for (const name of subgraphNames) {
  const file = resolverTypesFile(name);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, await generateResolverTypes(name));
  console.log(`Wrote ${file}`);
}
