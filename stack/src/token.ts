// `npm run token -- --user <id> [--scope admin] [--ttl <seconds>]`: a token `npm start`'s gateway accepts.
import { parseArgs } from 'node:util';
import { readConfig } from './config.ts';
import { loadOrCreateDevIssuer } from './dev-issuer.ts';

const usage = 'Usage: npm run token -- --user <id> [--scope <scope>]… [--ttl <seconds>]';

function fail(message: string): never {
  console.error(`token: ${message}\n${usage}`);
  process.exit(2);
}

let values: { user?: string; scope?: string[]; ttl?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { user: { type: 'string' }, scope: { type: 'string', multiple: true }, ttl: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.log(`${usage}\n\nPrints a JWT from the development issuer (its key is kept in .tributary/) for the user id,\nwith the scopes given (e.g. admin), valid for --ttl seconds (default 3600).`);
  process.exit(0);
}
if (!values.user || !/^[A-Za-z0-9_-]{1,64}$/.test(values.user)) fail('--user needs a user id (1 to 64 letters, digits, - or _)');
const scopes = values.scope ?? [];
for (const scope of scopes) if (!/^[A-Za-z0-9_:./-]{1,64}$/.test(scope)) fail(`--scope ${JSON.stringify(scope)} is not a scope name`);
const ttlSeconds = values.ttl === undefined ? 3_600 : Number(values.ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 30 * 86_400) fail('--ttl must be 1 to 2592000 seconds');

const issuer = await loadOrCreateDevIssuer(readConfig().DEV_ISSUER_FILE);
console.log(await issuer.token({ user: values.user, scopes, ttlSeconds }));
