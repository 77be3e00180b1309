import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Measurement } from './measure.ts';
import { median, round } from './stats.ts';
import type { WorkloadName } from './workloads.ts';

type Figure = 'rps' | 'p50Ms' | 'p99Ms' | 'cpuMsPerRequest' | 'peakRssMiB' | 'subgraphRequestsPerRequest';
const FIGURES: Figure[] = ['rps', 'p50Ms', 'p99Ms', 'cpuMsPerRequest', 'peakRssMiB', 'subgraphRequestsPerRequest'];

/** A workload on a gateway: the median of each figure over the rounds. */
export interface Summary extends Pick<Measurement, 'workload' | 'gateway' | Figure> {
  rounds: number;
  /** Every answer of every round was byte-identical to stock's reference answer. */
  allIdentical: boolean;
  answers: number;
  /** This gateway's figure divided by stock's, for the same workload (absent for stock). */
  vsStock?: { rps: number; p50Ms: number; p99Ms: number; cpuMsPerRequest: number; peakRssMiB: number };
}

/** Medians over rounds per workload and gateway, and each gateway's ratios to stock. */
export function summarize(measurements: Measurement[]): Summary[] {
  const keys = [...new Set(measurements.map((m) => `${m.workload}\u0000${m.gateway}`))];
  const summaries = keys.map((key): Summary => {
    const [workload, gateway] = key.split('\u0000') as [WorkloadName, string];
    const runs = measurements.filter((m) => m.workload === workload && m.gateway === gateway);
    const medians = Object.fromEntries(FIGURES.map((f) => [f, median(runs.map((m) => m[f]))])) as Record<Figure, number>;
    return {
      workload,
      gateway,
      rounds: runs.length,
      ...medians,
      allIdentical: runs.every((m) => m.failures === 0 && m.identical === m.requests),
      answers: runs.reduce((sum, m) => sum + m.requests, 0),
    };
  });
  for (const summary of summaries) {
    const stock = summaries.find((s) => s.workload === summary.workload && s.gateway === 'stock');
    if (!stock || summary.gateway === 'stock') continue;
    const ratio = (f: Figure) => round(summary[f] / stock[f], 2);
    summary.vsStock = { rps: ratio('rps'), p50Ms: ratio('p50Ms'), p99Ms: ratio('p99Ms'), cpuMsPerRequest: ratio('cpuMsPerRequest'), peakRssMiB: ratio('peakRssMiB') };
  }
  return summaries;
}

export interface Report {
  date: string;
  node: string;
  settings: Record<string, unknown>;
  reference: { bytes: number; sha256: string };
  /** The load generator against a server that costs nothing: its throughput and its own CPU per request. */
  harnessCeiling: { rps: number; loadCpuMsPerRequest: number };
  summaries: Summary[];
  measurements: Measurement[];
  notes: string[];
}

const row = (s: Summary) =>
  `| ${s.workload} | ${s.gateway} | ${s.rps} | ${s.p50Ms} | ${s.p99Ms} | ${s.cpuMsPerRequest} | ${s.peakRssMiB} | ${s.subgraphRequestsPerRequest} | ${s.allIdentical ? `yes (${s.answers})` : 'NO'} | ${
    s.vsStock ? `${s.vsStock.rps}× RPS, ${s.vsStock.cpuMsPerRequest}× CPU, ${s.vsStock.peakRssMiB}× RSS` : ''
  } |`;

export function markdown(report: Report): string {
  return [
    '# Gateway benchmark (`npm run bench:gateway`)',
    '',
    '| workload | gateway | RPS | p50 ms | p99 ms | CPU-ms / request | peak RSS MiB | subgraph requests / request | every answer identical to stock | vs stock |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|---|',
    ...report.summaries.map(row),
    '',
    `Medians over ${String(report.settings.rounds)} rounds; ${report.date}; Node ${report.node}.`,
    '',
    ...report.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}

export async function writeReport(dir: string, report: Report): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'gateway.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(dir, 'gateway.md'), markdown(report));
}
