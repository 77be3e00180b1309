import { portOf, roster } from './roster.ts';

/** The Federation version composition targets (rover's `federation_version`). */
export const FEDERATION_VERSION = '=2.7.0';

/** schema/supergraph.yaml as `npm run compose` writes it from the roster. */
export function renderSupergraphConfig(): string {
  const subgraphs = roster.map(
    ({ name }) => `  ${name}:
    routing_url: http://localhost:${portOf(name)}/graphql
    schema:
      file: ./${name}.graphql
`,
  );
  return `# Written by \`npm run compose\` from schema/roster.ts: edit the roster, not this file.
# Rover-compatible supergraph config, composed into supergraph.graphql.
federation_version: ${FEDERATION_VERSION}
subgraphs:
${subgraphs.join('')}`;
}
