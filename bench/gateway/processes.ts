import { fork, type ChildProcess } from 'node:child_process';
import { inheritedEnv } from './config.ts';

/** A helper process of the benchmark (TypeScript through tsx), spoken to over IPC. */
export interface HelperProcess {
  pid: number;
  /** Sends a message and waits for the answer of the same type. */
  ask<T>(type: string): Promise<T>;
  stop(): Promise<void>;
}

/** Forks `script` (in this folder) and waits for its `ready` message; returns it with the process. */
export async function startHelper<T>(script: string, args: string[] = []): Promise<{ helper: HelperProcess; ready: T }> {
  const child: ChildProcess = fork(new URL(script, import.meta.url).pathname, args, {
    execArgv: ['--import', 'tsx'],
    env: inheritedEnv(),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<T>((resolve, reject) => {
    child.once('message', (message: { type: string } & T) => (message.type === 'ready' ? resolve(message) : reject(new Error(`${script}: ${JSON.stringify(message)}`))));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  return {
    ready,
    helper: {
      pid: child.pid!,
      ask: <A>(type: string) =>
        new Promise<A>((resolve) => {
          const answer = (message: { type: string } & A) => {
            if (message.type !== type) return;
            child.off('message', answer);
            resolve(message);
          };
          child.on('message', answer);
          child.send({ type });
        }),
      async stop() {
        if (child.exitCode !== null) return;
        child.send({ type: 'stop' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      },
    },
  };
}
