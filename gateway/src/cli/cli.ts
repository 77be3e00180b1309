import { ConfigError, createLogger, exitOnShutdownSignals } from '@tributary/service-kit';
import { helpText, nameFlags, parseCliArgs, UsageError } from './args.ts';
import { readConfig, type GatewayConfig } from '../config.ts';
import { createGateway } from '../gateway.ts';
import { SupergraphError } from '../supergraph/errors.ts';

/** What to print, and the exit code, when the gateway cannot start. */
export function startFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof UsageError) {
    return { message: `tributary-gateway: ${error.message}\nRun tributary-gateway --help for the options.`, exitCode: 2 };
  }
  if (error instanceof ConfigError) {
    return { message: `tributary-gateway: invalid configuration\n${error.problems.map((p) => `  - ${nameFlags(p)}`).join('\n')}`, exitCode: 1 };
  }
  if (error instanceof SupergraphError) return { message: `tributary-gateway: ${error.message}`, exitCode: 1 };
  return { message: `tributary-gateway failed to start: ${(error as Error).stack ?? String(error)}`, exitCode: 1 };
}

const optionsFrom = (config: GatewayConfig) => ({
  ...(config.SUPERGRAPH_PATH ? { supergraphPath: config.SUPERGRAPH_PATH } : {}),
  ...(config.SUPERGRAPH_CONFIG ? { supergraphConfig: config.SUPERGRAPH_CONFIG } : {}),
  subgraphUrls: config.subgraphUrls,
  watch: config.WATCH,
  pollIntervalMs: config.POLL_INTERVAL_MS,
  readinessTimeoutMs: config.READINESS_TIMEOUT_MS,
  resilience: {
    timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    subgraphTimeoutsMs: config.subgraphTimeoutsMs,
    maxRetries: config.SUBGRAPH_MAX_RETRIES,
    retryDelayMs: config.SUBGRAPH_RETRY_DELAY_MS,
    retryBudgetRatio: config.SUBGRAPH_RETRY_BUDGET_RATIO,
    breakerFailures: config.CIRCUIT_BREAKER_FAILURES,
    halfOpenAfterMs: config.CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS,
    idleSocketTimeoutMs: config.SUBGRAPH_KEEPALIVE_IDLE_MS,
  },
  introspection: config.NODE_ENV !== 'production',
  logger: createLogger('gateway', config.LOG_LEVEL),
  ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
  responseCache: config.RESPONSE_CACHE_ENABLED,
  apqTtlSeconds: config.APQ_TTL_SECONDS,
  cacheKeyPrefix: config.CACHE_KEY_PREFIX,
  redisCommandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
  ...(config.AUTH_JWKS_URL
    ? {
        authentication: {
          jwksUrl: config.AUTH_JWKS_URL,
          issuer: config.AUTH_ISSUER!,
          audience: config.AUTH_AUDIENCE!,
          algorithms: config.AUTH_ALGORITHMS,
          userIdClaim: config.AUTH_USER_ID_CLAIM,
          jwksCooldownMs: config.AUTH_JWKS_COOLDOWN_MS,
        },
      }
    : {}),
  ...(config.IDENTITY_SIGNING_SECRET ? { identitySecret: config.IDENTITY_SIGNING_SECRET } : {}),
  costSummary: config.NODE_ENV !== 'production',
  bodyLimit: config.MAX_BODY_BYTES,
  limits: {
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxTokens: config.MAX_TOKENS,
    maxDirectives: config.MAX_DIRECTIVES,
    maxDocumentBytes: config.MAX_DOCUMENT_BYTES,
    maxCost: config.MAX_COST,
    defaultListSize: config.DEFAULT_LIST_SIZE,
    maxBatchSize: config.MAX_BATCH_SIZE,
  },
  rateLimit: {
    perSecond: config.RATE_LIMIT_PER_SECOND,
    burst: config.RATE_LIMIT_BURST,
    trustedProxyHops: config.TRUSTED_PROXY_HOPS,
  },
  corsAllowedOrigins: config.CORS_ALLOWED_ORIGINS,
  ...(config.PERSISTED_OPERATIONS_PATH ? { persistedOperationsPath: config.PERSISTED_OPERATIONS_PATH } : {}),
  tracing: {
    enabled: config.TRACING_ENABLED,
    daemonAddress: config.AWS_XRAY_DAEMON_ADDRESS,
    samplingRate: config.XRAY_SAMPLING_RATE,
    samplingReservoir: config.XRAY_SAMPLING_RESERVOIR,
  },
});

/** `tributary-gateway [options]`: parse, validate, load the supergraph, listen; SIGHUP reloads. */
export async function runCli(argv: readonly string[]): Promise<void> {
  try {
    const command = parseCliArgs(argv);
    if (command.help) {
      process.stdout.write(helpText());
      return;
    }
    const config = readConfig(command.env);
    const options = optionsFrom(config);
    const gateway = createGateway(options);
    const service = await gateway.listen({ port: config.PORT, host: config.HOST });
    process.on('SIGHUP', () => void gateway.reload('SIGHUP'));
    exitOnShutdownSignals(service, options.logger);
  } catch (error) {
    const { message, exitCode } = startFailure(error);
    console.error(message);
    process.exit(exitCode);
  }
}
