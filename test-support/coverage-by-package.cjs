// A coverage reporter printing one row per workspace package (statements, branches) and the total.
// CommonJS because istanbul-reports, which vitest's V8 provider hands reporters to, `require`s it.
'use strict';
const path = require('node:path');

/** Workspaces nested one level deeper than the rest: each subgraph is a package of its own. */
const NESTED = new Set(['subgraphs']);

const packageOf = (file, root) => {
  const parts = path.relative(root, file).split(path.sep);
  return NESTED.has(parts[0]) ? parts.slice(0, 2).join('/') : parts[0];
};

const percent = ({ covered, total }) => (total === 0 ? 100 : (100 * covered) / total).toFixed(1);

class CoverageByPackage {
  constructor(options = {}) {
    this.root = options.projectRoot ?? process.cwd();
  }

  execute(context) {
    const totals = new Map();
    const add = (name, summary) => {
      const row = totals.get(name) ?? { files: 0, statements: { covered: 0, total: 0 }, branches: { covered: 0, total: 0 } };
      row.files += 1;
      for (const kind of ['statements', 'branches']) {
        row[kind].covered += summary[kind].covered;
        row[kind].total += summary[kind].total;
      }
      totals.set(name, row);
    };
    // The flat tree has every file as a leaf.
    context.getTree('flat').visit({
      onDetail: (node) => {
        const summary = node.getCoverageSummary();
        add(packageOf(node.getFileCoverage().path, this.root), summary);
        add('all', summary);
      },
    });
    const names = [...totals.keys()].filter((name) => name !== 'all').sort();
    const rows = [...names, 'all'].map((name) => {
      const { files, statements, branches } = totals.get(name);
      return [name, String(files), percent(statements), `${statements.covered}/${statements.total}`, percent(branches), `${branches.covered}/${branches.total}`];
    });
    const header = ['package', 'files', '% stmts', 'statements', '% branch', 'branches'];
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
    const line = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ');
    const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
    const table = [line(header), rule, ...rows.slice(0, -1).map(line), rule, line(rows.at(-1))];
    process.stdout.write(`\n${table.join('\n')}\n`);
  }
}

module.exports = CoverageByPackage;
