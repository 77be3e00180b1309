import type { Identity } from '../../identity/signed-identity.ts';
import type { Logger } from '../../observability/logger.ts';
import type { Tracer } from '../../observability/tracing.ts';
import type { Policy } from '../authorization/authorization.ts';
import type { CacheConfig } from '../cache/create-cache.ts';
import type { EntityCache } from '../cache/entity-cache.ts';
import type { LoaderSettings } from '../loaders/loaders.ts';
import type { ResolverMap } from '../schema/schema.ts';
import type { StoreConnection } from '../stores/open-store.ts';

/** What the bootstrap reads of a subgraph's config (the kit's baseEnv and cacheEnv carry it). */
export interface SubgraphConfig extends CacheConfig {
  PORT: number;
  LOG_LEVEL: string;
  NODE_ENV: string;
  /** `none`: no seeding; any other profile is handed to the subgraph's `seed`. */
  SEED_PROFILE: string;
  BATCHING_ENABLED: boolean;
  IDENTITY_SIGNING_SECRET?: string | undefined;
  TRACING_ENABLED: boolean;
  TRACING_BACKEND: 'xray' | 'otel';
  AWS_XRAY_DAEMON_ADDRESS: string;
  OTEL_EXPORTER_OTLP_ENDPOINT: string;
  XRAY_SAMPLING_RATE: number;
  XRAY_SAMPLING_RESERVOIR: number;
  /** Embedded metric format lines on stdout (see graphql-metrics.ts). */
  METRICS_EMF: boolean;
}

/** What every resolver of a subgraph receives, one per request. */
export interface SubgraphContext<TStore, TLoaders, TSubgraphs = Record<string, never>> {
  /** The subgraph's own store, opened once at start. */
  store: TStore;
  /** The entity cache under the loaders: a write invalidates what it changed through it. */
  cache: EntityCache;
  /** Made anew for each request, so nothing is memoized across requests or users. */
  loaders: TLoaders;
  /** The caller, as the gateway signed it; null when anonymous. */
  viewer: Identity | null;
  /** The other subgraphs this one asks, through the graph (never their stores). */
  subgraphs: TSubgraphs;
}

/** What a service's worker is given besides its store: what its resolvers get, without a request. */
export interface WorkerTools<TConfig, TContext extends AnySubgraphContext> {
  config: TConfig;
  logger: Logger;
  tracer: Tracer;
  /** The entity cache, to invalidate what the work changes. */
  cache: EntityCache;
  /** The other subgraphs, as `subgraphs` made them for the resolvers. */
  subgraphs: TContext['subgraphs'];
}

/** Background work of a service, e.g. a consumer's poll loops. */
export interface Worker {
  /** Stops taking new work and resolves once the work in hand is done. */
  stop(): Promise<void>;
}

/** Any subgraph's context: what the bootstrap knows of it. */
export type AnySubgraphContext = SubgraphContext<unknown, unknown, unknown>;

/**
 * One subgraph, as the bootstrap serves it: everything here is the subgraph's own. `TContext` is
 * the context its resolvers are typed with; the bootstrap builds exactly that for each request.
 */
export interface SubgraphDefinition<TConfig extends SubgraphConfig, TContext extends AnySubgraphContext> {
  /** The service's name: its logs, its metrics' `service` label, its segments, its cache keys. */
  name: string;
  /** The SDL file the schema is built from (schema-first); its hash starts every cache key. */
  sdlPath: string;
  /** Opens the store once at start (migrations, tables), before anything is served. */
  openStore(config: TConfig, logger: Logger): Promise<StoreConnection & { store: TContext['store'] }>;
  /** The per-request loaders over the store, reading through the entity cache. */
  loaders(store: TContext['store'], settings: LoaderSettings, config: TConfig): TContext['loaders'];
  /**
   * Writes the service's part of a seed profile when its store is empty; returns how much it wrote.
   * @default no seeding
   */
  seed?(store: TContext['store'], profile: Exclude<TConfig['SEED_PROFILE'], 'none'>): Promise<number>;
  /**
   * Clients of the other subgraphs this one calls (e.g. an EntityClient), made once at start.
   * @default none
   */
  subgraphs?(config: TConfig): TContext['subgraphs'];
  resolvers: ResolverMap;
  /** The rules the SDL's `@policy` names, e.g. `owner`. @default none */
  policies?: Record<string, Policy>;
  /**
   * Work the service does beside serving requests (a stream consumer), started once it listens,
   * with the service's tracer to trace what it handles; stopped before the store closes.
   * @default none
   */
  worker?(store: TContext['store'], tools: WorkerTools<TConfig, TContext>): Worker;
  /** Bump when what the service caches changes shape without its SDL changing. @default 1 */
  cacheShapeVersion?: number;
}
