import { randomUUID } from 'node:crypto';
import { type ScheduledTask, schedule } from 'node-cron';
import { errorSummary } from '../core/kernel/background.js';
import type { Core } from '../core/index.js';

const LEASE_NAME = 'scheduler';
/** Longer than a tick, so a live holder keeps the lease; short enough that a dead one loses it soon. */
const LEASE_MS = 150_000;

export type Scheduler = { tick(): void; stop(): void; readonly holder: string };

/**
 * node-cron ticks every minute; the core decides what is due from the database. Only the holder of the
 * scheduler lease ticks, so a second instance started by mistake on the same database stays idle. The
 * first tick runs at once, catching up what was missed while Cairn was down.
 */
export function startScheduler(core: Core): Scheduler {
  const holder = randomUUID();
  const { store, clock, logger } = core.deps;
  const tick = () => {
    try {
      if (!store.leases.acquire(LEASE_NAME, holder, clock.now(), LEASE_MS)) {
        logger.debug({}, 'scheduler lease held by another instance');
        return;
      }
      const done = core.tick();
      logger.debug({ done }, 'scheduler tick');
    } catch (err) {
      logger.error({ err: errorSummary(err) }, 'scheduler tick failed');
    }
  };
  tick();
  const task: ScheduledTask = schedule('* * * * *', tick, {
    name: 'cairn-tick',
    noOverlap: true,
    timezone: 'UTC',
  });
  return {
    holder,
    tick,
    stop() {
      void task.stop();
      try {
        store.leases.release(LEASE_NAME, holder);
      } catch {
        // The database may already be closed during shutdown; the lease then simply expires.
      }
    },
  };
}
