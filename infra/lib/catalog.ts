/**
 * The services Tributary deploys: the storefront's roster (@tributary/schema) in the shape the
 * stacks use, so the stacks, the compose checks and `npm start` agree on names, ports and stores.
 */
import { GATEWAY_PORT, portOf, roster, subgraphUrlVar, type Store, type SubgraphName } from '@tributary/schema';

export { GATEWAY_PORT, subgraphUrlVar, type Store, type SubgraphName };

export interface SubgraphSpec {
  /** Service name: also its Service Connect DNS name and its folder under `subgraphs/`. */
  readonly name: SubgraphName;
  readonly port: number;
  readonly store: Store;
  /** Subgraphs this one queries directly (reviews checks users and products). */
  readonly calls: readonly SubgraphName[];
}

/** The Service Connect (Cloud Map) namespace the subgraphs register in, each under its own name. */
export const SERVICE_CONNECT_NAMESPACE = 'tributary.internal';

export const SUBGRAPHS: readonly SubgraphSpec[] = roster.map(({ name, store, calls }) => ({ name, port: portOf(name), store, calls }));

export const POSTGRES_SUBGRAPHS = SUBGRAPHS.filter((s) => s.store === 'postgres');

/** Every Tributary service with its entry folder (the Dockerfile's SERVICE build arg). */
export const SERVICE_DIRS: Readonly<Record<SubgraphName | 'gateway', string>> = {
  gateway: 'gateway',
  ...(Object.fromEntries(roster.map(({ name }) => [name, `subgraphs/${name}`])) as Record<SubgraphName, string>),
};
