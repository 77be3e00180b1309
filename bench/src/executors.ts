// `npm run bench:executors`: way (d) of `npm run bench` (the storefront page through the gateway,
// batching and cache on, warm, every request traced) on the new executor and the old one, side
// by side in one run: one stack each, over the same database, measured in alternating rounds.
import { benchHarness, log } from './bench-stack.ts';
import { readConfig } from './config.ts';
import { median, run } from './load.ts';
import { writeResults } from './report.ts';
import { gatewayPage } from './storefront-page.ts';

const config = readConfig();
const ROUNDS = 5;

/** The gateways compared: the settings each one's stack gets on top of way (d)'s. */
const gateways: { name: string; description: string; env: Record<string, string> }[] = [
  { name: 'tributary', description: "Tributary's executor, the gateway's defaults", env: { GATEWAY_EXECUTOR: 'tributary' } },
  {
    name: 'apollo, as before',
    description: "`@apollo/gateway`'s executor with nothing shared between requests: the gateway before its own executor",
    env: { GATEWAY_EXECUTOR: 'apollo', DEDUPLICATE_QUERIES: 'false', DEDUPLICATE_SUBGRAPH_REQUESTS: 'false' },
  },
  {
    name: 'tributary, not deduplicated',
    description: "Tributary's executor with identical queries each executed (DEDUPLICATE_QUERIES=false): what the executor, shared subgraph calls and merged fetches give",
    env: { GATEWAY_EXECUTOR: 'tributary', DEDUPLICATE_QUERIES: 'false' },
  },
  { name: 'apollo, deduplicated', description: "`@apollo/gateway`'s executor behind this gateway's deduplication (its defaults)", env: { GATEWAY_EXECUTOR: 'apollo' } },
];

const harness = await benchHarness(config);
const prefix = `bench-executors-${process.pid}-${Date.now()}`;
const stacks = [];
try {
  for (const [i, gateway] of gateways.entries()) {
    stacks.push(await harness.startStack({ ...harness.traced, REDIS_URL: config.BENCH_REDIS_URL, CACHE_KEY_PREFIX: `${prefix}-${i}`, ...gateway.env }));
  }
  const pages = stacks.map(({ gatewayUrl }) => () => gatewayPage(gatewayUrl));
  // Warm: every entity cached, every plan compiled, every connection open.
  for (const page of pages) await run(Math.max(20, config.BENCH_CONCURRENCY * 2), config.BENCH_CONCURRENCY, page);
  const perSecond: number[][] = gateways.map(() => []);
  const subgraphRequests: number[][] = gateways.map(() => []);
  for (let round = 1; round <= ROUNDS; round += 1) {
    // Alternating order: each gateway goes first in some rounds, so drift of the machine is shared.
    const order = round % 2 ? gateways.map((_, i) => i) : gateways.map((_, i) => gateways.length - 1 - i);
    for (const i of order) {
      const result = await run(config.BENCH_REQUESTS, config.BENCH_CONCURRENCY, pages[i]!);
      perSecond[i]!.push((result.samples.length / result.wallMs) * 1000);
      subgraphRequests[i]!.push(median(result.samples.map((s) => s.subgraphRequests)));
      log(`round ${round}: ${gateways[i]!.name} ${perSecond[i]!.at(-1)!.toFixed(1)} pages/s`);
    }
  }
  const medians = perSecond.map((values) => median(values));
  const rows = gateways.map((gateway, i) => ({
    gateway: gateway.name,
    description: gateway.description,
    pagesPerSecond: Number(medians[i]!.toFixed(1)),
    rounds: perSecond[i]!.map((v) => Number(v.toFixed(1))),
    subgraphRequestsPerPage: median(subgraphRequests[i]!),
    vsBefore: Number((medians[i]! / medians[1]!).toFixed(2)),
  }));
  const md = [
    '# Storefront page, way (d), by executor (`npm run bench:executors`)',
    '',
    '| gateway | pages/s (median) | rounds | subgraph requests per page (median) | vs the gateway before |',
    '|---|---:|---|---:|---:|',
    ...rows.map((r) => `| ${r.gateway}: ${r.description} | ${r.pagesPerSecond} | ${r.rounds.join(', ')} | ${r.subgraphRequestsPerPage} | ${r.vsBefore}× |`),
    '',
    `- Way (d) of \`npm run bench\`: the storefront page (top 50 products, stock, shipping, 5 reviews each and their authors) through the gateway, batching and entity cache on and warm, every request traced (sampling 100 %, segments to a local UDP sink), ${config.BENCH_HOP_LATENCY_MS} ms added to every one-way hop.`,
    `- One stack per gateway over the same database (seed ${config.BENCH_PROFILE}), real PostgreSQL and Redis, dynalite; ${ROUNDS} rounds of ${config.BENCH_REQUESTS} pages at concurrency ${config.BENCH_CONCURRENCY}, the gateways' order alternating; medians of the rounds.`,
    `- Subgraph requests per page count what the gateway sent for it (\`extensions.chattiness\`): a page that joined another's execution sent none, nor does a call shared with another page's, so with either kind of sharing the median is 0.`,
    `- Node ${process.version}; ${new Date().toISOString()}. Indicative: a shared 2-core machine.`,
  ].join('\n');
  const files = await writeResults(config.BENCH_RESULTS_DIR, 'storefront-executors', { config: { ...config, BENCH_RESULTS_DIR: undefined }, rows }, md);
  console.log(md);
  log(`wrote ${files.join(', ')}`);
} finally {
  await Promise.all(stacks.map(({ stack }) => stack.stop()));
  await harness.close();
}
