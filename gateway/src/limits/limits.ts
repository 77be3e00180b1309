import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from '@tributary/service-kit';
import type { Redis } from 'ioredis';
import type { GatewayContext } from '../context.ts';
import type { DocumentLimits } from './document-limits.ts';
import { costLimitPlugin, costReportPlugin } from './operation-cost.ts';
import { settings } from '../config.ts';
import type { GatewayOptions } from '../options.ts';
import { manifestStore, operationNamesOf, persistedOnlyPlugin, readPersistedOperations } from './persisted-operations.ts';
import { enforceRateLimit, rateLimitKey } from './rate-limit.ts';
import { localTokenBuckets, redisTokenBuckets } from './token-bucket.ts';

export interface GatewayLimits {
  document: DocumentLimits & { maxTokens: number };
  maxBatchSize: number;
  plugins: ApolloServerPlugin<BaseContext>[];
  /** Plugins to run after every cache: `extensions.cost` outside production. */
  reportPlugins: ApolloServerPlugin<BaseContext>[];
  /** Persisted-only mode: the manifest takes the place of the automatic persisted query store. */
  persistedQueries?: { cache: KeyValueCache<string> };
  /** Preload mode: the manifest's operations, known before any client registers them. */
  preloadedOperations?: ReadonlyMap<string, string>;
  /** Operation names in the persisted manifest: the only ones metrics name. */
  operationNames: ReadonlySet<string>;
  /** Takes one of the client's tokens, or throws RATE_LIMITED (HTTP 429). */
  rateLimit(context: GatewayContext, req: IncomingMessage): Promise<void>;
}

/** The abuse limits of `options`, with their defaults, as the gateway's parts apply them. */
export function gatewayLimits(
  options: Pick<GatewayOptions, 'limits' | 'rateLimit' | 'persistedOperationsPath' | 'persistedOperationsOnly' | 'costSummary'>,
  redis: Redis | undefined,
  keyPrefix: string,
  logger: Logger,
): GatewayLimits {
  const { limits, rateLimit, persistedOperationsOnly } = settings.withDefaults({
    limits: options.limits,
    rateLimit: options.rateLimit,
    persistedOperationsOnly: options.persistedOperationsOnly,
  });
  const { costSummary } = settings.withDefaults({ costSummary: options.costSummary });
  const rule = { perSecond: rateLimit.perSecond, burst: rateLimit.burst };
  const hops = rateLimit.trustedProxyHops;
  const buckets = rule.perSecond === 0 ? undefined : redis ? redisTokenBuckets(redis, rule, `${keyPrefix}:gateway:rate:`, logger) : localTokenBuckets(rule);
  const manifest = options.persistedOperationsPath ? readPersistedOperations(options.persistedOperationsPath) : undefined;
  const operations = persistedOperationsOnly ? manifest : undefined;
  return {
    document: {
      maxDepth: limits.maxDepth,
      maxAliases: limits.maxAliases,
      maxTokens: limits.maxTokens,
      maxDirectives: limits.maxDirectives,
      maxDocumentBytes: limits.maxDocumentBytes,
    },
    maxBatchSize: limits.maxBatchSize,
    plugins: [
      ...(operations ? [persistedOnlyPlugin(operations)] : []),
      costLimitPlugin({ maxCost: limits.maxCost || undefined, defaultListSize: limits.defaultListSize, logger }),
    ],
    reportPlugins: costSummary ? [costReportPlugin] : [],
    operationNames: new Set(manifest ? operationNamesOf(manifest) : []),
    ...(operations ? { persistedQueries: { cache: manifestStore(operations) } } : manifest ? { preloadedOperations: manifest } : {}),
    rateLimit: async (context, req) => {
      if (buckets) await enforceRateLimit(buckets, rateLimitKey(context, req, hops));
    },
  };
}
