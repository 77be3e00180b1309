import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startTraceCollector } from '@tributary/traces';
import { benchmarkQueryPath } from './test-support/config.ts';
import { post, startTestStack } from './test-support/stack.ts';

const modes: Record<string, Record<string, string>> = {
  off: { TRACING_ENABLED: 'false' },
  xray: { TRACING_BACKEND: 'xray' },
  otel: { TRACING_BACKEND: 'otel' },
};
const query = readFileSync(benchmarkQueryPath, 'utf8');
const collector = await startTraceCollector({ udpAddress: '127.0.0.1:0', httpPort: 0, otlpPort: 0, maxTraces: 50 });
const rounds = Number(process.argv[2] ?? 2);
const results: Record<string, number[][]> = { off: [], xray: [], otel: [] };
for (let round = 0; round < rounds; round++) {
  for (const mode of round % 2 ? ['otel', 'xray', 'off'] : ['off', 'xray', 'otel']) {
    const stack = await startTestStack({ ...modes[mode], AWS_XRAY_DAEMON_ADDRESS: collector.udpAddress, OTEL_EXPORTER_OTLP_ENDPOINT: collector.otlpUrl, XRAY_SAMPLING_RATE: '1' });
    const pid = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'gateway/src/main.ts']).toString().trim().split('\n')[0];
    const status = () => readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status())![1]) / 1024;
    const atStart = kib('VmRSS');
    for (let i = 0; i < 20; i++) await Promise.all(Array.from({ length: 10 }, () => post(stack.gatewayUrl, query)));
    results[mode]!.push([atStart, kib('VmRSS'), kib('VmHWM')]);
    await stack[Symbol.asyncDispose]();
  }
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!.toFixed(1);
for (const [mode, runs] of Object.entries(results)) {
  console.log(mode, `median start ${median(runs.map((r) => r[0]!))} MiB, after load ${median(runs.map((r) => r[1]!))} MiB, peak ${median(runs.map((r) => r[2]!))} MiB`, JSON.stringify(runs.map((r) => r.map((v) => Math.round(v)))));
}
await collector.stop();
