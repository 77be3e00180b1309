import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { median, percentile, type RunResult } from './load.ts';

export interface Row {
  way: string;
  description: string;
  clientRoundTrips: number;
  subgraphRequests: number;
  storeRoundTrips: number;
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  samples: number;
}

/**
 * Summarizes one way of serving: round trips per page (medians) and latency from a sequential
 * run, so queueing does not blur them; pages/s from a run at fixed concurrency.
 */
export function summarize(way: string, description: string, sequential: RunResult, loaded: RunResult): Row {
  const { samples } = sequential;
  const round = (n: number, digits = 1) => Number(n.toFixed(digits));
  return {
    way,
    description,
    clientRoundTrips: median(samples.map((s) => s.clientRoundTrips)),
    subgraphRequests: median(samples.map((s) => s.subgraphRequests)),
    storeRoundTrips: median(samples.map((s) => s.storeRoundTrips)),
    p50Ms: round(median(samples.map((s) => s.latencyMs))),
    p99Ms: round(percentile(samples.map((s) => s.latencyMs), 99)),
    requestsPerSecond: round((loaded.samples.length / loaded.wallMs) * 1000),
    samples: samples.length,
  };
}

export function markdown(title: string, rows: Row[], notes: string[]): string {
  const header = '| way | client round trips | subgraph requests | store round trips | p50 ms | p99 ms | pages/s at concurrency | samples |\n|---|---:|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map((r) =>
    `| ${r.way}: ${r.description} | ${r.clientRoundTrips} | ${r.subgraphRequests} | ${r.storeRoundTrips} | ${r.p50Ms} | ${r.p99Ms} | ${r.requestsPerSecond} | ${r.samples} |`,
  );
  return `# ${title}\n\n${header}\n${lines.join('\n')}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
}

export async function writeResults(dir: string, name: string, json: unknown, md: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = [join(dir, `${name}.json`), join(dir, `${name}.md`)];
  await writeFile(files[0]!, `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(files[1]!, md);
  return files;
}
