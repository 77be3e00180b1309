import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SupergraphError, type SupergraphProblem } from './errors.ts';

/** Where a subgraph's SDL comes from, as rover's `schema` block says. */
export type SubgraphSchemaSource =
  | { kind: 'file'; path: string }
  | { kind: 'introspection'; url: string; headers: Record<string, string> }
  | { kind: 'inline'; sdl: string };

/** One subgraph of a rover-style supergraph config. */
export interface SubgraphSource {
  name: string;
  routingUrl: string;
  schema: SubgraphSchemaSource;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isHttpUrl = (value: unknown): value is string => typeof value === 'string' && /^https?:\/\/[^/]/.test(value);

/**
 * Reads rover's `supergraph.yaml`: `federation_version` and, per subgraph, `routing_url` and a
 * `schema` of `file` (relative to the config), `subgraph_url` (+ `introspection_headers`) or `sdl`.
 * Every problem is reported at once.
 */
export async function readSupergraphConfig(configPath: string): Promise<SubgraphSource[]> {
  const fail = (message: string): never => {
    throw new SupergraphError(`Cannot read the supergraph config ${configPath}`, [{ message, locations: [{ source: configPath }] }]);
  };
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(configPath, 'utf8'));
  } catch (error) {
    fail((error as Error).message);
  }
  const { sources, problems } = parseSupergraphConfig(raw, dirname(configPath));
  if (problems.length) {
    throw new SupergraphError(
      `Invalid supergraph config ${configPath}`,
      problems.map((message) => ({ message, locations: [{ source: configPath }] }) satisfies SupergraphProblem),
    );
  }
  return sources;
}

/** Validates a parsed config; paths of `schema.file` resolve against `baseDir`. */
export function parseSupergraphConfig(raw: unknown, baseDir: string): { sources: SubgraphSource[]; problems: string[] } {
  const problems: string[] = [];
  if (!isRecord(raw)) return { sources: [], problems: ['the config must be a YAML mapping with a `subgraphs` key'] };
  const version = raw.federation_version;
  // Rover writes `2`, `=2.7.0` or `2.7`; only Federation 2 composes here.
  if (version !== undefined && !/^=?2(\.|$)/.test(String(version))) {
    problems.push(`federation_version: ${String(version)} is not supported, only Federation 2 (e.g. =2.7.0)`);
  }
  if (!isRecord(raw.subgraphs) || Object.keys(raw.subgraphs).length === 0) {
    return { sources: [], problems: [...problems, 'subgraphs: list at least one subgraph'] };
  }
  const sources: SubgraphSource[] = [];
  for (const [name, entry] of Object.entries(raw.subgraphs)) {
    const at = `subgraphs.${name}`;
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) problems.push(`${at}: a subgraph name has letters, digits, _ and - only`);
    if (!isRecord(entry) || !isRecord(entry.schema)) {
      problems.push(`${at}.schema: missing (give file, subgraph_url or sdl)`);
      continue;
    }
    const schema = schemaSource(entry.schema, baseDir, `${at}.schema`, problems);
    const routingUrl = entry.routing_url ?? (schema?.kind === 'introspection' ? schema.url : undefined);
    if (!isHttpUrl(routingUrl)) {
      problems.push(`${at}.routing_url: ${routingUrl === undefined ? 'missing' : `${String(routingUrl)} is not an http(s) URL`}`);
      continue;
    }
    if (schema) sources.push({ name, routingUrl, schema });
  }
  return { sources, problems };
}

function schemaSource(schema: Record<string, unknown>, baseDir: string, at: string, problems: string[]): SubgraphSchemaSource | undefined {
  const given = ['file', 'subgraph_url', 'sdl', 'graphref'].filter((key) => schema[key] !== undefined);
  if (given.length !== 1) {
    problems.push(`${at}: give exactly one of file, subgraph_url or sdl${given.length ? ` (found ${given.join(', ')})` : ''}`);
    return undefined;
  }
  if (typeof schema.file === 'string' && schema.file) return { kind: 'file', path: resolve(baseDir, schema.file) };
  if (typeof schema.sdl === 'string' && schema.sdl) return { kind: 'inline', sdl: schema.sdl };
  if (isHttpUrl(schema.subgraph_url)) {
    const headers = schema.introspection_headers ?? {};
    if (isRecord(headers) && Object.values(headers).every((value) => typeof value === 'string')) {
      return { kind: 'introspection', url: schema.subgraph_url, headers: headers as Record<string, string> };
    }
    problems.push(`${at}.introspection_headers: must map header names to strings`);
    return undefined;
  }
  problems.push(
    schema.graphref !== undefined
      ? `${at}.graphref: GraphOS sources are not supported; use file, subgraph_url or sdl`
      : `${at}.${given[0]}: must be a non-empty ${given[0] === 'subgraph_url' ? 'http(s) URL' : 'string'}`,
  );
  return undefined;
}
