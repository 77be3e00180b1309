import { describe, expect, test } from 'vitest';
import type { Measurement } from './measure.ts';
import { markdown, summarize, type Report } from './report.ts';

const run = (round: number, gateway: string, rps: number, cpu: number, identical = true): Measurement => ({
  round,
  workload: 'varied',
  gateway,
  requests: 100,
  rps,
  p50Ms: 1000 / rps,
  p99Ms: 2000 / rps,
  cpuMsPerRequest: cpu,
  peakRssMiB: 300,
  subgraphRequestsPerRequest: 16,
  identical: identical ? 100 : 99,
  different: identical ? {} : { abc: 1 },
  failures: 0,
  loadCpuMsPerRequest: 0.1,
});

describe('summarize', () => {
  const measurements = [run(1, 'stock', 80, 12), run(2, 'stock', 100, 10), run(3, 'stock', 90, 11), run(1, 'tributary', 400, 3), run(2, 'tributary', 360, 2.5, false), run(3, 'tributary', 380, 2)];

  test('medians over rounds, and ratios to stock for the same workload', () => {
    const [stock, tributary] = summarize(measurements);
    expect(stock).toMatchObject({ gateway: 'stock', rounds: 3, rps: 90, cpuMsPerRequest: 11, allIdentical: true, answers: 300 });
    expect(stock!.vsStock).toBeUndefined();
    expect(tributary).toMatchObject({ gateway: 'tributary', rps: 380, cpuMsPerRequest: 2.5, allIdentical: false, vsStock: { rps: 4.22, cpuMsPerRequest: 0.23, peakRssMiB: 1 } });
  });

  test('the markdown table says which gateway did not answer as stock did', () => {
    const report: Report = { date: 'd', node: 'v20', settings: { rounds: 3 }, reference: { bytes: 1, sha256: 'x' }, harnessCeiling: { rps: 1, loadCpuMsPerRequest: 0.1 }, summaries: summarize(measurements), measurements, notes: ['a note'] };
    const text = markdown(report);
    expect(text).toContain('| varied | stock | 90 |');
    expect(text).toContain('| varied | tributary | 380 |');
    expect(text).toContain('| NO | 4.22× RPS, 0.23× CPU, 1× RSS |');
    expect(text).toContain('- a note');
  });
});
