import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sourceExecArgv } from './config.ts';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** A fresh process loading the whole gateway's sources through tsx: seconds, more on a busy machine. */
export const LOAD_TIMEOUT_MS = 60_000;

// Run in a fresh process: what this one (vitest) has loaded says nothing about the module.
const probe = `
import { createRequire } from 'node:module';
await import(process.argv[1]);
const files = Object.keys(createRequire(import.meta.url).cache);
const names = files.map((file) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(file)?.[1]).filter(Boolean);
console.log(JSON.stringify([...new Set(names)]));
`;

/**
 * The packages (from node_modules) that importing `specifier` loads, in a new Node process. It
 * reads Node's CommonJS module cache, which ESM imports of CommonJS packages fill too: it sees
 * CommonJS packages only, as pg, the AWS SDK's DynamoDB clients and DataLoader are. `args`
 * follow the specifier in `process.argv`, for a module that does more than load.
 */
export async function packagesLoadedBy(specifier: string, ...args: string[]): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...sourceExecArgv, '--input-type=module', '--eval', probe, specifier, ...args],
    { cwd: repoRoot, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as string[];
}
