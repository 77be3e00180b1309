import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '@tributary/service-kit';
import { batchGetAll, batchPutAll, domainEvent, isTableEmpty, withOutbox, type DynamoOutboxRelay } from '@tributary/service-kit/subgraph';

export interface Credit {
  userId: string;
  balance: number;
}

/** What a debit or refund did; `applied: false` when an earlier attempt had already done it. */
export interface Movement {
  orderId: string;
  balance: number;
  applied: boolean;
}

export type DebitOutcome = Movement | 'insufficient' | 'voided';

export const MAX_BALANCE = 100_000_000;

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/**
 * The payments table: the only table the payments service owns. dynalite (and this design) has no
 * transactions, so each change is one conditional UpdateItem on the user's item: the balance and
 * the sets of order ids debited and refunded move together, which makes every debit and refund
 * idempotent by order and keeps the balance from ever going below zero.
 */
export class CreditStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly events: DynamoOutboxRelay | undefined;

  /** `events`: the relay of the table's outboxes; each change carries its `StoreCredit` event in the same UpdateItem. */
  constructor(doc: DynamoDBDocumentClient, table: string, events?: DynamoOutboxRelay) {
    this.doc = doc;
    this.table = table;
    this.events = events;
  }

  /** The update with its event in the user's outbox; once sent, `published` tells the relay. */
  private withEvent<T extends UpdateCommandInput>(update: T, type: string, data: Record<string, unknown>, viewer: Identity | null = null): T {
    const userId = String(update.Key!.userId);
    return withOutbox(update, [domainEvent({ service: 'payments', entityType: 'StoreCredit', entityId: userId, type, viewer, data })]);
  }

  private async published(userId: string): Promise<void> {
    this.events?.written({ userId });
    await this.events?.flush();
  }

  findByUsers(userIds: readonly string[]): Promise<Credit[]> {
    return batchGetAll<Credit>(this.doc, this.table, userIds.map((userId) => ({ userId })), ['userId', 'balance']);
  }

  /** Adds credit atomically; null when the balance would exceed MAX_BALANCE. */
  async grant(userId: string, amount: number, viewer: Identity | null = null): Promise<Credit | null> {
    try {
      const update = {
        TableName: this.table,
        Key: { userId },
        UpdateExpression: 'ADD balance :amount',
        ConditionExpression: 'attribute_not_exists(balance) OR balance <= :limit',
        ExpressionAttributeValues: { ':amount': amount, ':limit': MAX_BALANCE - amount },
        ReturnValues: 'ALL_NEW' as const,
      };
      const output = await this.doc.send(new UpdateCommand(this.withEvent(update, 'CreditGranted', { amount }, viewer)));
      await this.published(userId);
      return { userId, balance: Number(output.Attributes?.balance) };
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }

  /**
   * Takes `amount` for `orderId` once: refused when the balance is short, and for good once the
   * order was refunded (or voided by a refund that arrived first).
   */
  async debit(orderId: string, userId: string, amount: number): Promise<DebitOutcome> {
    try {
      const update = {
        TableName: this.table,
        Key: { userId },
        UpdateExpression: 'SET balance = balance - :amount ADD debits :order',
        ConditionExpression: 'balance >= :amount AND NOT contains(debits, :id) AND NOT contains(refunds, :id)',
        ExpressionAttributeValues: { ':amount': amount, ':order': new Set([orderId]), ':id': orderId },
        ReturnValues: 'ALL_NEW' as const,
      };
      const output = await this.doc.send(new UpdateCommand(this.withEvent(update, 'CreditDebited', { orderId, amount: -amount })));
      await this.published(userId);
      return { orderId, balance: Number(output.Attributes?.balance), applied: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const item = await this.item(userId);
    if (item.refunds.has(orderId)) return 'voided';
    if (item.debits.has(orderId)) return { orderId, balance: item.balance, applied: false };
    return 'insufficient';
  }

  /**
   * Gives back `amount` for `orderId` once, if it was debited. When it was not (yet), records the
   * refund anyway, so a debit for the order that arrives late (a retry from a process that died)
   * is refused instead of taking credit for an order that did not complete.
   */
  async refund(orderId: string, userId: string, amount: number): Promise<Movement> {
    try {
      const update = {
        TableName: this.table,
        Key: { userId },
        UpdateExpression: 'SET balance = balance + :amount ADD refunds :order',
        ConditionExpression: 'contains(debits, :id) AND NOT contains(refunds, :id)',
        ExpressionAttributeValues: { ':amount': amount, ':order': new Set([orderId]), ':id': orderId },
        ReturnValues: 'ALL_NEW' as const,
      };
      const output = await this.doc.send(new UpdateCommand(this.withEvent(update, 'CreditRefunded', { orderId, amount })));
      await this.published(userId);
      return { orderId, balance: Number(output.Attributes?.balance), applied: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // Already refunded, or voided before: once voided, a second void changes nothing and says nothing.
    const item = await this.item(userId);
    if (item.refunds.has(orderId)) return { orderId, balance: item.balance, applied: false };
    const update = {
      TableName: this.table,
      Key: { userId },
      UpdateExpression: 'ADD refunds :order',
      ConditionExpression: 'NOT contains(refunds, :id)',
      ExpressionAttributeValues: { ':order': new Set([orderId]), ':id': orderId },
      ReturnValues: 'ALL_NEW' as const,
    };
    try {
      const output = await this.doc.send(new UpdateCommand(this.withEvent(update, 'DebitVoided', { orderId })));
      await this.published(userId);
      return { orderId, balance: Number(output.Attributes?.balance ?? 0), applied: false };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return { orderId, balance: (await this.item(userId)).balance, applied: false };
    }
  }

  private async item(userId: string): Promise<{ balance: number; debits: Set<string>; refunds: Set<string> }> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: { userId }, ConsistentRead: true }));
    return {
      balance: Number(Item?.balance ?? 0),
      debits: (Item?.debits as Set<string> | undefined) ?? new Set(),
      refunds: (Item?.refunds as Set<string> | undefined) ?? new Set(),
    };
  }

  isEmpty(): Promise<boolean> {
    return isTableEmpty(this.doc, this.table);
  }

  insertMany(items: readonly Credit[]): Promise<void> {
    return batchPutAll(this.doc, this.table, items.map((c) => ({ ...c })));
  }
}
