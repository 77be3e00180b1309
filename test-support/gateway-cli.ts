import { fork, type ChildProcess } from 'node:child_process';
import { childEnv, sourceExecArgv } from './config.ts';

/** The CLI's entry, run from its sources (the installed package, from its build, is tested by the pack test). */
const gatewayMain = new URL('../gateway/src/main.ts', import.meta.url).pathname;

export interface GatewayProcess {
  url: string;
  process: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Which CLI to run: the sources by default, or an installed `bin` (run by plain node, as users do). */
export interface CliEntry {
  bin?: string;
  /** Working directory of the process. */
  cwd?: string;
}

const spawnCli = (args: string[], env: Record<string, string>, entry: CliEntry = {}) => {
  // An IPC channel: the gateway reports its port on it, and exits when the test process does.
  const child = fork(entry.bin ?? gatewayMain, args, {
    env: { ...childEnv(), ...env },
    execArgv: entry.bin ? [] : sourceExecArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    ...(entry.cwd ? { cwd: entry.cwd } : {}),
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
};

/** Starts `tributary-gateway args…` and resolves once it listens. */
export function startGatewayCli(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000, entry: CliEntry = {}): Promise<GatewayProcess> {
  const { child, output } = spawnCli(['--port', '0', '--host', '127.0.0.1', ...args], { LOG_LEVEL: 'info', ...env }, entry);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the gateway did not start within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited with ${code} during start:\n${output()}`));
    });
    child.on('message', (message: { type?: string; port?: number }) => {
      if (message?.type !== 'listening') return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        url: `http://127.0.0.1:${message.port}/graphql`,
        process: child,
        output,
        async [Symbol.asyncDispose]() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((done) => child.once('exit', done));
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

/** Runs `tributary-gateway args…` to its exit, e.g. one that fails at start. */
export function runGatewayCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnCli(args, { LOG_LEVEL: 'warn', ...env });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output: output() })));
}
