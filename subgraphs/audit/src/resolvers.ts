import { badUserInput, checkPageSize, forbidden } from '@tributary/service-kit';
import type { AuditFilter } from './audit-store.ts';
import type { Resolvers } from './generated/resolver-types.ts';

export const MAX_PAGE = 100;

const NAME = /^[A-Za-z0-9_.:@-]{1,128}$/;

function checkFilter(filter: AuditFilter | null | undefined): AuditFilter {
  const checked: AuditFilter = {};
  for (const field of ['service', 'entityType', 'entityId'] as const) {
    const value = filter?.[field];
    if (value === null || value === undefined) continue;
    if (!NAME.test(value)) throw badUserInput(`filter.${field} must be 1 to 128 letters, digits or . _ : @ -`, `filter.${field}`);
    checked[field] = value;
  }
  if (checked.entityId !== undefined && checked.entityType === undefined) {
    throw badUserInput('filter.entityId needs filter.entityType (ids are unique per type only)', 'filter.entityId');
  }
  return checked;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const resolvers: Resolvers = {
  Query: {
    // @requiresScopes(admin): the gateway and this subgraph's own check both refuse anyone else.
    auditTrail: (_, { filter, first }, { store, viewer }) => {
      if (!viewer?.scopes.includes('admin')) throw forbidden('The audit trail needs scope admin');
      return store.trail(checkFilter(filter), checkPageSize(first ?? 20, MAX_PAGE));
    },
  },
  AuditEntry: {
    actor: (entry) => (entry.actorUserId ? { __typename: 'User', id: entry.actorUserId } : null),
    before: (entry) => json(entry.before),
    after: (entry) => json(entry.after),
  },
};
