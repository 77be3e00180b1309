import { EntityCache } from '@tributary/service-kit/subgraph';
import { RecordingCacheStore } from '@tributary/service-kit/subgraph/testing';
import { createLogger } from '@tributary/service-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReservationSweeper } from './reservation-sweeper.ts';
import { MemoryStockStore } from './test/memory-stock-store.ts';

const TTL_MS = 15 * 60_000;
const INTERVAL_MS = 10_000;

function setup() {
  const store = new MemoryStockStore([{ upc: 'p1', quantity: 5 }, { upc: 'p2', quantity: 5 }]);
  const logger = createLogger('inventory', 'silent');
  const cacheStore = new RecordingCacheStore('test');
  const cache = new EntityCache({ store: cacheStore, namespace: 'test', negativeTtlSeconds: 5, logger });
  const sweeper = startReservationSweeper(store, cache, logger, INTERVAL_MS);
  return { store, logger, cacheStore, sweeper };
}

describe('the reservation sweeper', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('releases what outlived its expiry unconfirmed, every interval, and drops the cached stock', async () => {
    const { store, cacheStore, sweeper } = setup();
    await store.reservations.reserve('held', [{ upc: 'p1', quantity: 2 }]);
    await store.reservations.reserve('confirmed', [{ upc: 'p2', quantity: 1 }]);
    await store.reservations.confirm('confirmed');
    await vi.advanceTimersByTimeAsync(TTL_MS - INTERVAL_MS);
    // Not yet expired: the sweeps so far found nothing.
    expect([store.stock.get('p1'), cacheStore.keys('del')]).toEqual([3, []]);
    await vi.advanceTimersByTimeAsync(2 * INTERVAL_MS);
    expect((await store.reservations.find('held'))!.state).toBe('released');
    expect((await store.reservations.find('confirmed'))!.state).toBe('confirmed');
    expect([store.stock.get('p1'), store.stock.get('p2')]).toEqual([5, 4]);
    expect(cacheStore.keys('del')).toEqual(['Stock:p1']);
    await sweeper.stop();
  });

  it('logs a sweep that fails, and the next one retries', async () => {
    const { store, logger, sweeper } = setup();
    const warn = vi.spyOn(logger, 'warn');
    await store.reservations.reserve('held', [{ upc: 'p1', quantity: 2 }]);
    vi.spyOn(store.reservations, 'expired').mockRejectedValueOnce(new Error('throttled'));
    vi.setSystemTime(Date.now() + TTL_MS + 1);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.objectContaining({ message: 'throttled' }) }), expect.stringContaining('next one retries'));
    expect(store.stock.get('p1')).toBe(3);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(store.stock.get('p1')).toBe(5);
    await sweeper.stop();
  });

  it('sweeps no more once stopped, after the sweep in progress ends', async () => {
    const { store, sweeper } = setup();
    const expired = vi.spyOn(store.reservations, 'expired');
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(expired).toHaveBeenCalledTimes(1);
    await sweeper.stop();
    await vi.advanceTimersByTimeAsync(10 * INTERVAL_MS);
    expect(expired).toHaveBeenCalledTimes(1);
  });
});
