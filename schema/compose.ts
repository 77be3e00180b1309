// `npm run compose`: writes schema/supergraph.yaml from the roster, then schema/supergraph.graphql
// from it and the subgraph SDLs.
import { writeFile } from 'node:fs/promises';
import { composeSupergraph, readSupergraphConfig, SupergraphError } from '@tributary/gateway';
import { defaultConfigPath, defaultSupergraphPath } from './composition.ts';
import { renderSupergraphConfig } from './supergraph-config.ts';

try {
  await writeFile(defaultConfigPath, renderSupergraphConfig());
  console.log(`Wrote ${defaultConfigPath}`);
  const { supergraphSdl } = await composeSupergraph(await readSupergraphConfig(defaultConfigPath));
  await writeFile(defaultSupergraphPath, supergraphSdl);
  console.log(`Wrote ${defaultSupergraphPath}`);
} catch (error) {
  if (!(error instanceof SupergraphError)) throw error;
  console.error(error.message);
  process.exit(1);
}
