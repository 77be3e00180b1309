// Part of `npm run build -w web`: the trusted-documents manifest the gateway runs with
// (PERSISTED_OPERATIONS_PATH): the SPA's operations and every clients/*.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { manifestPath, mergeManifests, readClientManifests, spaOperations } from './manifest.ts';

const spa = spaOperations();
const clients = readClientManifests();
const manifest = mergeManifests([spa, ...clients.map((c) => c.manifest.operations)]);
mkdirSync(dirname(manifestPath), { recursive: true });
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
const counts = [`spa ${spa.length}`, ...clients.map((c) => `${c.client} ${c.manifest.operations.length}`)].join(', ');
console.log(`${relative(process.cwd(), manifestPath)}: ${manifest.operations.length} operations (${counts})`);
