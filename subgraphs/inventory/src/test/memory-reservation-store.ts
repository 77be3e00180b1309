import type { StoreStandIn } from '@tributary/service-kit/subgraph/testing';
import type { Reservation, Reservations, ReserveOutcome, StockLine } from '../reservation-store.ts';

/**
 * The orders' reservations in memory, over the stand-in's stock: ReservationStore's behaviour
 * (all lines or none, a retry repeats its answer, a release gives back once and makes a later
 * reserve take nothing, confirm only from held).
 */
export class MemoryReservationStore implements StoreStandIn<Reservations> {
  readonly reservations = new Map<string, Reservation>();
  private readonly stock: Map<string, number>;
  private readonly ttlMs: number;

  constructor(stock: Map<string, number>, ttlMs = 15 * 60_000) {
    this.stock = stock;
    this.ttlMs = ttlMs;
  }

  async find(orderId: string): Promise<Reservation | null> {
    const found = this.reservations.get(orderId);
    return found ? { ...found, lines: [...found.lines] } : null;
  }

  async reserve(orderId: string, lines: StockLine[]): Promise<ReserveOutcome> {
    const known = this.reservations.get(orderId);
    if (known?.state === 'released') return known.outOfStock ? { outOfStock: known.outOfStock } : 'released';
    if (known) return { ...known };
    const sorted = [...lines].sort((a, b) => a.upc.localeCompare(b.upc));
    const short = sorted.find((line) => (this.stock.get(line.upc) ?? 0) < line.quantity);
    if (short) {
      this.reservations.set(orderId, { orderId, lines: [], state: 'released', expiresAt: Date.now(), outOfStock: short.upc });
      return { outOfStock: short.upc };
    }
    for (const line of sorted) this.stock.set(line.upc, this.stock.get(line.upc)! - line.quantity);
    const held: Reservation = { orderId, lines: sorted, state: 'held', expiresAt: Date.now() + this.ttlMs };
    this.reservations.set(orderId, held);
    return { ...held };
  }

  async confirm(orderId: string): Promise<Reservation | 'released' | null> {
    const known = this.reservations.get(orderId);
    if (!known || known.state === 'reserving') return null;
    if (known.state === 'released') return 'released';
    known.state = 'confirmed';
    return { ...known };
  }

  async release(orderId: string): Promise<Reservation> {
    const known = this.reservations.get(orderId);
    if (!known) {
      const tombstone: Reservation = { orderId, lines: [], state: 'released', expiresAt: Date.now() };
      this.reservations.set(orderId, tombstone);
      return { ...tombstone };
    }
    if (known.state !== 'released') {
      for (const line of known.lines) this.stock.set(line.upc, (this.stock.get(line.upc) ?? 0) + line.quantity);
      known.state = 'released';
    }
    return { ...known };
  }

  async expired(now = Date.now()): Promise<string[]> {
    return [...this.reservations.values()]
      .filter((r) => (r.state === 'reserving' || r.state === 'held') && r.expiresAt < now)
      .map((r) => r.orderId);
  }
}
