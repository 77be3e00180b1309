// `npm run check:imports`: the import rules of docs/ARCHITECTURE.md over the whole tree.
import { checkedFolders, importViolations, repositoryRoot } from './import-rules.ts';

const violations = await importViolations(repositoryRoot, checkedFolders);
for (const v of violations) console.error(`${v.rule}: ${v.from} → ${v.to}`);
if (violations.length > 0) {
  console.error(`\n${violations.length} import(s) break the rules in .dependency-cruiser.cjs (see docs/ARCHITECTURE.md)`);
  process.exit(1);
}
console.log(`The imports of ${checkedFolders.join(', ')} follow docs/ARCHITECTURE.md`);
