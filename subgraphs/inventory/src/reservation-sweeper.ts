import type { Logger } from '@tributary/service-kit';
import type { EntityCache, Worker } from '@tributary/service-kit/subgraph';
import type { StockStore } from './stock-store.ts';

/**
 * Releases reservations that outlived their expiry unconfirmed (an orders process that died and
 * never came back, a saga that stalled), so no stock stays set aside for an order that will not
 * complete. Every replica may sweep: releasing is idempotent.
 */
export function startReservationSweeper(store: Pick<StockStore, 'reservations'>, cache: EntityCache, logger: Logger, intervalMs: number): Worker {
  let running: Promise<void> = Promise.resolve();
  const sweep = async () => {
    try {
      for (const orderId of await store.reservations.expired()) {
        const released = await store.reservations.release(orderId);
        await cache.invalidate('Stock', released.lines.map((l) => l.upc));
        logger.info({ orderId }, 'expired reservation released');
      }
    } catch (error) {
      logger.warn({ err: error }, 'reservation sweep failed; the next one retries');
    }
  };
  const timer = setInterval(() => {
    running = running.then(sweep);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
