import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmePath, renderReadme } from './readme-config.ts';

describe('the README', () => {
  const readme = readFileSync(readmePath, 'utf8');

  it('carries every configuration table and the --help as the settings tables make them (npm run docs:config)', () => {
    expect(renderReadme(readme) === readme, 'the README is stale: run `npm run docs:config`').toBe(true);
  });
});
