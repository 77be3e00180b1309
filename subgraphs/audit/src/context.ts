import type { SubgraphContext } from '@tributary/service-kit/subgraph';
import type { AuditStore } from './audit-store.ts';

/** What each audit resolver receives: the kit's bootstrap builds one per request. */
export type AuditContext = SubgraphContext<AuditStore, Record<string, never>>;
