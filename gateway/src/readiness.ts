import { readinessOf } from '@tributary/service-kit';

/** Ready when every subgraph answers a trivial query; probes are shared for a second. */
export function subgraphReadiness(urls: Record<string, string>, timeoutMs: number) {
  const probe = readinessOf(
    Object.fromEntries(
      Object.entries(urls).map(([name, url]) => [
        name,
        async () => {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"query":"{ __typename }"}',
            signal: AbortSignal.timeout(timeoutMs),
          });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          await response.arrayBuffer();
        },
      ]),
    ),
  );
  let last: { at: number; result: ReturnType<typeof probe> } | undefined;
  return () => {
    if (!last || Date.now() - last.at > 1_000) last = { at: Date.now(), result: probe() };
    return last.result;
  };
}
