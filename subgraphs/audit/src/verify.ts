// `npm run audit:verify`: checks the audit trail's hash chain in DATABASE_URL. Exit 0 when intact;
// 1 naming the first broken entry; 2 when the chain cannot be read.
import { createLogger } from '@tributary/service-kit';
import { createDb } from '@tributary/service-kit/subgraph';
import { AuditStore } from './audit-store.ts';
import { readConfig } from './config.ts';
import { verifyChain } from './verify-chain.ts';

const config = readConfig();
const db = createDb({ url: config.DATABASE_URL, max: 1, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS, logger: createLogger('audit-verify', 'warn') });
let code = 0;
try {
  const verdict = await verifyChain(new AuditStore(db));
  if (verdict.intact) {
    console.log(`audit trail intact: ${verdict.entries} entries`);
  } else {
    console.error(`audit trail broken at entry ${verdict.position}${verdict.eventId ? ` (event ${verdict.eventId})` : ''}: ${verdict.reason}; ${verdict.entries} entries before it are intact`);
    code = 1;
  }
} catch (error) {
  console.error(`cannot read the audit trail: ${(error as Error).message}`);
  code = 2;
} finally {
  await db.close().catch(() => undefined);
}
process.exit(code);
