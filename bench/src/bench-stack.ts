import { createSocket } from 'node:dgram';
import pg from 'pg';
import { configSchema as stackSchema, launchStack, type Stack } from '@tributary/stack';
import { inheritedEnv, type BenchConfig } from './config.ts';
import { startLatencyProxy, type LatencyProxy } from './latency-proxy.ts';

export const log = (message: string) => console.error(`[bench] ${message}`);

/** Creates the benchmark's database if it is missing (the stack seeds it once). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DATABASE_URL must name a plain database, got "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rowCount) await client.query(`CREATE DATABASE ${name}`);
  await client.end();
}

/**
 * What every benchmark stack shares: the latency proxies on every hop, and a UDP sink standing
 * in for the X-Ray daemon sidecar (it receives every segment and drops it).
 */
export async function benchHarness(config: BenchConfig & { BENCH_DATABASE_URL: string }) {
  const proxies: LatencyProxy[] = [];
  const proxied = async (url: string) => {
    const proxy = await startLatencyProxy(url, config.BENCH_HOP_LATENCY_MS);
    proxies.push(proxy);
    return proxy.url;
  };
  const daemon = createSocket('udp4');
  daemon.on('message', () => undefined);
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  /** Every request traced (the worst case for overhead), segments sent by UDP as in production. */
  const traced = {
    TRACING_ENABLED: 'true',
    XRAY_SAMPLING_RATE: '1',
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
  };
  await ensureDatabase(config.BENCH_DATABASE_URL);

  /** Starts the whole stack with `env`, every hop through a latency proxy; the gateway's URL is proxied too. */
  async function startStack(env: Record<string, string>): Promise<{ stack: Stack; gatewayUrl: string }> {
    const stackConfig = stackSchema.parse({
      PORT: '0',
      DATABASE_URL: config.BENCH_DATABASE_URL,
      SEED_PROFILE: config.BENCH_PROFILE,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      ...env,
    });
    const started = performance.now();
    // Every request comes from this one client: the gateway's per-client rate limit would measure itself.
    const stack = await launchStack(stackConfig, { ...inheritedEnv(), RATE_LIMIT_PER_SECOND: '0', GATEWAY_EXECUTOR: config.BENCH_GATEWAY_EXECUTOR, ...env }, { routeToSubgraph: (_, url) => proxied(url) });
    log(`stack up in ${((performance.now() - started) / 1000).toFixed(1)} s (${JSON.stringify(env)})`);
    return { stack, gatewayUrl: await proxied(stack.gatewayUrl) };
  }

  async function withStack<T>(env: Record<string, string>, use: (stack: Stack, gatewayUrl: string) => Promise<T>): Promise<T> {
    const { stack, gatewayUrl } = await startStack(env);
    try {
      return await use(stack, gatewayUrl);
    } finally {
      await stack.stop();
    }
  }

  return {
    traced,
    proxied,
    startStack,
    withStack,
    async close() {
      daemon.close();
      await Promise.all(proxies.map((p) => p.close()));
    },
  };
}
