import { drain, listen } from '@tributary/service-kit';
import { assembleTrace, type AssembledTrace } from './assemble.ts';
import type { CollectorStats } from './collector-stats.ts';
import { formatAddress, parseDaemonAddress } from './daemon-address.ts';
import { createViewerServer } from './http-server.ts';
import { parseDatagram } from './segment-document.ts';
import { TraceStore } from './trace-store.ts';
import { listenUdp } from './udp-listener.ts';

export interface TraceCollectorOptions {
  /**
   * Where to listen for segments, in AWS_XRAY_DAEMON_ADDRESS form (`host:port`, or
   * `udp:host:port tcp:host:port`). Port 0: any free port. The HTTP pages listen on the same host.
   * @default '127.0.0.1:2000'
   */
  udpAddress?: string;
  /** Port of the HTML pages and JSON API. 0: any free port. @default 2999 */
  httpPort?: number;
  /** Traces kept in memory; the oldest is dropped for a new one. @default 200 */
  maxTraces?: number;
  /** Spans kept per trace; further ones are counted as dropped. @default 500 */
  maxSpansPerTrace?: number;
  /** A trace counts as complete after this long without a new segment. @default 1000 */
  settleMs?: number;
  /** Called with each trace once it is complete, and again if late segments change it. */
  onTrace?: (trace: AssembledTrace) => void;
}

export interface TraceCollector {
  /** The bound UDP address, `host:port`: what AWS_XRAY_DAEMON_ADDRESS of the services should be. */
  udpAddress: string;
  /** Base URL of the viewer, e.g. `http://127.0.0.1:2999`. */
  httpUrl: string;
  /** Every trace kept, newest first. */
  traces(): AssembledTrace[];
  trace(traceId: string): AssembledTrace | undefined;
  stats(): CollectorStats;
  /** Closes both sockets and forgets pending completions. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A local stand-in for the X-Ray daemon that keeps the latest traces and serves them as waterfalls. */
export async function startTraceCollector(options: TraceCollectorOptions = {}): Promise<TraceCollector> {
  const store = new TraceStore({ maxTraces: options.maxTraces ?? 200, maxSpansPerTrace: options.maxSpansPerTrace ?? 500 });
  const settleMs = options.settleMs ?? 1000;
  const pending = new Map<string, NodeJS.Timeout>();
  const counts = { datagrams: 0, malformed: 0, droppedTraces: 0 };

  const onDatagram = (data: Buffer) => {
    counts.datagrams++;
    const parsed = parseDatagram(data);
    if (!parsed.ok) {
      counts.malformed++;
      return;
    }
    const { trace, dropped } = store.add(parsed.document);
    counts.droppedTraces += dropped.length;
    for (const traceId of dropped) {
      clearTimeout(pending.get(traceId));
      pending.delete(traceId);
    }
    const { onTrace } = options;
    if (!onTrace) return;
    clearTimeout(pending.get(trace.traceId));
    const timer = setTimeout(() => {
      pending.delete(trace.traceId);
      onTrace(assembleTrace(trace));
    }, settleMs);
    timer.unref();
    pending.set(trace.traceId, timer);
  };

  const udp = await listenUdp(parseDaemonAddress(options.udpAddress ?? '127.0.0.1:2000'), onDatagram);
  const udpAddress = formatAddress(udp.address);
  const source = {
    traces: () => store.list().map(assembleTrace),
    trace: (traceId: string) => {
      const stored = store.get(traceId);
      return stored && assembleTrace(stored);
    },
    stats: (): CollectorStats => ({ udpAddress, ...counts }),
  };
  const server = createViewerServer(source);
  let port: number;
  try {
    ({ port } = await listen(server, options.httpPort ?? 2999, udp.address.host));
  } catch (error) {
    udp.socket.close();
    throw error;
  }
  const httpUrl = `http://${formatAddress({ host: udp.address.host, port })}`;

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      await Promise.all([
        new Promise<void>((resolve) => udp.socket.close(() => resolve())),
        // The pages are read-only and short: nothing in flight is worth waiting for.
        drain(server, 0),
      ]);
    })();
    return stopped;
  };
  return { udpAddress, httpUrl, ...source, stop, [Symbol.asyncDispose]: stop };
}
