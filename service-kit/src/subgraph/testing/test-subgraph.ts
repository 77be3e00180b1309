import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createGraphQLServer } from '../../graphql/graphql-server.ts';
import { identityVerifier } from '../../identity/identity-verifier.ts';
import { IDENTITY_HEADER, MAX_IDENTITY_SECONDS, signIdentity } from '../../identity/signed-identity.ts';
import { createLogger } from '../../observability/logger.ts';
import { requestContext } from '../bootstrap/request-context.ts';
import type { AnySubgraphContext, SubgraphConfig, SubgraphDefinition } from '../bootstrap/subgraph-definition.ts';
import { EntityCache } from '../cache/entity-cache.ts';
import { loadSubgraphSchema } from '../schema/schema.ts';
import { callsOf, recordCalls, type RecordedCall } from './recorded-calls.ts';
import { RecordingCacheStore } from './recording-cache-store.ts';
import type { OperationResult } from './results.ts';
import type { TestViewer } from './viewers.ts';

/**
 * A store's public methods and properties: what an in-memory stand-in implements
 * (`class MemoryUserStore implements StoreStandIn<UserStore>`), so it cannot drift from the real one.
 */
export type StoreStandIn<TStore> = { [K in keyof TStore]: TStore[K] };

export interface TestSubgraphOptions<TConfig extends SubgraphConfig, TContext extends AnySubgraphContext> {
  /** The service's config, e.g. `settings.parse({})` for its defaults: TTLs, batching, caching. */
  config: TConfig;
  /** The in-memory stand-in for the service's store, behind the real store's interface. */
  store: StoreStandIn<TContext['store']>;
  /**
   * Stand-ins for the other subgraphs it asks (see `knownEntities`): never the real clients,
   * which would reach the network. @default none
   */
  subgraphs?: TContext['subgraphs'];
}

export interface RunOptions<TContext> {
  variables?: Record<string, unknown>;
  /** Who runs it (`anonymous`, `user('1')`, `admin('9')`), signed and verified as the gateway and service do. @default anonymous */
  viewer?: TestViewer | null;
  /** Reuse a request's context (see `context`), e.g. to see what its loaders kept. @default a new one */
  context?: TContext;
}

export interface TestSubgraph<TContext extends AnySubgraphContext> {
  /** Runs an operation through the subgraph's schema (directives, authorization, masking) in process. */
  execute<TData = Record<string, any>>(query: string, options?: RunOptions<TContext>): Promise<OperationResult<TData>>;
  /**
   * Resolves references as the gateway asks for them: `_entities` with these representations
   * (each with its `__typename`) and a selection such as `... on User { name }`.
   */
  entities<TData = Record<string, any>>(
    representations: readonly Record<string, unknown>[],
    selection: string,
    options?: Omit<RunOptions<TContext>, 'variables'>,
  ): Promise<OperationResult<{ _entities: (TData | null)[] }>>;
  /** A request's context for this viewer, built as the server builds it (fresh loaders). */
  context(viewer?: TestViewer | null): Promise<TContext>;
  /** Every call the resolvers and loaders made on the store, in order. */
  readonly storeCalls: RecordedCall[];
  /** The arguments of each store call of one method. */
  callsTo(method: keyof TContext['store'] & string): unknown[][];
  /** The entity cache's round trips (null when the config turns caching off). */
  readonly cache: RecordingCacheStore | null;
  /** Forgets the recorded store and cache calls (not the cached entries), e.g. after arranging. */
  resetCalls(): void;
}

/**
 * A subgraph as its tests see it: the schema built from its SDL and resolvers by the same code
 * the server runs, each operation's context made as the server makes it (loaders over the entity
 * cache, a viewer whose identity went through signing and verification), the store an in-memory
 * stand-in whose calls are recorded, and the cache the in-process one, recorded too. Needs no
 * database, Redis or network.
 */
export function testSubgraph<TConfig extends SubgraphConfig, TContext extends AnySubgraphContext>(
  definition: SubgraphDefinition<TConfig, TContext>,
  { config, store, subgraphs }: TestSubgraphOptions<TConfig, TContext>,
): TestSubgraph<TContext> {
  const logger = createLogger(definition.name, 'silent');
  const storeCalls: RecordedCall[] = [];
  const namespace = `test:${definition.name}`;
  const cacheStore = config.CACHE_ENABLED ? new RecordingCacheStore(namespace) : null;
  const cache = new EntityCache({ store: cacheStore, namespace, negativeTtlSeconds: config.CACHE_NEGATIVE_TTL_SECONDS, logger });
  const contextFor = requestContext(definition, config, {
    store: recordCalls(store as object, storeCalls) as TContext['store'],
    cache,
    subgraphs: (subgraphs ?? {}) as TContext['subgraphs'],
  });
  const server = createGraphQLServer<TContext>({
    name: definition.name,
    schema: loadSubgraphSchema(definition.sdlPath, definition.resolvers, definition.policies),
    logger,
    production: false,
  });
  const secret = randomBytes(32).toString('base64url');
  const verify = identityVerifier(secret, logger);

  const context = async (viewer: TestViewer | null = null): Promise<TContext> => {
    const headers: Record<string, string> = {};
    if (viewer) {
      const expiresAt = Math.floor(Date.now() / 1000) + MAX_IDENTITY_SECONDS;
      headers[IDENTITY_HEADER] = signIdentity({ userId: viewer.userId, scopes: viewer.scopes ?? [], expiresAt }, secret);
    }
    const request = { headers, socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;
    return contextFor(await verify(request));
  };

  const execute = async <TData>(query: string, options: RunOptions<TContext> = {}): Promise<OperationResult<TData>> => {
    const contextValue = options.context ?? (await context(options.viewer ?? null));
    const response = await server.executeOperation({ query, variables: options.variables ?? {} }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as OperationResult<TData>;
  };

  return {
    execute,
    entities: (representations, selection, options = {}) =>
      execute(`query($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`, {
        ...options,
        variables: { representations },
      }),
    context,
    storeCalls,
    callsTo: (method) => callsOf(storeCalls, method),
    cache: cacheStore,
    resetCalls: () => {
      storeCalls.length = 0;
      if (cacheStore) cacheStore.calls.length = 0;
    },
  };
}
