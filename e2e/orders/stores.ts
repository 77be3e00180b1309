import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamo } from '@tributary/service-kit/subgraph';
import pg from 'pg';

/** What the three stores hold of orders, read straight from them (never through the services). */
export interface StoresSnapshot {
  orders: Map<string, { userId: string; status: string; total: number; lines: { upc: string; quantity: number }[] }>;
  stock: Map<string, { quantity: number; holds: Set<string>; returns: Set<string> }>;
  reservations: Map<string, { state: string; lines: { upc: string; quantity: number }[] }>;
  credit: Map<string, { balance: number; debits: Set<string>; refunds: Set<string> }>;
}

async function scanAll(doc: ReturnType<typeof createDynamo>['doc'], table: string): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Reads orders (PostgreSQL), inventory and payments (DynamoDB) as they are now. */
export async function readStores(stores: { databaseUrl: string; dynamodbEndpoint: string }): Promise<StoresSnapshot> {
  const client = new pg.Client({ connectionString: stores.databaseUrl });
  await client.connect();
  const dynamo = createDynamo({ region: 'us-east-1', endpoint: stores.dynamodbEndpoint });
  try {
    const { rows } = await client.query('SELECT id::text AS id, user_id, status, total::float8 AS total, lines FROM orders.orders');
    const [inventory, payments] = await Promise.all([scanAll(dynamo.doc, 'inventory'), scanAll(dynamo.doc, 'payments')]);
    const snapshot: StoresSnapshot = { orders: new Map(), stock: new Map(), reservations: new Map(), credit: new Map() };
    for (const r of rows) snapshot.orders.set(r.id, { userId: r.user_id, status: r.status, total: r.total, lines: r.lines });
    for (const item of inventory) {
      if (String(item.upc).startsWith('reservation#')) {
        snapshot.reservations.set(item.orderId, { state: item.state, lines: item.lines });
      } else {
        snapshot.stock.set(item.upc, { quantity: Number(item.quantity), holds: item.holds ?? new Set(), returns: item.returns ?? new Set() });
      }
    }
    for (const item of payments) {
      snapshot.credit.set(item.userId, { balance: Number(item.balance ?? 0), debits: item.debits ?? new Set(), refunds: item.refunds ?? new Set() });
    }
    return snapshot;
  } finally {
    await client.end();
    dynamo.close();
  }
}

/**
 * The reconciliation over the three stores of every order placed between two snapshots: each
 * ended CONFIRMED (stock taken and kept, credit debited) or fully compensated (nothing taken, or
 * all of it given back), and stock and credit moved by exactly what the confirmed orders bought,
 * to the unit and the cent. Returns the problems found; none means reconciled.
 */
export function reconcile(before: StoresSnapshot, after: StoresSnapshot): string[] {
  const problems: string[] = [];
  const sold = new Map<string, number>();
  const charged = new Map<string, number>();
  for (const [id, order] of after.orders) {
    if (before.orders.has(id)) continue;
    const confirmed = order.status === 'CONFIRMED';
    if (!['CONFIRMED', 'REJECTED', 'CANCELLED'].includes(order.status)) problems.push(`order ${id} is ${order.status}`);
    const reservation = after.reservations.get(id);
    if (confirmed && reservation?.state !== 'confirmed') problems.push(`order ${id} confirmed, its reservation ${reservation?.state}`);
    if (!confirmed && reservation && reservation.state !== 'released') problems.push(`order ${id} ${order.status}, its reservation ${reservation.state}`);
    for (const line of order.lines) {
      const stock = after.stock.get(line.upc);
      const kept = Boolean(stock?.holds.has(id) && !stock.returns.has(id));
      if (kept !== confirmed) problems.push(`order ${id} ${order.status}: ${line.upc} ${kept ? 'still taken' : 'not taken'}`);
      if (confirmed) sold.set(line.upc, (sold.get(line.upc) ?? 0) + line.quantity);
    }
    const credit = after.credit.get(order.userId);
    const debited = Boolean(credit?.debits.has(id) && !credit.refunds.has(id));
    if (debited !== confirmed) problems.push(`order ${id} ${order.status}: credit ${debited ? 'still taken' : 'not taken'}`);
    if (confirmed) charged.set(order.userId, (charged.get(order.userId) ?? 0) + order.total);
  }
  for (const [upc, stock] of after.stock) {
    const expected = (before.stock.get(upc)?.quantity ?? 0) - (sold.get(upc) ?? 0);
    if (stock.quantity !== expected) problems.push(`${upc}: ${stock.quantity} in stock, expected ${expected}`);
  }
  for (const [userId, credit] of after.credit) {
    const expected = (before.credit.get(userId)?.balance ?? 0) - (charged.get(userId) ?? 0);
    if (credit.balance !== expected) problems.push(`user ${userId}: balance ${credit.balance}, expected ${expected}`);
  }
  for (const [id, reservation] of after.reservations) {
    if (['reserving', 'held'].includes(reservation.state)) problems.push(`reservation of ${id} still ${reservation.state}`);
  }
  return problems;
}
