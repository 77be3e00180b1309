import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { domainEvent, withOutbox, type DynamoOutboxRelay } from '@tributary/service-kit/subgraph';
import { BY_EXPIRY } from './table.ts';

export interface StockLine {
  upc: string;
  quantity: number;
}

/**
 * `reserving` while stock is being taken, `held` once every line is, `confirmed` by the saga's last
 * step, `released` when compensated, cancelled or expired (its stock given back).
 */
export type ReservationState = 'reserving' | 'held' | 'confirmed' | 'released';

export interface Reservation {
  orderId: string;
  lines: StockLine[];
  state: ReservationState;
  /** Epoch milliseconds after which a reservation that is not confirmed is released. */
  expiresAt: number;
  /** The product that was short, when the reservation was released for it. */
  outOfStock?: string;
}

export type ReserveOutcome = Reservation | { outOfStock: string } | 'released';

/** What the resolvers and the sweeper use of the reservations (an in-memory stand-in offers the same). */
export type Reservations = Pick<ReservationStore, 'find' | 'reserve' | 'confirm' | 'release' | 'expired'>;

const PREFIX = 'reservation#';
const TRANSITIONS: Record<ReservationState, string> = {
  reserving: 'ReservationStarted',
  held: 'ReservationHeld',
  confirmed: 'ReservationConfirmed',
  released: 'ReservationReleased',
};
/** Carried by reservations still reserving or held (the sparse index's key), removed once they end. */
const PENDING = 'pending';
const keyOf = (orderId: string) => ({ upc: `${PREFIX}${orderId}` });
// RETURNS is one of DynamoDB's reserved words: the markers go by placeholders.
const MARKERS = { '#holds': 'holds', '#returns': 'returns' };
const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/**
 * Reservations of stock for orders, in the inventory table beside the stock (keyed
 * `reservation#<orderId>`, which no UPC can be). Without transactions, each stock item carries the
 * orders that took units from it (`holds`) and got them back (`returns`): taking and giving back
 * are each one conditional UpdateItem, once per order and product, so retries never move stock
 * twice and nothing is given back that was not taken.
 */
