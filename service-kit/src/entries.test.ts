import { describe, expect, it } from 'vitest';
import { LOAD_TIMEOUT_MS, packagesLoadedBy } from '../../test-support/loaded-packages.ts';

/** What only subgraphs use: loading the core must not load them (the gateway has no store). */
const SUBGRAPH_ONLY = ['pg', '@aws-sdk/client-dynamodb', '@aws-sdk/client-kinesis', '@aws-sdk/lib-dynamodb', 'dataloader', '@apollo/subgraph'];
/** The tracing SDKs: each loads only when a tracer is made with it. */
const TRACING_SDKS = { xray: 'aws-xray-sdk-core', otel: '@opentelemetry/sdk-trace' };
const readyTracer = new URL('../../test-support/ready-tracer.ts', import.meta.url).pathname;

describe("the kit's entry points", () => {
  it('@tributary/service-kit loads no database driver, DataLoader, @apollo/subgraph or tracing SDK', async () => {
    const loaded = await packagesLoadedBy('@tributary/service-kit');
    expect(loaded).toContain('pino');
    expect(SUBGRAPH_ONLY.filter((name) => loaded.includes(name))).toEqual([]);
    expect(Object.values(TRACING_SDKS).filter((name) => loaded.includes(name))).toEqual([]);
  }, LOAD_TIMEOUT_MS);

  it.each(['xray', 'otel', 'off'] as const)('a tracer with backend %s loads its SDK only (none when off)', async (backend) => {
    const loaded = await packagesLoadedBy(readyTracer, backend);
    const expected = backend === 'off' ? [] : [TRACING_SDKS[backend]];
    expect(Object.values(TRACING_SDKS).filter((name) => loaded.includes(name))).toEqual(expected);
  }, LOAD_TIMEOUT_MS);

  it('@tributary/service-kit/subgraph loads them, so the check above sees them when they load', async () => {
    const loaded = await packagesLoadedBy('@tributary/service-kit/subgraph');
    expect(SUBGRAPH_ONLY.filter((name) => !loaded.includes(name))).toEqual([]);
  }, LOAD_TIMEOUT_MS);
});
