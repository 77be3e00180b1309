// `npm run traces`: the local trace viewer, listening where the X-Ray daemon and an OTLP collector would.
import type { AssembledTrace } from './assemble.ts';
import { startTraceCollector, type TraceCollector } from './collector.ts';
import { readConfig, type TracesConfig } from './config.ts';
import { renderTextWaterfall } from './text-waterfall.ts';

let config: TracesConfig;
try {
  config = readConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const printTrace = config.quiet
  ? undefined
  : (trace: AssembledTrace) =>
      console.log(`${renderTextWaterfall(trace, { width: process.stdout.columns, color: process.stdout.isTTY })}\n`);

let collector: TraceCollector;
try {
  collector = await startTraceCollector({
    udpAddress: config.udpAddress,
    httpPort: config.httpPort,
    otlpPort: config.otlpPort,
    maxTraces: config.maxTraces,
    ...(printTrace && { onTrace: printTrace }),
  });
} catch (error) {
  console.error(`The trace viewer failed to start: ${(error as Error).message}. Set TRACES_UDP_ADDRESS, TRACES_PORT or TRACES_OTLP_PORT to use other ports.`);
  process.exit(1);
}

console.log(`Trace viewer: ${collector.httpUrl}
Listening for X-Ray segments on UDP ${collector.udpAddress} (services send there with AWS_XRAY_DAEMON_ADDRESS=${collector.udpAddress}).
Listening for OpenTelemetry spans on OTLP/HTTP ${collector.otlpUrl}/v1/traces (services send there with TRACING_BACKEND=otel OTEL_EXPORTER_OTLP_ENDPOINT=${collector.otlpUrl}).
${config.quiet ? 'Quiet: traces are shown on the page only.' : 'Each trace is printed here as a waterfall once complete.'} Ctrl+C stops.
`);

const shutdown = async () => {
  await collector.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
