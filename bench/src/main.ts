// `npm run bench`: one storefront page served four ways, with latency added to every network hop.
import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { configSchema as stackSchema, launchStack, type Stack } from '@tributary/stack';
import { inheritedEnv, readConfig } from './config.ts';
import { startLatencyProxy, type LatencyProxy } from './latency-proxy.ts';
import { run } from './load.ts';
import { markdown, summarize, writeResults, type Row } from './report.ts';
import { chattyClient, gatewayPage } from './storefront-page.ts';

const config = readConfig();
const hop = config.BENCH_HOP_LATENCY_MS;
const log = (message: string) => console.error(`[bench] ${message}`);

async function ensureDatabase(url: string): Promise<void> {
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

const proxies: LatencyProxy[] = [];
const proxied = async (url: string) => {
  const proxy = await startLatencyProxy(url, hop);
  proxies.push(proxy);
  return proxy.url;
};

async function withStack<T>(env: Record<string, string>, use: (stack: Stack, gatewayUrl: string) => Promise<T>): Promise<T> {
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
  try {
    return await use(stack, await proxied(stack.gatewayUrl));
  } finally {
    await stack.stop();
  }
}

const count = config.BENCH_REQUESTS;

/** Warms up, then measures a way of serving sequentially and at fixed concurrency. */
async function measure(way: string, description: string, page: Parameters<typeof run>[2], n = count, before?: () => Promise<void>): Promise<Row> {
  await run(3, 1, page);
  log(`${way} ${description}…`);
  const sequential = await run(n, 1, page, before);
  const loaded = await run(n, concurrency, page, before);
  return summarize(way, description, sequential, loaded);
}
const concurrency = config.BENCH_CONCURRENCY;
const prefix = `bench-${process.pid}-${Date.now()}`;
const redis = new Redis(config.BENCH_REDIS_URL);

async function clearEntityCache(): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    const entities = keys.filter((key) => !key.startsWith(`${prefix}:gateway:`));
    if (entities.length) await redis.unlink(...entities);
    cursor = next;
  } while (cursor !== '0');
}

// Stands in for the X-Ray daemon sidecar: receives every segment and drops it.
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
const rows: Row[] = [];
let federation: { p50Ms: number; p99Ms: number; requestsPerSecond: number; samples: number } | undefined;

await withStack({ ...traced, CACHE_ENABLED: 'false', BATCHING_ENABLED: 'false' }, async (_, gateway) => {
  rows.push(await measure('(b)', 'gateway, batching and cache off', () => gatewayPage(gateway)));
});

await withStack({ ...traced, REDIS_URL: config.BENCH_REDIS_URL, CACHE_KEY_PREFIX: prefix }, async (stack, gateway) => {
  const page = () => gatewayPage(gateway);
  rows.push(await measure('(c)', 'gateway, batching on, cache cold', page, count, clearEntityCache));
  rows.push(await measure('(d)', 'gateway, batching and cache on, warm', page));

  const subgraphs = {
    accounts: await proxied(stack.subgraphUrls.accounts),
    products: await proxied(stack.subgraphUrls.products),
    inventory: await proxied(stack.subgraphUrls.inventory),
    reviews: await proxied(stack.subgraphUrls.reviews),
  };
  rows.unshift(await measure('(a)', 'chatty client, no gateway (services cached, warm)', chattyClient(subgraphs), Math.max(5, Math.round(count / 5))));

  const benchmarkQuery = await readFile(new URL('../federation-benchmark.graphql', import.meta.url), 'utf8');
  const fed = () => gatewayPage(gateway, benchmarkQuery);
  const row = await measure('federation', 'benchmark query', fed);
  federation = { p50Ms: row.p50Ms, p99Ms: row.p99Ms, requestsPerSecond: row.requestsPerSecond, samples: row.samples };
});

let untraced: Row | undefined;
await withStack({ TRACING_ENABLED: 'false', REDIS_URL: config.BENCH_REDIS_URL, CACHE_KEY_PREFIX: `${prefix}-untraced` }, async (_, gateway) => {
  untraced = await measure('(d′)', 'as (d), tracing off', () => gatewayPage(gateway));
});

let sampled: Row | undefined;
await withStack(
  { ...traced, XRAY_SAMPLING_RATE: '0.05', REDIS_URL: config.BENCH_REDIS_URL, CACHE_KEY_PREFIX: `${prefix}-sampled` },
  async (_, gateway) => {
    sampled = await measure('(d″)', 'as (d), default sampling (1/s, then 5 %)', () => gatewayPage(gateway));
  },
);

const [a, , , d] = rows;
const tracingRatio = Number((d!.requestsPerSecond / untraced!.requestsPerSecond).toFixed(2));
const sampledRatio = Number((sampled!.requestsPerSecond / untraced!.requestsPerSecond).toFixed(2));
const ratios = {
  clientRoundTrips: Number((a!.clientRoundTrips / d!.clientRoundTrips).toFixed(1)),
  p50Latency: Number((a!.p50Ms / d!.p50Ms).toFixed(1)),
};
const notes = [
  `Seed profile ${config.BENCH_PROFILE}; real PostgreSQL and Redis, dynalite; ${hop} ms added to every one-way network hop (client→gateway, gateway→subgraph, client→subgraph) by a TCP proxy; concurrency ${concurrency}; Node ${process.version}; ${new Date().toISOString()}.`,
  `Round trips are medians per page. (a)/(d): client round trips ×${ratios.clientRoundTrips}, p50 latency ×${ratios.p50Latency}.`,
  '(a) models an SPA calling one service per entity (six connections per host, like a browser), against the same services with their caches warm.',
  'Latency and round trips come from a sequential run; pages/s from a run at the stated concurrency.',
  '(c) clears the entity cache before each page; its pages/s is concurrency / mean latency, the clearing itself left out.',
  `Tracing: (d) traces every request (sampling 100 %, segments sent by UDP to a local sink) at ${d!.requestsPerSecond} pages/s; with tracing off ${untraced!.requestsPerSecond} pages/s (p50 ${untraced!.p50Ms} ms): ratio ${tracingRatio}. With the default sampling (1 request/s, then 5 %): ${sampled!.requestsPerSecond} pages/s, ratio ${sampledRatio}.`,
  `Federation benchmark query through the gateway (warm): ${federation!.requestsPerSecond} req/s at concurrency ${concurrency}, p50 ${federation!.p50Ms} ms, p99 ${federation!.p99Ms} ms sequential (${federation!.samples} samples).`,
];
const md = markdown('Storefront page: four ways', rows, notes);
const files = await writeResults(config.BENCH_RESULTS_DIR, 'storefront', { config: { ...config, BENCH_RESULTS_DIR: undefined }, rows, untraced, sampled, tracingRatio, sampledRatio, ratios, federation }, md);
console.log(md);
log(`wrote ${files.join(', ')}`);

redis.disconnect();
daemon.close();
await Promise.all(proxies.map((p) => p.close()));
