import type { StoreStandIn } from '@tributary/service-kit/subgraph/testing';
import { MAX_QUANTITY, type Stock, type StockStore } from '../stock-store.ts';
import { MemoryReservationStore } from './memory-reservation-store.ts';

/** The inventory table in memory, for resolver tests: StockStore's behaviour (an add past MAX_QUANTITY writes nothing). */
export class MemoryStockStore implements StoreStandIn<StockStore> {
  readonly stock = new Map<string, number>();
  readonly reservations = new MemoryReservationStore(this.stock);

  constructor(items: readonly Stock[] = []) {
    for (const { upc, quantity } of items) this.stock.set(upc, quantity);
  }

  async findByUpcs(upcs: readonly string[]): Promise<Stock[]> {
    return upcs.flatMap((upc) => (this.stock.has(upc) ? [{ upc, quantity: this.stock.get(upc)! }] : []));
  }

  async set(upc: string, quantity: number): Promise<Stock> {
    this.stock.set(upc, quantity);
    return { upc, quantity };
  }

  async add(upc: string, amount: number): Promise<Stock | null> {
    const quantity = (this.stock.get(upc) ?? 0) + amount;
    if (quantity > MAX_QUANTITY) return null;
    this.stock.set(upc, quantity);
    return { upc, quantity };
  }

  async isEmpty(): Promise<boolean> {
    return this.stock.size === 0;
  }

  async insertMany(items: readonly Stock[]): Promise<void> {
    for (const { upc, quantity } of items) this.stock.set(upc, quantity);
  }
}
