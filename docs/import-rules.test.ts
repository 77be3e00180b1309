import { mkdtemp, mkdir, rm, symlink, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedFolders, importViolations, repositoryRoot } from './import-rules.ts';

describe('the import rules (.dependency-cruiser.cjs, docs/ARCHITECTURE.md)', () => {
  it('hold on the tree', async () => {
    expect(await importViolations(repositoryRoot, checkedFolders)).toEqual([]);
  }, 60_000);

  describe('on a scratch tree with one deliberate violation of each rule', () => {
    let root: string;
    const files: Record<string, string> = {
      'service-kit/src/core.ts': "import { store } from './subgraph/subgraph.ts';\nexport const core = store;\n",
      'service-kit/src/subgraph/subgraph.ts': "export const store = 1;\n",
      'service-kit/src/knows-storefront.ts': "import { roster } from '../../schema/roster.ts';\nexport const r = roster;\n",
      'schema/roster.ts': "export const roster = [];\n",
      'gateway/src/uses-pg.ts': "import pg from 'pg';\nexport const p = pg;\n",
      'gateway/src/uses-kit-subgraph.ts': "import { store } from '../../service-kit/src/subgraph/subgraph.ts';\nexport const s = store;\n",
      'gateway/src/knows-stack.ts': "import { launch } from '../../stack/src/launch.ts';\nexport const l = launch;\n",
      'stack/src/launch.ts': "export const launch = 1;\n",
      'subgraphs/orders/src/reads-reviews.ts': "import { reviews } from '../../reviews/src/store.ts';\nexport const r = reviews;\n",
      'subgraphs/reviews/src/store.ts': "export const reviews = 1;\n",
      'subgraphs/reviews/src/ships-test-helper.ts': "import { helper } from '../../../test-support/helper.ts';\nexport const h = helper;\n",
      'test-support/helper.ts': "export const helper = 1;\n",
      'traces/src/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'traces/src/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      'web/src/server-code.ts': "import { launch } from '../../stack/src/launch.ts';\nexport const l = launch;\n",
    };

    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'import-rules-'));
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), text);
      }
      await copyFile(join(repositoryRoot, 'tsconfig.json'), join(root, 'tsconfig.json'));
      await symlink(join(repositoryRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it('names each violation with its rule', async () => {
      const found = await importViolations(root, ['service-kit', 'gateway', 'stack', 'subgraphs', 'schema', 'traces', 'web']);
      const seen = found.map((v) => `${v.rule}: ${v.from}`).sort();
      expect(seen).toEqual(
        expect.arrayContaining([
          'kit-core-without-subgraph: service-kit/src/core.ts',
          'kit-is-generic: service-kit/src/knows-storefront.ts',
          'gateway-has-no-store: gateway/src/uses-pg.ts',
          'gateway-has-no-store: gateway/src/uses-kit-subgraph.ts',
          'gateway-is-generic: gateway/src/knows-stack.ts',
          'subgraphs-apart: subgraphs/orders/src/reads-reviews.ts',
          'no-tests-in-production: subgraphs/reviews/src/ships-test-helper.ts',
          'no-circular: traces/src/a.ts',
          'web-is-a-browser-app: web/src/server-code.ts',
          'packages-by-their-entry: gateway/src/knows-stack.ts',
        ]),
      );
    }, 60_000);
  });
});
