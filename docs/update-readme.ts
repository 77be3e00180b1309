// `npm run docs:config`: regenerates the README's configuration tables and the gateway's --help.
import { readFile, writeFile } from 'node:fs/promises';
import { readmePath, renderReadme } from './readme-config.ts';

const before = await readFile(readmePath, 'utf8');
const after = renderReadme(before);
await writeFile(readmePath, after);
console.log(after === before ? 'README.md is up to date' : 'README.md updated');
