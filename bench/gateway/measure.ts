import type { RunningGateway } from './gateways.ts';
import { runLoad } from './load.ts';
import type { HelperProcess } from './processes.ts';
import { percentile, round } from './stats.ts';
import type { Workload, WorkloadName } from './workloads.ts';

export interface Measurement {
  round: number;
  workload: WorkloadName;
  gateway: string;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** The gateway process's user + system CPU time over the run, per request answered. */
  cpuMsPerRequest: number;
  /** The gateway process's peak resident set during the run (VmHWM, reset at its start). */
  peakRssMiB: number;
  /** Requests the subgraphs counted, per client request. */
  subgraphRequestsPerRequest: number;
  /** Answers byte-identical to stock's reference answer. */
  identical: number;
  /** sha256 → count of the answers that were not. */
  different: Record<string, number>;
  differentSample?: string;
  failures: number;
  /** What the load generator itself spent per request (its CPU time), for the harness's own cost. */
  loadCpuMsPerRequest: number;
}

const subgraphRequests = async (subgraphs: HelperProcess) =>
  Object.values((await subgraphs.ask<{ requests: Record<string, number> }>('count')).requests).reduce((sum, n) => sum + n, 0);

/** One run of one workload against one gateway, with what the gateway and the subgraphs spent. */
export async function measure(options: {
  round: number;
  gateway: RunningGateway;
  workload: Workload;
  durationMs: number;
  concurrency: number;
  reference: Buffer;
  subgraphs: HelperProcess;
}): Promise<Measurement> {
  const { gateway, subgraphs } = options;
  gateway.stats.resetPeak();
  const subgraphsBefore = await subgraphRequests(subgraphs);
  const cpuBefore = gateway.stats.cpuMs();
  const load = await runLoad({ url: gateway.url, concurrency: options.concurrency, durationMs: options.durationMs, body: options.workload.body, reference: options.reference });
  const cpuMs = gateway.stats.cpuMs() - cpuBefore;
  const peakRssMiB = gateway.stats.peakRssMiB();
  const subgraphCalls = (await subgraphRequests(subgraphs)) - subgraphsBefore;
  const answered = Math.max(load.requests, 1);
  return {
    round: options.round,
    workload: options.workload.name,
    gateway: gateway.spec.name,
    requests: load.requests,
    rps: round(load.requests / (load.elapsedMs / 1000)),
    p50Ms: round(percentile(load.latenciesMs, 50), 2),
    p99Ms: round(percentile(load.latenciesMs, 99), 2),
    cpuMsPerRequest: round(cpuMs / answered, 3),
    peakRssMiB: round(peakRssMiB),
    subgraphRequestsPerRequest: round(subgraphCalls / answered, 2),
    identical: load.identical,
    different: load.different,
    ...(load.differentSample ? { differentSample: load.differentSample } : {}),
    failures: load.failures,
    loadCpuMsPerRequest: round(load.loadCpuMsPerRequest, 3),
  };
}
