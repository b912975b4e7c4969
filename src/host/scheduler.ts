import { randomUUID } from 'node:crypto';
import { type ScheduledTask, schedule } from 'node-cron';
import { errorSummary } from '../core/contract/error-summary.js';
import type { Logger } from '../core/contract/logger.js';
import type { Core } from '../core/index.js';

/** Longer than a tick, so a live holder keeps the lease; short enough that a dead one loses it soon. */
const LEASE_MS = 150_000;

export type Scheduler = { tick(): void; stop(): void; readonly holder: string };

export type SchedulerOptions = {
  /** How often the platforms are reconciled (CAIRN_RECONCILE_MINUTES); 0: never (tests). */
  reconcileMinutes?: number;
};

/**
 * node-cron ticks every minute; the core decides what is due from the database. Only the holder of the
 * scheduler lease ticks, so a second instance started by mistake on the same database stays idle. The
 * first tick runs at once, catching up what was missed while Cairn was down. The holder also reconciles
 * with the platforms (events missed while down, installations gone): in the background at start-up, then
 * every `reconcileMinutes`.
 */
export function startScheduler(core: Core, logger: Logger, options: SchedulerOptions = {}): Scheduler {
  const holder = randomUUID();
  let leader = false;
  const tick = () => {
    try {
      const done = core.tickAsLeader(holder, LEASE_MS);
      leader = done !== null;
      if (done) logger.debug({ done }, 'scheduler tick');
      else logger.debug({}, 'scheduler lease held by another instance');
    } catch (err) {
      logger.error({ err: errorSummary(err) }, 'scheduler tick failed');
    }
  };
  const reconcile = (startup: boolean) => {
    if (!leader) return;
    core.reconcile({ startup }).catch((err: unknown) => {
      logger.error({ err: errorSummary(err) }, 'reconcile failed');
    });
  };
  tick();
  const minutes = options.reconcileMinutes ?? 0;
  let every: NodeJS.Timeout | undefined;
  if (minutes > 0) {
    reconcile(true);
    every = setInterval(() => reconcile(false), minutes * 60_000);
    every.unref();
  }
  const task: ScheduledTask = schedule('* * * * *', tick, {
    name: 'cairn-tick',
    noOverlap: true,
    timezone: 'UTC',
  });
  return {
    holder,
    tick,
    stop() {
      clearInterval(every);
      void task.stop();
      try {
        core.releaseLeadership(holder);
      } catch {
        // The database may already be closed during shutdown; the lease then simply expires.
      }
    },
  };
}
