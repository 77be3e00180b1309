import { relative } from 'node:path';
import { getLocation, type GraphQLError } from 'graphql';

/** A place in a subgraph's SDL, the supergraph file or the config file. */
export interface ProblemLocation {
  /** File path or introspection URL. */
  source: string;
  /** The subgraph whose SDL this is, when it is one. */
  subgraph?: string;
  line?: number;
  column?: number;
}

export interface SupergraphProblem {
  message: string;
  /** Composition's error code, e.g. `FIELD_TYPE_MISMATCH`, when there is one. */
  code?: string;
  locations: ProblemLocation[];
}

/** The supergraph could not be loaded, composed or validated: every problem found, for a person to fix. */
export class SupergraphError extends Error {
  readonly problems: SupergraphProblem[];

  constructor(summary: string, problems: SupergraphProblem[]) {
    super(`${summary}\n${formatProblems(problems)}`);
    this.name = 'SupergraphError';
    this.problems = problems;
  }
}

/**
 * Locations of a GraphQL error: composition errors carry the AST nodes of every subgraph
 * involved, each parsed from a Source named after its file, which `subgraphOf` maps back.
 */
export function problemFromGraphQLError(error: GraphQLError, subgraphOf: (source: string) => string | undefined): SupergraphProblem {
  const nodes = error.nodes?.filter((node) => node.loc) ?? [];
  const locations: ProblemLocation[] = nodes.length
    ? nodes.map(({ loc }) => ({ source: loc!.source.name, ...getLocation(loc!.source, loc!.start) }))
    : (error.locations ?? []).map((at) => ({ source: error.source?.name ?? 'unknown', ...at }));
  const code = error.extensions?.code;
  return {
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    locations: locations.map((at) => {
      const subgraph = subgraphOf(at.source);
      return subgraph ? { ...at, subgraph } : at;
    }),
  };
}

/** One numbered problem per entry, each location on its own line, paths relative to `cwd`. */
export function formatProblems(problems: SupergraphProblem[], cwd = process.cwd()): string {
  return problems
    .map((problem, i) => {
      const head = `  ${i + 1}. ${problem.code ? `${problem.code}: ` : ''}${problem.message}`;
      const places = problem.locations.map((at) => {
        const source = /^https?:/.test(at.source) ? at.source : relative(cwd, at.source) || at.source;
        const position = at.line ? `:${at.line}${at.column ? `:${at.column}` : ''}` : '';
        return `       at ${source}${position}${at.subgraph ? ` (subgraph ${at.subgraph})` : ''}`;
      });
      return [head, ...places].join('\n');
    })
    .join('\n');
}
