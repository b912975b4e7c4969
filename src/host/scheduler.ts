import { randomUUID } from 'node:crypto';
import { type ScheduledTask, schedule } from 'node-cron';
import { errorSummary } from '../core/contract/error-summary.js';
import type { Logger } from '../core/contract/logger.js';
import type { Core } from '../core/index.js';

/** Longer than a tick, so a live holder keeps the lease; short enough that a dead one loses it soon. */
const LEASE_MS = 150_000;

export type Scheduler = { tick(): void; stop(): void; readonly holder: string };

/**
 * node-cron ticks every minute; the core decides what is due from the database. Only the holder of the
 * scheduler lease ticks, so a second instance started by mistake on the same database stays idle. The
 * first tick runs at once, catching up what was missed while Cairn was down.
 */
export function startScheduler(core: Core, logger: Logger): Scheduler {
  const holder = randomUUID();
  const tick = () => {
    try {
      const done = core.tickAsLeader(holder, LEASE_MS);
      if (done) logger.debug({ done }, 'scheduler tick');
      else logger.debug({}, 'scheduler lease held by another instance');
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
        core.releaseLeadership(holder);
      } catch {
        // The database may already be closed during shutdown; the lease then simply expires.
      }
    },
  };
}
