import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { benchmarkQueryPath, childEnv } from '../../test-support/config.ts';
import { post } from '../../test-support/stack.ts';

const main = new URL('./main.ts', import.meta.url).pathname;

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('npm start on embedded defaults (PGlite, dynalite)', () => {
  it('serves the benchmark query, then stops every service on SIGINT', async () => {
    // No DATABASE_URL, DYNAMODB_ENDPOINT or REDIS_URL: what a newcomer has.
    const launcher = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...childEnv(), PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    launcher.stdout.on('data', (chunk) => (output += chunk));
    launcher.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => output, { timeout: 90_000, interval: 200 }).toMatch(/Press Ctrl\+C to stop/);
      const gatewayUrl = /Gateway:\s+(\S+)/.exec(output)![1]!;
      expect(output).toContain('embedded PGlite');
      expect(output).toContain('embedded dynalite');
      const { body } = await post(gatewayUrl, await readFile(benchmarkQueryPath, 'utf8'));
      expect(body.errors).toBeUndefined();
      expect(body.data.users.length).toBeGreaterThan(0);
      expect(body.data.topProducts[0].reviews[0].author.reviews[0].product.name).toBeTruthy();

      const ports = [...output.matchAll(/http:\/\/localhost:(\d+)\/graphql/g)].map((m) => Number(m[1]));
      expect(new Set(ports).size).toBe(5);
      launcher.kill('SIGINT');
      expect(await exited).toBe(0);
      for (const port of ports) expect(await portOpen(port), `port ${port} still open`).toBe(false);
    } finally {
      launcher.kill('SIGKILL');
    }
  });
});
