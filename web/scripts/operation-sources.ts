import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** Where the SPA's operations are written, one `.graphql` file each (fragments too). */
export const operationsDir = new URL('../src/graphql/operations/', import.meta.url).pathname;

/** Every `.graphql` file of the SPA, parsed (a syntax error names its file). */
export function readOperationSources(dir = operationsDir): { location: string; document: DocumentNode }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => {
      const location = join(dir, name);
      return { location, document: parse(readFileSync(location, 'utf8'), { noLocation: true }) };
    });
}
