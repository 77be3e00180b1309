import { readinessOf, type Readiness } from '@tributary/service-kit';

type Subgraph = { name: string; url: string };

const probe = (url: string, timeoutMs: number) => async () => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query":"{ __typename }"}',
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  await response.arrayBuffer();
};

/**
 * Ready once a supergraph is served and every subgraph it names answers a trivial query.
 * Probes are shared for a second, and follow the subgraphs of the supergraph being served.
 */
export function gatewayReadiness(subgraphs: () => Subgraph[] | undefined, timeoutMs: number): () => Promise<Readiness> {
  let last: { at: number; key: string; result: Promise<Readiness> } | undefined;
  return async () => {
    const current = subgraphs();
    if (!current) return { ready: false, checks: { supergraph: 'not loaded' } };
    const key = JSON.stringify(current);
    if (!last || last.key !== key || Date.now() - last.at > 1_000) {
      const checks = readinessOf(Object.fromEntries(current.map(({ name, url }) => [name, probe(url, timeoutMs)])));
      last = { at: Date.now(), key, result: checks() };
    }
    const report = await last.result;
    return { ready: report.ready, checks: { supergraph: 'ok', ...report.checks } };
  };
}
