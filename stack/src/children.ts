import { fork, type ChildProcess } from 'node:child_process';
import { nodeMemoryFlags } from '@tributary/service-kit';

export interface Child {
  name: string;
  port: number;
  process: ChildProcess;
}

/**
 * Node flags that run the services' TypeScript sources: tsx (Node 20 cannot strip types), and the
 * export condition that resolves the workspace packages to their sources rather than their builds;
 * and the memory flags every service runs with, in production too.
 */
const execArgv = ['--conditions=@tributary/source', '--import', 'tsx', ...nodeMemoryFlags];

/**
 * Forks a service and resolves once it reports the port it listens on. The IPC channel doubles
 * as a lifeline: the child shuts down when this process exits, however it exits.
 */
export function startChild(name: string, entry: string, env: Record<string, string>, timeoutMs = 120_000): Promise<Child> {
  const child = fork(entry, [], { env, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited during start (${signal ?? `code ${code}`})`));
    });
    child.on('message', (message: { type?: string; port?: number }) => {
      if (message?.type !== 'listening' || typeof message.port !== 'number') return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ name, port: message.port, process: child });
    });
  });
}

/** SIGTERM each child, SIGKILL whichever has not exited after `graceMs`. */
export async function stopChildren(children: Child[], graceMs = 10_000): Promise<void> {
  await Promise.all(
    children.map(
      ({ process: child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
