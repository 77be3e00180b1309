import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

/** A gateway under test: stock, or Tributary's CLI with environment settings of its own. */
export interface GatewaySpec {
  name: string;
  kind: 'stock' | 'tributary';
  /** Environment the gateway process gets on top of the production settings. */
  env: Record<string, string>;
  /** A Tributary gateway from another checkout (installed and built), e.g. the previous commit. @default this one */
  checkout?: string;
}

export interface BenchOptions {
  /**
   * Measured rounds; each runs every workload on every gateway once, alternating their order.
   * @default 5 (1 with --quick)
   */
  rounds: number;
  /**
   * Seconds of load per workload, gateway and round.
   * @default 12 (2 with --quick)
   */
  durationS: number;
  /**
   * Seconds of load per workload and gateway before the rounds (JIT, caches, connections).
   * @default 5 (1 with --quick)
   */
  warmupS: number;
  /**
   * Clients sending at once, each on its own keep-alive connection.
   * @default 50
   */
  concurrency: number;
  /** Gateways in the order of the first round: stock first. */
  gateways: GatewaySpec[];
  /** Pin processes with taskset (needs two cores and the taskset command). @default true */
  pin: boolean;
  /** Where gateway.json and gateway.md are written. @default bench/results */
  resultsDir: string;
  /** The workloads measured, in this order. @default identical and varied */
  workloads: ('identical' | 'varied')[];
  /** Each gateway runs under `node --cpu-prof`, its profile written here when it stops. @default none */
  cpuProfDir?: string;
}

export const usage = `Usage: npm run bench:gateway -- [options]

The public federation gateway benchmark: stock @apollo/gateway + @apollo/server against Tributary's
gateway (its CLI, production settings), alternating rounds, two workloads (identical, varied).

Options:
  --quick                    A short smoke run: 1 round of 2 s, 1 s warm-up.
  --rounds <n>               Measured rounds (default 5).
  --duration <s>             Seconds per workload, gateway and round (default 12).
  --warmup <s>               Warm-up seconds per workload and gateway (default 5).
  --concurrency <n>          Concurrent clients (default 50).
  --tributary-env KEY=VALUE  Environment for the Tributary gateway, e.g. GATEWAY_EXECUTOR=apollo
                             (repeatable).
  --variant NAME:KEY=VALUE[,KEY=VALUE]
                             Also measure another Tributary gateway with these settings, e.g.
                             --variant apollo-executor:GATEWAY_EXECUTOR=apollo (repeatable).
  --baseline <dir>           Also measure the tributary-gateway of another checkout (installed and
                             built, e.g. a worktree of the previous commit) as "baseline".
  --no-pin                   Do not pin processes to cores.
  --results <dir>            Where gateway.json and gateway.md go (default bench/results).
  --workload <name>          Measure only this workload, identical or varied (repeatable).
  --cpu-prof <dir>           Run every gateway under node --cpu-prof; each writes its profile
                             (<name>.cpuprofile, for Chrome DevTools) to <dir> when it stops.
  --help                     Print this help.`;

const pair = (text: string, flag: string): [string, string] => {
  const at = text.indexOf('=');
  if (at < 1) throw new Error(`${flag} takes KEY=VALUE, got "${text}"`);
  return [text.slice(0, at), text.slice(at + 1)];
};

const count = (text: string | undefined, fallback: number, flag: string, min: number): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) throw new Error(`${flag} must be a number of at least ${min}, got "${text}"`);
  return value;
};

const workloadName = (text: string): 'identical' | 'varied' => {
  if (text !== 'identical' && text !== 'varied') throw new Error(`--workload takes identical or varied, got "${text}"`);
  return text;
};

/** Reads the command line; throws a message for the user on a bad one. */
export function parseOptions(argv: string[], defaultResultsDir: string): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      'tributary-env': { type: 'string', multiple: true, default: [] },
      variant: { type: 'string', multiple: true, default: [] },
      pin: { type: 'boolean', default: true },
      'no-pin': { type: 'boolean', default: false },
      results: { type: 'string' },
      'cpu-prof': { type: 'string' },
      baseline: { type: 'string' },
      workload: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const quick = values.quick;
  const variants = values.variant.map((text): GatewaySpec => {
    const at = text.indexOf(':');
    const name = at < 0 ? text : text.slice(0, at);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || name === 'stock' || name === 'tributary') throw new Error(`--variant needs a new name of a-z, 0-9 and -, got "${name}"`);
    const settings = at < 0 ? [] : text.slice(at + 1).split(',').filter(Boolean);
    return { name, kind: 'tributary', env: Object.fromEntries(settings.map((s) => pair(s, '--variant'))) };
  });
  return {
    rounds: count(values.rounds, quick ? 1 : 5, '--rounds', 1),
    durationS: count(values.duration, quick ? 2 : 12, '--duration', 0.5),
    warmupS: count(values.warmup, quick ? 1 : 5, '--warmup', 0),
    concurrency: count(values.concurrency, 50, '--concurrency', 1),
    gateways: [
      { name: 'stock', kind: 'stock', env: {} },
      { name: 'tributary', kind: 'tributary', env: Object.fromEntries(values['tributary-env'].map((s) => pair(s, '--tributary-env'))) },
      ...variants,
      ...(values.baseline ? [{ name: 'baseline', kind: 'tributary' as const, env: Object.fromEntries(values['tributary-env'].map((s) => pair(s, '--tributary-env'))), checkout: values.baseline }] : []),
    ],
    pin: values.pin && !values['no-pin'] && availableParallelism() >= 2,
    resultsDir: values.results ?? defaultResultsDir,
    workloads: values.workload.length ? values.workload.map(workloadName) : ['identical', 'varied'],
    ...(values['cpu-prof'] ? { cpuProfDir: values['cpu-prof'] } : {}),
  };
}
