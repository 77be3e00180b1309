/**
 * A service's resident set in MiB, from its own /metrics (prom-client's
 * process_resident_memory_bytes): the public endpoint every service has, so the soak needs no
 * handle on the processes.
 */
export async function residentMiB(graphqlUrl: string): Promise<number> {
  const text = await (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
  const match = /^process_resident_memory_bytes(?:\{[^}]*\})? (\d+(?:\.\d+)?(?:e\+?\d+)?)$/m.exec(text);
  if (!match) throw new Error(`no process_resident_memory_bytes at ${graphqlUrl}`);
  return Number(match[1]) / 2 ** 20;
}

/** Growth from `from` to `to`, in percent of `from`. */
export const growthPercent = (from: number, to: number): number => ((to - from) / from) * 100;
