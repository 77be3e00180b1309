// `npm run bench`: one storefront page served four ways, with latency added to every network hop.
import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { benchHarness, log } from './bench-stack.ts';
import { readConfig } from './config.ts';
import { run } from './load.ts';
import { markdown, summarize, writeResults, type Row } from './report.ts';
import { chattyClient, gatewayPage } from './storefront-page.ts';

const config = readConfig();
const hop = config.BENCH_HOP_LATENCY_MS;

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

const harness = await benchHarness(config);
const { traced, proxied, withStack } = harness;
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
await harness.close();
