import { admin, anonymous, errorsOf, testSubgraph, user } from '@tributary/service-kit/subgraph/testing';
import { describe, expect, it } from 'vitest';
import { subgraph } from './app.ts';
import { settings } from './config.ts';
import { resolvers } from './resolvers.ts';
import { appendAll, event } from './test/audit-events.ts';
import { MemoryAuditStore } from './test/memory-audit-store.ts';

/** A trail of four entries: three of inventory's (two for p1, one for p2), then a review added by user 5. */
async function audit() {
  const store = new MemoryAuditStore();
  await appendAll(store, [
    event({ entityId: 'p1', data: { before: null, after: { quantity: 5 } } }),
    event({ entityId: 'p2' }),
    event({ entityId: 'p1', actor: { userId: null, admin: false }, traceId: null, data: { reason: 'expired' } }),
    event({ service: 'reviews', entityType: 'Review', entityId: '7', type: 'ReviewAdded', actor: { userId: '5', admin: false }, data: { after: { rating: 5 } } }),
  ]);
  // The consumer's worker is not started: the trail is served from the store alone.
  return { store, kit: testSubgraph(subgraph, { config: settings.parse({ DATABASE_URL: 'postgres://unused/audit' }), store }) };
}

const trail = `query($filter: AuditFilter, $first: Int) {
  auditTrail(filter: $filter, first: $first) { position service entityType entityId type actor { id } actorAdmin traceId before after hash previousHash }
}`;

const positions = (result: { data?: { auditTrail: { position: number }[] } | null }) => result.data!.auditTrail.map((e) => e.position);

describe('Query.auditTrail (scope admin)', () => {
  it('answers an admin the newest entries first, with before and after as JSON text', async () => {
    const { kit, store } = await audit();
    const result = await kit.execute<{ auditTrail: Record<string, unknown>[] }>(trail, { viewer: admin('9') });
    expect(positions(result as never)).toEqual([4, 3, 2, 1]);
    expect(result.data!.auditTrail[0]).toEqual({
      position: 4,
      service: 'reviews',
      entityType: 'Review',
      entityId: '7',
      type: 'ReviewAdded',
      actor: { id: '5' },
      actorAdmin: false,
      traceId: store.entries[3]!.traceId,
      before: null,
      after: '{"rating":5}',
      hash: store.entries[3]!.hash,
      previousHash: store.entries[2]!.hash,
    });
    // Nobody asked for the third change (a timer): no actor.
    expect(result.data!.auditTrail[1]).toMatchObject({ actor: null, traceId: null, before: null, after: null });
    expect(result.data!.auditTrail[3]).toMatchObject({ before: null, after: '{"quantity":5}', actor: { id: '9' }, actorAdmin: true });
    expect(kit.callsTo('trail')).toEqual([[{}, 20]]);
  });

  it('filters by service, entity type and entity, and takes the first N', async () => {
    const { kit } = await audit();
    const run = (filter: Record<string, unknown> | null, first?: number) => kit.execute(trail, { variables: { filter, first }, viewer: admin('9') });
    expect(positions((await run({ service: 'inventory' })) as never)).toEqual([3, 2, 1]);
    expect(positions((await run({ entityType: 'Stock', entityId: 'p1' })) as never)).toEqual([3, 1]);
    expect(positions((await run({ service: 'reviews', entityType: 'Review', entityId: '7' })) as never)).toEqual([4]);
    expect(positions((await run({ service: 'payments' })) as never)).toEqual([]);
    expect(positions((await run(null, 2)) as never)).toEqual([4, 3]);
    expect(positions((await run({ service: null, entityType: null }, 100)) as never)).toEqual([4, 3, 2, 1]);
  });

  it.each([
    [{ service: 'in ventory' }, 'filter.service'],
    [{ entityType: "Stock'--" }, 'filter.entityType'],
    [{ entityType: 'Stock', entityId: 'x'.repeat(129) }, 'filter.entityId'],
    [{ entityType: 'Stock', entityId: '' }, 'filter.entityId'],
    [{ entityId: 'p1' }, 'filter.entityId'],
  ])('refuses the filter %j with BAD_USER_INPUT on %s, reading nothing', async (filter, field) => {
    const { kit } = await audit();
    const result = await kit.execute(trail, { variables: { filter }, viewer: admin('9') });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field, path: ['auditTrail'] }]);
    expect(kit.storeCalls).toEqual([]);
  });

  it.each([0, 101, -1])('refuses first: %i with BAD_USER_INPUT on first', async (first) => {
    const { kit } = await audit();
    expect(errorsOf(await kit.execute(trail, { variables: { first }, viewer: admin('9') }))).toEqual([{ code: 'BAD_USER_INPUT', field: 'first', path: ['auditTrail'] }]);
    expect(kit.storeCalls).toEqual([]);
  });

  it.each([
    ['an anonymous caller', anonymous, 'UNAUTHENTICATED'],
    ['a user without the admin scope', user('1'), 'FORBIDDEN'],
    ['a service', { userId: '1', scopes: ['service'] }, 'FORBIDDEN'],
  ])('refuses %s with %s, reading nothing', async (_, viewer, code) => {
    const { kit } = await audit();
    const result = await kit.execute(trail, { viewer });
    expect(result.data).toBeNull();
    expect(errorsOf(result)).toEqual([{ code, path: ['auditTrail'] }]);
    expect(kit.storeCalls).toEqual([]);
  });

  it('checks the admin scope itself too, should the directive ever be dropped from the schema', async () => {
    const { kit } = await audit();
    const auditTrail = resolvers.Query!.auditTrail as (parent: unknown, args: unknown, context: unknown) => unknown;
    for (const viewer of [null, user('1')]) {
      const context = await kit.context(viewer);
      expect(() => auditTrail({}, { first: 20 }, context)).toThrow(expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }));
    }
    expect(kit.storeCalls).toEqual([]);
  });
});
