import { drain, listen } from '@tributary/service-kit';
import { assembleTrace, type AssembledTrace } from './assemble.ts';
import type { CollectorStats } from './collector-stats.ts';
import { formatAddress, parseDaemonAddress } from './daemon-address.ts';
import { createViewerServer } from './http-server.ts';
import { createOtlpReceiver } from './otlp-receiver.ts';
import { parseDatagram } from './segment-document.ts';
import { flattenDocument, type Span } from './span.ts';
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
  /** Port of the OTLP/HTTP receiver (`POST /v1/traces`), on the same host. 0: any free port. @default 4318 */
  otlpPort?: number;
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
  /** Base URL of the OTLP receiver, e.g. `http://127.0.0.1:4318`: what OTEL_EXPORTER_OTLP_ENDPOINT of the services should be. */
  otlpUrl: string;
  /** Every trace kept, newest first. */
  traces(): AssembledTrace[];
  trace(traceId: string): AssembledTrace | undefined;
  stats(): CollectorStats;
  /** Closes every socket and forgets pending completions. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * A local stand-in for the X-Ray daemon and an OTLP collector that keeps the latest traces and
 * serves them as waterfalls: segments by UDP and OpenTelemetry spans by OTLP/HTTP land in the
 * same traces.
 */
export async function startTraceCollector(options: TraceCollectorOptions = {}): Promise<TraceCollector> {
  const store = new TraceStore({ maxTraces: options.maxTraces ?? 200, maxSpansPerTrace: options.maxSpansPerTrace ?? 500 });
  const settleMs = options.settleMs ?? 1000;
  const pending = new Map<string, NodeJS.Timeout>();
  const counts = { datagrams: 0, malformed: 0, droppedTraces: 0, otlpRequests: 0, otlpRefused: 0, otlpRejectedSpans: 0 };

  const onSpans = (traceId: string, spans: Span[]) => {
    const { trace, dropped } = store.addSpans(traceId, spans);
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

  const onDatagram = (data: Buffer) => {
    counts.datagrams++;
    const parsed = parseDatagram(data);
    if (parsed.ok) onSpans(parsed.document.trace_id, flattenDocument(parsed.document));
    else counts.malformed++;
  };

  const udp = await listenUdp(parseDaemonAddress(options.udpAddress ?? '127.0.0.1:2000'), onDatagram);
  const udpAddress = formatAddress(udp.address);
  const urlOf = (port: number) => `http://${formatAddress({ host: udp.address.host, port })}`;
  const otlp = createOtlpReceiver(onSpans, counts);
  let otlpUrl = '';
  const source = {
    traces: () => store.list().map(assembleTrace),
    trace: (traceId: string) => {
      const stored = store.get(traceId);
      return stored && assembleTrace(stored);
    },
    stats: (): CollectorStats => ({ udpAddress, otlpUrl, ...counts }),
  };
  const server = createViewerServer(source);
  let port: number;
  try {
    otlpUrl = urlOf((await listen(otlp, options.otlpPort ?? 4318, udp.address.host).catch(inUse('OTLP'))).port);
    ({ port } = await listen(server, options.httpPort ?? 2999, udp.address.host).catch(inUse('HTTP')));
  } catch (error) {
    udp.socket.close();
    otlp.close();
    throw error;
  }
  const httpUrl = urlOf(port);

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      await Promise.all([
        new Promise<void>((resolve) => udp.socket.close(() => resolve())),
        // The pages are read-only and short: nothing in flight is worth waiting for.
        drain(server, 0),
        // A service's last export may be arriving as the stack stops.
        drain(otlp, 1_000),
      ]);
    })();
    return stopped;
  };
  return { udpAddress, httpUrl, otlpUrl, ...source, stop, [Symbol.asyncDispose]: stop };
}

/** A clearer message for a port already taken. */
const inUse = (what: string) => (error: NodeJS.ErrnoException & { address?: string; port?: number }) => {
  throw error.code === 'EADDRINUSE' ? new Error(`${what} ${error.address}:${error.port} is already in use (another collector?)`) : error;
};
