// `npm run bench:gateway`: the public federation gateway benchmark, stock against Tributary.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { startGateway, type RunningGateway } from './gateways.ts';
import { runLoad } from './load.ts';
import { measure, type Measurement } from './measure.ts';
import { parseOptions, usage, type BenchOptions } from './options.ts';
import { startHelper, type HelperProcess } from './processes.ts';
import { pinToCpu } from './proc-stats.ts';
import { markdown, summarize, writeReport, type Report } from './report.ts';
import { round } from './stats.ts';
import { writeBenchmarkSupergraph } from './supergraph.ts';
import { workloads as allWorkloads } from './workloads.ts';

const resultsDir = new URL('../results', import.meta.url).pathname;
const log = (message: string) => console.log(`[bench:gateway] ${message}`);

/** Moves the load generator (this process) and the subgraphs off the core of the gateway under load. */
function pinAwayFrom(gateway: RunningGateway, subgraphs: HelperProcess): void {
  if (gateway.cpu === undefined) return;
  const other = 1 - gateway.cpu;
  pinToCpu(process.pid, other);
  pinToCpu(subgraphs.pid, other);
}

async function referenceAnswer(stock: RunningGateway): Promise<Buffer> {
  const body = allWorkloads[0]!.body();
  const response = await fetch(stock.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body.toString('utf8') });
  const answer = Buffer.from(await response.arrayBuffer());
  const parsed = JSON.parse(answer.toString('utf8')) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || parsed.errors || !parsed.data) throw new Error(`stock's answer to the benchmark query is not complete data: ${answer.toString('utf8').slice(0, 500)}`);
  return answer;
}

/** What the load generator drives against a server that costs nothing, on the gateways' core. */
async function harnessCeiling(reference: Buffer, options: BenchOptions, durationMs: number, dir: string): Promise<{ rps: number; loadCpuMsPerRequest: number }> {
  const file = join(dir, 'reference.json');
  await writeFile(file, reference);
  const { helper, ready } = await startHelper<{ url: string }>('./answer-server-process.ts', [file]);
  try {
    if (options.pin) {
      pinToCpu(helper.pid, 1);
      pinToCpu(process.pid, 0);
    }
    const run = (ms: number) => runLoad({ url: ready.url, concurrency: options.concurrency, durationMs: ms, body: allWorkloads[1]!.body, reference });
    await run(1_000);
    const load = await run(durationMs);
    return { rps: round(load.requests / (load.elapsedMs / 1000)), loadCpuMsPerRequest: round(load.loadCpuMsPerRequest, 3) };
  } finally {
    await helper.stop();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), resultsDir);
  if (options === 'help') return void console.log(usage);
  const workloads = allWorkloads.filter((w) => options.workloads.includes(w.name));
  log(`${options.rounds} rounds × ${workloads.length} workloads × ${options.gateways.length} gateways, ${options.durationS} s each, ${options.warmupS} s warm-up, ${options.concurrency} clients${options.pin ? ', pinned' : ', not pinned'}`);
  const { helper: subgraphs, ready } = await startHelper<{ urls: Record<string, string> }>('./subgraphs-process.ts');
  const gateways: RunningGateway[] = [];
  try {
    const supergraphPath = await writeBenchmarkSupergraph(ready.urls);
    for (const [i, spec] of options.gateways.entries()) {
      gateways.push(await startGateway(spec, supergraphPath, options.pin ? i % 2 : undefined, options.cpuProfDir));
      log(`${spec.name} on ${gateways.at(-1)!.url}${options.pin ? `, CPU ${i % 2}` : ''}${Object.keys(spec.env).length ? ` (${Object.entries(spec.env).map(([k, v]) => `${k}=${v}`).join(' ')})` : ''}`);
    }
    const reference = await referenceAnswer(gateways[0]!);
    log(`stock's answer: ${reference.length} bytes, sha256 ${createHash('sha256').update(reference).digest('hex').slice(0, 16)}…`);
    const ceiling = await harnessCeiling(reference, options, Math.min(options.durationS, 3) * 1000, dirname(supergraphPath));
    log(`harness ceiling (a server answering the same bytes at no cost): ${ceiling.rps} RPS, the load generator spending ${ceiling.loadCpuMsPerRequest} CPU-ms per request`);
    for (const gateway of gateways) {
      for (const workload of workloads) {
        pinAwayFrom(gateway, subgraphs);
        await runLoad({ url: gateway.url, concurrency: options.concurrency, durationMs: options.warmupS * 1000, body: workload.body, reference });
      }
    }
    const measurements: Measurement[] = [];
    for (let r = 1; r <= options.rounds; r += 1) {
      // Alternate the order every round, so neither gateway always runs on a warmer machine.
      const order = r % 2 === 1 ? gateways : [...gateways].reverse();
      for (const workload of workloads) {
        for (const gateway of order) {
          pinAwayFrom(gateway, subgraphs);
          const m = await measure({ round: r, gateway, workload, durationMs: options.durationS * 1000, concurrency: options.concurrency, reference, subgraphs });
          measurements.push(m);
          log(`round ${r} ${workload.name} ${gateway.spec.name}: ${m.rps} RPS, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms, ${m.cpuMsPerRequest} CPU-ms/req, ${m.peakRssMiB} MiB, ${m.subgraphRequestsPerRequest} subgraph req/req, ${m.identical}/${m.requests} identical${m.failures ? `, ${m.failures} failed` : ''}`);
          if (m.differentSample) log(`  a different answer: ${m.differentSample.slice(0, 200)}`);
        }
      }
    }
    const report: Report = {
      date: new Date().toISOString(),
      node: process.version,
      settings: {
        rounds: options.rounds,
        durationS: options.durationS,
        warmupS: options.warmupS,
        concurrency: options.concurrency,
        pinned: options.pin,
        gateways: gateways.map((g) => ({ name: g.spec.name, kind: g.spec.kind, cpu: g.cpu, env: g.spec.env })),
        workloads: workloads.map(({ name, description }) => ({ name, description })),
      },
      reference: { bytes: reference.length, sha256: createHash('sha256').update(reference).digest('hex') },
      harnessCeiling: ceiling,
      summaries: summarize(measurements),
      measurements,
      notes: notes(options, ceiling, reference.length),
    };
    await writeReport(options.resultsDir, report);
    console.log(`\n${markdown(report)}`);
    log(`wrote ${join(options.resultsDir, 'gateway.json')} and gateway.md`);
  } finally {
    await Promise.all(gateways.map((g) => g.stop()));
    await subgraphs.stop();
  }
}

