import { spawn, type ChildProcess } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { inheritedEnv } from './config.ts';
import type { GatewaySpec } from './options.ts';
import { ProcessStats } from './proc-stats.ts';

export interface RunningGateway {
  spec: GatewaySpec;
  url: string;
  /** The CPU it is pinned to, if pinned. */
  cpu: number | undefined;
  stats: ProcessStats;
  stop(): Promise<void>;
}

const root = new URL('../../', import.meta.url).pathname;

/** The settings a production deployment runs with; the rate limit is off (see the README). */
export const productionEnv = (spec: GatewaySpec): Record<string, string> => ({
  ...inheritedEnv(),
  NODE_ENV: 'production',
  // 50 clients from one address at thousands of requests per second: the default per-client
  // limit (100/s) would refuse nearly all of them. Costs are only measured by default (no
  // MAX_COST), so the benchmark query (23315 on this supergraph) runs as it is.
  ...(spec.kind === 'tributary' ? { RATE_LIMIT_PER_SECOND: '0' } : {}),
  ...spec.env,
});

/** The command a user runs: the `tributary-gateway` CLI as npm installs it, or stock's standalone server. */
function command(spec: GatewaySpec, supergraphPath: string, port: number, cpuProfDir: string | undefined): string[] {
  // --cpu-prof is refused in NODE_OPTIONS: it goes on the command line, before the script.
  const node = [process.execPath, ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=${spec.name}.cpuprofile`] : [])];
  if (spec.kind === 'stock') return [...node, '--import', 'tsx', `${root}bench/gateway/stock-gateway.ts`, supergraphPath, String(port)];
  const checkout = spec.checkout ? `${spec.checkout.replace(/\/$/, '')}/` : root;
  const bin = realpathSync(`${checkout}node_modules/.bin/tributary-gateway`);
  return [...node, bin, '--supergraph', supergraphPath, '--port', String(port), '--host', '127.0.0.1', '--no-watch'];
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function untilAnswering(url: string, child: ChildProcess, stderr: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}:\n${stderr()}`);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the gateway did not answer within ${timeoutMs} ms:\n${stderr()}`);
}

/**
 * Starts a gateway process on a free port, pinned to `cpu` (taskset execs node, so the pid is
 * the gateway's own), its logs discarded as a production log shipper would take them away.
 */
export async function startGateway(spec: GatewaySpec, supergraphPath: string, cpu: number | undefined, cpuProfDir?: string): Promise<RunningGateway> {
  const port = await freePort();
  const argv = command(spec, supergraphPath, port, cpuProfDir);
  const [file, ...args] = cpu === undefined ? argv : ['taskset', '-c', String(cpu), ...argv];
  const child = spawn(file!, args, { cwd: root, env: productionEnv(spec), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}/graphql`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await untilAnswering(url, child, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    spec,
    url,
    cpu,
    stats: new ProcessStats(child.pid!),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
