/**
 * The services Tributary deploys, in one place so the stacks, the compose
 * file checks and the docs agree on names, ports and stores.
 */
export type Store = 'postgres' | 'dynamodb';

export interface SubgraphSpec {
  /** Service name: also its Service Connect DNS name and its folder under `subgraphs/`. */
  readonly name: 'accounts' | 'products' | 'inventory' | 'reviews';
  readonly port: number;
  readonly store: Store;
  /** Subgraphs this one queries directly (reviews checks users and products). */
  readonly calls: readonly SubgraphName[];
}

export type SubgraphName = SubgraphSpec['name'];

export const GATEWAY_PORT = 4000;

/** The Service Connect (Cloud Map) namespace the subgraphs register in, each under its own name. */
export const SERVICE_CONNECT_NAMESPACE = 'tributary.internal';

export const SUBGRAPHS: readonly SubgraphSpec[] = [
  { name: 'accounts', port: 4001, store: 'postgres', calls: [] },
  { name: 'products', port: 4002, store: 'dynamodb', calls: [] },
  { name: 'inventory', port: 4003, store: 'dynamodb', calls: [] },
  { name: 'reviews', port: 4004, store: 'postgres', calls: ['accounts', 'products'] },
];

export const POSTGRES_SUBGRAPHS = SUBGRAPHS.filter((s) => s.store === 'postgres');
export const DYNAMODB_SUBGRAPHS = SUBGRAPHS.filter((s) => s.store === 'dynamodb');

/** `SUBGRAPH_ACCOUNTS_URL` and so on: the names the gateway and callers read. */
export function subgraphUrlVar(name: SubgraphName): string {
  return `SUBGRAPH_${name.toUpperCase()}_URL`;
}

/** Every Tributary service with its entry folder (the Dockerfile's SERVICE build arg). */
export const SERVICE_DIRS: Readonly<Record<SubgraphName | 'gateway', string>> = {
  gateway: 'gateway',
  accounts: 'subgraphs/accounts',
  products: 'subgraphs/products',
  inventory: 'subgraphs/inventory',
  reviews: 'subgraphs/reviews',
};
