export interface Sample {
  latencyMs: number;
  /** Requests the client sent for this page. */
  clientRoundTrips: number;
  subgraphRequests: number;
  storeRoundTrips: number;
}

export interface RunResult {
  samples: Sample[];
  wallMs: number;
}

/** Runs `count` page loads, `concurrency` at a time; `before` runs ahead of each (outside the timing). */
export async function run(
  count: number,
  concurrency: number,
  page: () => Promise<Omit<Sample, 'latencyMs'>>,
  before?: () => Promise<void>,
): Promise<RunResult> {
  const samples: Sample[] = [];
  let next = 0;
  const started = performance.now();
  let measured = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        next += 1;
        if (before) await before();
        const t0 = performance.now();
        const result = await page();
        const latencyMs = performance.now() - t0;
        measured += latencyMs;
        samples.push({ latencyMs, ...result });
      }
    }),
  );
  const wallMs = before ? measured / Math.min(concurrency, count) : performance.now() - started;
  return { samples, wallMs };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: number[]) => percentile(values, 50);