export class ReservationStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;
  /** How long a reservation holds its stock unless confirmed. */
  private readonly ttlMs: number;
  private readonly events: DynamoOutboxRelay | undefined;

  /** `events`: the relay of the table's outboxes; every change of stock or reservation carries its event. */
  constructor(doc: DynamoDBDocumentClient, table: string, ttlMs: number, events?: DynamoOutboxRelay) {
    this.doc = doc;
    this.table = table;
    this.ttlMs = ttlMs;
    this.events = events;
  }

  /** The events of one item, in the same UpdateItem as its change; the relay is told to publish them. */
  private withEvent<T extends UpdateCommandInput>(update: T, entityType: 'Stock' | 'Reservation', entityId: string, type: string, data: Record<string, unknown>): T {
    this.events?.written(update.Key!);
    return withOutbox(update, [domainEvent({ service: 'inventory', entityType, entityId, type, data })]);
  }

  private async flush(): Promise<void> {
    await this.events?.flush();
  }

  async find(orderId: string): Promise<Reservation | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: keyOf(orderId), ConsistentRead: true }));
    if (!Item) return null;
    const reservation: Reservation = { orderId, lines: Item.lines as StockLine[], state: Item.state as ReservationState, expiresAt: Number(Item.expiresAt) };
    return Item.outOfStock ? { ...reservation, outOfStock: String(Item.outOfStock) } : reservation;
  }

  /** Takes every line's units for `orderId`, or none of them; a retry continues or repeats the answer. */
  async reserve(orderId: string, lines: StockLine[]): Promise<ReserveOutcome> {
    try {
      return await this.reserveLines(orderId, lines);
    } finally {
      await this.flush();
    }
  }

  private async reserveLines(orderId: string, lines: StockLine[]): Promise<ReserveOutcome> {
    const sorted = [...lines].sort((a, b) => a.upc.localeCompare(b.upc));
    const fresh: Reservation = { orderId, lines: sorted, state: 'reserving', expiresAt: Date.now() + this.ttlMs };
    const reservation = (await this.create(fresh)) ? fresh : (await this.find(orderId))!;
    // A retry after a refusal gets the same answer.
    if (reservation.state === 'released') return reservation.outOfStock ? { outOfStock: reservation.outOfStock } : 'released';
    if (reservation.state !== 'reserving') return reservation;
    for (const line of reservation.lines) {
      const taken = await this.take(orderId, line);
      if (taken === 'out') {
        await this.doc.send(
          new UpdateCommand({ TableName: this.table, Key: keyOf(orderId), UpdateExpression: 'SET outOfStock = :upc', ExpressionAttributeValues: { ':upc': line.upc } }),
        );
        await this.release(orderId);
        return { outOfStock: line.upc };
      }
      if (taken === 'returned') return 'released';
    }
    if (await this.transition(orderId, 'reserving', 'held')) return { ...reservation, state: 'held' };
    const now = (await this.find(orderId))!;
    // Released while the lines were being taken (expired, or compensated): give back what was taken since.
    if (now.state === 'released') {
      await this.release(orderId);
      return 'released';
    }
    return now;
  }

  /** Marks a held reservation confirmed: its stock stays taken. */
  async confirm(orderId: string): Promise<Reservation | 'released' | null> {
    if (await this.transition(orderId, 'held', 'confirmed')) {
      await this.flush();
      return (await this.find(orderId))!;
    }
    const now = await this.find(orderId);
    if (!now || now.state === 'reserving') return null;
    return now.state === 'released' ? 'released' : now;
  }

  /**
   * Gives an order's stock back, whatever state its reservation is in (a cancelled order's too),
   * and marks it released, so a reserve that arrives after it (a retry) takes nothing. Running it
   * again finishes what a crashed run left undone.
   */
  async release(orderId: string): Promise<Reservation> {
    try {
      return await this.releaseLines(orderId);
    } finally {
      await this.flush();
    }
  }

  private async releaseLines(orderId: string): Promise<Reservation> {
    for (;;) {
      const reservation = await this.find(orderId);
      if (!reservation) {
        const tombstone: Reservation = { orderId, lines: [], state: 'released', expiresAt: Date.now() };
        if (await this.create(tombstone)) return tombstone;
        continue;
      }
      if (reservation.state !== 'released' && !(await this.transition(orderId, reservation.state, 'released'))) continue;
      for (const line of reservation.lines) await this.giveBack(orderId, line);
      return { ...reservation, state: 'released' };
    }
  }

  /** Reservations past their expiry that were never confirmed, from the sparse index (never a Scan). */
  async expired(now = Date.now()): Promise<string[]> {
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: BY_EXPIRY,
          KeyConditionExpression: 'sweep = :pending AND expiresAt < :now',
          ExpressionAttributeValues: { ':pending': PENDING, ':now': now },
          ExclusiveStartKey: start,
        }),
      );
      ids.push(...(page.Items ?? []).map((item) => String(item.upc).slice(PREFIX.length)));
      start = page.LastEvaluatedKey;
    } while (start);
    return ids;
  }

  private async create(reservation: Reservation): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keyOf(reservation.orderId), ...reservation, ...(reservation.state === 'reserving' ? { sweep: PENDING } : {}) },
          ConditionExpression: 'attribute_not_exists(upc)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async transition(orderId: string, from: ReservationState, to: ReservationState): Promise<boolean> {
    try {
      const update = {
        TableName: this.table,
        Key: keyOf(orderId),
        // Confirmed or released, a reservation leaves the sweeper's index.
        UpdateExpression: to === 'held' ? 'SET #state = :to' : 'SET #state = :to REMOVE sweep',
        ConditionExpression: '#state = :from',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':from': from, ':to': to },
      };
      await this.doc.send(new UpdateCommand(this.withEvent(update, 'Reservation', orderId, TRANSITIONS[to], { orderId, before: { state: from }, after: { state: to } })));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** One line's units for one order: taken now or before, given back already, or not in stock. */
  private async take(orderId: string, { upc, quantity }: StockLine): Promise<'taken' | 'returned' | 'out'> {
    try {
      const update = {
        TableName: this.table,
        Key: { upc },
        UpdateExpression: 'SET quantity = quantity - :q ADD #holds :order',
        ConditionExpression: 'quantity >= :q AND NOT contains(#holds, :id) AND NOT contains(#returns, :id)',
        ExpressionAttributeNames: MARKERS,
        ExpressionAttributeValues: { ':q': quantity, ':order': new Set([orderId]), ':id': orderId },
      };
      await this.doc.send(new UpdateCommand(this.withEvent(update, 'Stock', upc, 'StockReserved', { orderId, quantity: -quantity })));
      return 'taken';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: { upc }, ConsistentRead: true }));
    if ((Item?.returns as Set<string> | undefined)?.has(orderId)) return 'returned';
    return (Item?.holds as Set<string> | undefined)?.has(orderId) ? 'taken' : 'out';
  }

  private async giveBack(orderId: string, { upc, quantity }: StockLine): Promise<void> {
    try {
      const update = {
        TableName: this.table,
        Key: { upc },
        UpdateExpression: 'SET quantity = quantity + :q ADD #returns :order',
        ConditionExpression: 'contains(#holds, :id) AND NOT contains(#returns, :id)',
        ExpressionAttributeNames: MARKERS,
        ExpressionAttributeValues: { ':q': quantity, ':order': new Set([orderId]), ':id': orderId },
      };
      await this.doc.send(new UpdateCommand(this.withEvent(update, 'Stock', upc, 'StockReturned', { orderId, quantity })));
    } catch (error) {
      // Never taken, or given back already: nothing to do.
      if (!isConditionFailure(error)) throw error;
    }
  }
}