function notes(options: BenchOptions, ceiling: { rps: number; loadCpuMsPerRequest: number }, bytes: number): string[] {
  return [
    `The public federation gateway benchmark's four subgraphs (its SDL and data), answering from memoized responses per request body, its query (${bytes} bytes of answer), ${options.concurrency} concurrent clients on keep-alive connections (undici Pool), closed loop.`,
    options.pin
      ? 'Each gateway pinned to its own core (taskset); during each run the load generator and the subgraphs are pinned to the other core.'
      : 'Not pinned to cores (fewer than two cores, taskset missing, or --no-pin).',
    `Load generator: ${ceiling.rps} RPS against a server answering the same bytes at no cost on the gateways' core, spending ${ceiling.loadCpuMsPerRequest} CPU-ms per request itself (so one free core drives about ${Math.round(1000 / Math.max(ceiling.loadCpuMsPerRequest, 0.001))} RPS); its cost in each run is in gateway.json (loadCpuMsPerRequest).`,
    'identical: every client sends the same request. varied: every request carries its own value of a variable the operation does not declare (GraphQL ignores it, the answer is the same bytes), so no deduplication keyed on the request can share work.',
    'Stock: @apollo/gateway + @apollo/server standalone, NODE_ENV=production. Tributary: the tributary-gateway CLI with NODE_ENV=production and its defaults (request logs at info, tracing sampled), RATE_LIMIT_PER_SECOND=0 (the default 100 requests/s per client address would refuse the 50 clients, which share one address). The query costs 23315 on this supergraph (its lists take no `first`, so each counts as DEFAULT_LIST_SIZE 10); no MAX_COST is set, so it is measured, not refused.',
    'CPU-ms per request: user + system time of the gateway process (/proc/<pid>/stat) over the run, divided by the requests answered. Peak RSS: VmHWM, reset at the start of each run. Subgraph requests: counted by the subgraphs.',
    'Answers: every answer is compared byte for byte with stock\'s answer to the benchmark query; any other answer is hashed (sha256) and counted.',
    'Indicative: a shared 2-core machine, where other work competes for both cores.',
  ];
}

await main();
