// The storefront's subgraphs, written once: `npm start` (stack), the AWS app (infra), the compose
// check and schema/supergraph.yaml (written from it by `npm run compose`) all read this list, and
// a test holds each subgraph's config (its default PORT, the SUBGRAPH_<NAME>_URL it reads) to it.

export type Store = 'postgres' | 'dynamodb';

export interface RosterEntry<Name extends string = string> {
  /** The service's name: its folder under subgraphs/, its SDL schema/<name>.graphql, its DNS name. */
  readonly name: Name;
  /** Its port is the gateway's plus this: 4001 for 1 by default, in `npm start`, compose and on AWS. */
  readonly portOffset: number;
  /** The one store the service owns. */
  readonly store: Store;
  /** The subgraphs it asks directly (through the graph): each reaches it as SUBGRAPH_<NAME>_URL. */
  readonly calls: readonly Name[];
}

/** The gateway's default port; subgraphs sit above it. */
export const GATEWAY_PORT = 4000;

// NoInfer: a name in `calls` must be one of the names, not widen them.
const defineRoster = <const Name extends string>(
  entries: readonly { name: Name; portOffset: number; store: Store; calls: readonly NoInfer<Name>[] }[],
): readonly RosterEntry<Name>[] => entries;

export const roster = defineRoster([
  { name: 'accounts', portOffset: 1, store: 'postgres', calls: [] },
  { name: 'products', portOffset: 2, store: 'dynamodb', calls: [] },
  { name: 'inventory', portOffset: 3, store: 'dynamodb', calls: ['products'] },
  { name: 'reviews', portOffset: 4, store: 'postgres', calls: ['accounts', 'products'] },
  // The orders saga prices from products, reserves in inventory, debits in payments.
  { name: 'orders', portOffset: 5, store: 'postgres', calls: ['products', 'inventory', 'payments'] },
  { name: 'payments', portOffset: 6, store: 'dynamodb', calls: [] },
  { name: 'audit', portOffset: 7, store: 'postgres', calls: [] },
]);

export type SubgraphName = (typeof roster)[number]['name'];

export const subgraphNames: readonly SubgraphName[] = roster.map((s) => s.name);

export const rosterEntry = (name: SubgraphName): RosterEntry<SubgraphName> => roster.find((s) => s.name === name)!;

/** A subgraph's port when the gateway listens on `gatewayPort`. */
export const portOf = (name: SubgraphName, gatewayPort = GATEWAY_PORT): number => gatewayPort + rosterEntry(name).portOffset;

/** `SUBGRAPH_ACCOUNTS_URL` and so on: where the gateway and the callers of a subgraph find it. */
export const subgraphUrlVar = (name: string): string => `SUBGRAPH_${name.toUpperCase()}_URL`;

/** Absolute path of a subgraph's SDL, which its schema is built from. */
export const sdlFile = (name: SubgraphName): string => new URL(`./${name}.graphql`, import.meta.url).pathname;

/**
 * The roster in start order: each group only calls subgraphs of earlier groups, so a subgraph
 * starts once those it calls answer. Throws on a cycle of calls.
 */
export function startGroups(): RosterEntry<SubgraphName>[][] {
  const groups: RosterEntry<SubgraphName>[][] = [];
  const started = new Set<SubgraphName>();
  let pending = [...roster];
  while (pending.length > 0) {
    const ready = pending.filter((s) => s.calls.every((callee) => started.has(callee)));
    if (ready.length === 0) throw new Error(`The roster's calls form a cycle among ${pending.map((s) => s.name).join(', ')}`);
    groups.push(ready);
    for (const s of ready) started.add(s.name);
    pending = pending.filter((s) => !ready.includes(s));
  }
  return groups;
}
