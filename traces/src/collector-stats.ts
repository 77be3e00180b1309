import type { OtlpCounts } from './otlp-receiver.ts';

/** What the collector has seen since it started. */
export interface CollectorStats extends OtlpCounts {
  /** Where it listens for segments, `host:port`. */
  udpAddress: string;
  /** Where it listens for OTLP/HTTP exports, a base URL. */
  otlpUrl: string;
  datagrams: number;
  /** Datagrams that were not an X-Ray daemon header and one valid segment document. */
  malformed: number;
  /** Traces dropped, oldest first, to keep at most maxTraces. */
  droppedTraces: number;
}
