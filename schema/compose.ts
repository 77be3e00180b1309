// `npm run compose`: writes schema/supergraph.graphql from the subgraph SDLs.
import { writeFile } from 'node:fs/promises';
import {
  composeSupergraph,
  defaultConfigPath,
  defaultSupergraphPath,
  readSupergraphConfig,
} from './composition.ts';

const result = await composeSupergraph(await readSupergraphConfig(defaultConfigPath));
if (!result.ok) {
  console.error(`Composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
await writeFile(defaultSupergraphPath, result.supergraphSdl);
console.log(`Wrote ${defaultSupergraphPath}`);
