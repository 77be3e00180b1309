import type { StoreStandIn } from '@tributary/service-kit/subgraph/testing';
import { MAX_BALANCE, type Credit, type CreditStore, type DebitOutcome, type Movement } from '../credit-store.ts';

interface Item {
  /** Absent for an item that only records a voided debit, as in the table. */
  balance?: number;
  debits: Set<string>;
  refunds: Set<string>;
}

/**
 * The payments table in memory, for resolver tests: CreditStore's behaviour (never below zero,
 * a debit and a refund once per order, a refund before its debit voids it, grants up to MAX_BALANCE).
 */
export class MemoryCreditStore implements StoreStandIn<CreditStore> {
  readonly items = new Map<string, Item>();

  constructor(credits: readonly Credit[] = []) {
    for (const { userId, balance } of credits) this.items.set(userId, { balance, debits: new Set(), refunds: new Set() });
  }

  private item(userId: string): Item {
    const item = this.items.get(userId) ?? { debits: new Set(), refunds: new Set() };
    this.items.set(userId, item);
    return item;
  }

  async findByUsers(userIds: readonly string[]): Promise<Credit[]> {
    return userIds.flatMap((userId) => {
      const balance = this.items.get(userId)?.balance;
      return balance === undefined ? [] : [{ userId, balance }];
    });
  }

  async grant(userId: string, amount: number): Promise<Credit | null> {
    const item = this.item(userId);
    if ((item.balance ?? 0) > MAX_BALANCE - amount) return null;
    item.balance = (item.balance ?? 0) + amount;
    return { userId, balance: item.balance };
  }

  async debit(orderId: string, userId: string, amount: number): Promise<DebitOutcome> {
    const item = this.items.get(userId);
    if (item?.refunds.has(orderId)) return 'voided';
    if (item?.debits.has(orderId)) return { orderId, balance: item.balance ?? 0, applied: false };
    if (!item || item.balance === undefined || item.balance < amount) return 'insufficient';
    item.balance -= amount;
    item.debits.add(orderId);
    return { orderId, balance: item.balance, applied: true };
  }

  async refund(orderId: string, userId: string, amount: number): Promise<Movement> {
    const item = this.item(userId);
    if (item.refunds.has(orderId)) return { orderId, balance: item.balance ?? 0, applied: false };
    item.refunds.add(orderId);
    if (!item.debits.has(orderId)) return { orderId, balance: item.balance ?? 0, applied: false };
    item.balance = (item.balance ?? 0) + amount;
    return { orderId, balance: item.balance, applied: true };
  }

  async isEmpty(): Promise<boolean> {
    return this.items.size === 0;
  }

  async insertMany(credits: readonly Credit[]): Promise<void> {
    for (const { userId, balance } of credits) this.items.set(userId, { ...this.item(userId), balance });
  }
}
