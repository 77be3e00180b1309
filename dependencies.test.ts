import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Each workspace declares what it imports, so it installs (and its image holds) just that.
const WORKSPACES = ['service-kit', 'schema', 'seed', 'subgraphs/accounts', 'subgraphs/products', 'subgraphs/inventory', 'subgraphs/reviews', 'subgraphs/orders', 'subgraphs/payments', 'subgraphs/audit', 'gateway', 'stack', 'traces', 'infra', 'e2e', 'bench'];

/** The test runner is the repository's, declared once at the root. */
const ROOT_TOOLS = new Set(['vitest']);

/**
 * Development tools run by npm scripts (`compose`, `codegen`, the gateway's build of its IDE bundle,
 * and the browser code it bundles): like tests, they may use devDependencies.
 */
const TOOLS = new Set(['schema/compose.ts', 'schema/codegen.ts', 'schema/resolver-types.ts', 'gateway/src/ide/build-ide.ts']);

const isTestFile = (file: string) =>
  /\.test\.ts$/.test(file) ||
  ['/test-support/', '/test/', '/differential/', '/ide/browser/'].some((folder) => file.includes(folder)) ||
  TOOLS.has(file);

const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Third-party packages a workspace's files import (statically, dynamically or for types only). */
function importsOf(workspace: string): { runtime: Set<string>; tests: Set<string> } {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', `${workspace}/*.ts`], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  const runtime = new Set<string>();
  const tests = new Set<string>();
  for (const file of files) {
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (fileName.startsWith('.') || isBuiltin(fileName)) continue;
      (isTestFile(file) ? tests : runtime).add(packageOf(fileName));
    }
  }
  return { runtime, tests };
}

describe('workspace dependencies', () => {
  it.each(WORKSPACES)('%s declares every package it imports', (workspace) => {
    const manifest = JSON.parse(readFileSync(`${workspace}/package.json`, 'utf8'));
    const forRuntime = new Set([manifest.name, ...Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })]);
    const forTests = new Set([...forRuntime, ...Object.keys(manifest.devDependencies ?? {}), ...ROOT_TOOLS]);
    const { runtime, tests } = importsOf(workspace);
    expect([...runtime].filter((name) => !forRuntime.has(name)), 'imported by its code, missing from dependencies').toEqual([]);
    expect([...tests].filter((name) => !forTests.has(name)), 'imported by its tests, missing from devDependencies').toEqual([]);
  });
});
