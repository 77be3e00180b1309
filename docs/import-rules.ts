// Runs dependency-cruiser with the repository's import rules (.dependency-cruiser.cjs) over a tree,
// for `npm run check:imports` and for the test that holds the rules to deliberate violations.
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const rulesPath = join(repositoryRoot, '.dependency-cruiser.cjs');

/** The folders whose imports the rules govern. */
export const checkedFolders = [
  'service-kit', 'gateway', 'subgraphs', 'stack', 'traces', 'seed', 'schema',
  'infra', 'web', 'bench', 'e2e', 'test-support', 'docs',
];

export interface Violation {
  rule: string;
  from: string;
  to: string;
}

interface CruiseJson {
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

/** The rule violations in `folders` of the tree at `root` (paths relative to it). */
export async function importViolations(root: string, folders: string[]): Promise<Violation[]> {
  const cli = join(repositoryRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, '--config', rulesPath, '--output-type', 'json', ...folders],
    // A non-zero exit only says violations were found; they are read from the JSON.
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    if (error.stdout) return { stdout: error.stdout };
    throw new Error(`dependency-cruiser failed: ${error.stderr ?? error.message}`);
  });
  const result = JSON.parse(stdout) as CruiseJson;
  return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}
