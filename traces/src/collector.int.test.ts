import { createSocket } from 'node:dgram';
import { describe, expect, it, vi } from 'vitest';
import { datagram, sampleTrace, sendDatagrams } from '../test-support/sample-trace.ts';
import type { AssembledTrace } from './assemble.ts';
import { startTraceCollector } from './collector.ts';

const onFreePorts = { udpAddress: '127.0.0.1:0', httpPort: 0, otlpPort: 0 };

describe('trace collector over UDP and HTTP', () => {
  it('assembles datagrams into traces, reports each once complete, and serves pages and JSON', async () => {
    const completed: AssembledTrace[] = [];
    await using collector = await startTraceCollector({ ...onFreePorts, settleMs: 100, onTrace: (trace) => completed.push(trace) });
    const sample = sampleTrace();
    await sendDatagrams(collector.udpAddress, [...sample.documents.map(datagram), Buffer.from('not a segment'), Buffer.alloc(0)]);

    await vi.waitFor(() => expect(completed).toHaveLength(1), { timeout: 5_000 });
    expect(completed[0]!.summary).toMatchObject({ traceId: sample.traceId, rootName: 'gateway', operation: 'TopProducts', spanCount: 18 });
    expect(collector.stats()).toMatchObject({ udpAddress: collector.udpAddress, datagrams: 8, malformed: 2, droppedTraces: 0 });

    const list = await fetch(`${collector.httpUrl}/api/traces`).then((response) => response.json());
    expect(list).toEqual([completed[0]!.summary]);
    const detail = (await fetch(`${collector.httpUrl}/api/traces/${sample.traceId}`).then((response) => response.json())) as AssembledTrace;
    expect(detail.roots[0]!.children[1]).toMatchObject({ id: sample.ids.fetch.products, children: [{ id: sample.ids.subgraph.products, kind: 'segment' }] });

    const index = await fetch(`${collector.httpUrl}/`);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await index.text()).toContain(`href="/trace/${sample.traceId}"`);
    const page = await fetch(`${collector.httpUrl}/trace/${sample.traceId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('BatchGetItem products');
  });

  it('answers unknown paths, unknown traces and other methods plainly', async () => {
    await using collector = await startTraceCollector(onFreePorts);
    const status = async (path: string, init?: RequestInit) => (await fetch(`${collector.httpUrl}${path}`, init)).status;
    expect(await status(`/trace/1-00000000-000000000000000000000000`)).toBe(404);
    expect(await status('/trace/..%2f..%2fetc%2fpasswd')).toBe(404);
    expect(await status('/api/traces/1-00000000-000000000000000000000000')).toBe(404);
    expect(await status('/nothing')).toBe(404);
    expect(await status('/', { method: 'POST', body: 'x' })).toBe(405);
    expect(await status('/api/traces', { method: 'HEAD' })).toBe(200);
  });

  it('keeps only the latest traces', async () => {
    await using collector = await startTraceCollector({ ...onFreePorts, maxTraces: 3 });
    const samples = Array.from({ length: 5 }, () => sampleTrace());
    for (const sample of samples) await sendDatagrams(collector.udpAddress, sample.documents.map(datagram));
    await vi.waitFor(() => expect(collector.stats().datagrams).toBe(30), { timeout: 5_000 });
    expect(collector.traces().map((trace) => trace.summary.traceId)).toEqual(samples.slice(2).map((sample) => sample.traceId).reverse());
    expect(collector.stats().droppedTraces).toBe(2);
  });

  it('says so when the UDP port is taken, and frees its ports on stop', async () => {
    const collector = await startTraceCollector(onFreePorts);
    await expect(startTraceCollector({ udpAddress: collector.udpAddress, httpPort: 0, otlpPort: 0 })).rejects.toThrow(
      `UDP ${collector.udpAddress} is already in use (an X-Ray daemon or another collector?)`,
    );
    await collector.stop();
    await collector.stop();
    const port = Number(collector.udpAddress.split(':')[1]);
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => socket.once('error', reject).bind(port, '127.0.0.1', resolve));
    socket.close();
  });
});
