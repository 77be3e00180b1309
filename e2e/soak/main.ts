// `npm run soak`: the whole stack under mixed traffic for a set time (see soak-options.ts).
import { parseSoakOptions, usage } from './soak-options.ts';
import { runSoak } from './soak.ts';
import { startSoakStack } from './soak-stack.ts';

const options = parseSoakOptions(process.argv.slice(2));
if (!options) {
  console.log(usage);
  process.exit(0);
}
const log = (line: string) => console.error(line);
log(`[soak] starting the stack; then ${options.minutes} min of traffic, ${options.rate} requests/s from ${options.concurrency} clients, a line every ${options.intervalSeconds} s`);
const stack = await startSoakStack();
let failed = true;
try {
  const report = await runSoak(stack, options, log);
  const requests = report.intervals.reduce((sum, i) => sum + i.requests, 0);
  log(`[soak] ${requests} requests; RSS growth after interval ${options.growthFrom}: ${Object.entries(report.growth).map(([s, p]) => `${s} ${p.toFixed(1)} %`).join(', ')}`);
  for (const problem of report.problems) log(`[soak] FAILED: ${problem}`);
  if (report.problems.length === 0) log('[soak] passed: no 5xx, no unexpected error, RSS growth of every service under the limit');
  failed = report.problems.length > 0;
} finally {
  await stack[Symbol.asyncDispose]();
}
process.exit(failed ? 1 : 0);
