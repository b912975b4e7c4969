import type Database from 'better-sqlite3';
import { errorSummary } from '../src/core/contract/error-summary.js';
import { type Logger, silentLogger } from '../src/core/contract/logger.js';
import type { MaintenanceStatus } from '../src/core/ports/store.js';

export type MaintenanceOptions = {
  logger?: Logger;
  /** First wait before trying a delayed checkpoint again; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Shortest time between two rewrites of the file (VACUUM). */
  wipeIntervalMs?: number;
  /** While the WAL waits, a warning is logged once per period of this length (aligned on the wall clock). */
  warnEveryMs?: number;
};

/** A rewrite of the file (VACUUM) happens at most this often: 0.3 s per 50 MB with the event loop held. */
export const WIPE_INTERVAL_MS = 5 * 60_000;

/**
 * Keeps the WAL empty and the file rewritten without ever waiting on another connection on the request
 * thread.
 *
 * A checkpoint that truncates the WAL must wait until no other connection reads from it (a second
 * instance, `npm run cairn`, the sqlite3 shell, a backup tool holding a read transaction). With a busy
 * timeout that wait happened on the request thread (5 s, then `busy` anyway). Here a checkpoint is tried
 * without waiting (busy_timeout 0 for that one call); when another connection is reading, it is tried again
 * in the background, sooner and sooner, until the WAL is empty, and the delay is logged and reported.
 *
 * What is logged about a wait never says when it began: the first checkpoint that had to wait may be a
 * check-in answer's, and a line at that instant, or a delay from which it can be computed, would date the
 * answer. A wait is logged when it ends (the other program stopped reading), with its length in coarse steps
 * (`waitedAtLeast`: 1 s, 10 s, 1 min, 10 min, 1 h), and, while it lasts, once per ten minutes of the wall
 * clock, without a length. `npm run cairn -- status` gives the WAL's size to the operator.
 *
 * The rewrite of the whole file (VACUUM: free pages and page layout keep nothing of what was deleted;
 * secure_delete has already zeroed the deleted content itself) is requested by erasures and round closes
 * and run by the scheduler's tick, off the request path, at most once per `wipeIntervalMs`.
 */
export class DatabaseMaintenance {
  private readonly logger: Logger;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;
  private readonly wipeIntervalMs: number;
  private readonly warnEveryMs: number;
  private walPendingSince: number | undefined;
  private warnedPeriod = 0;
  private lastCheckpointDelayMs: number | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private nextRetryMs: number;
  private wipeRequestedAt: Date | undefined;
  private lastWipeAt: Date | undefined;

  constructor(
    private readonly sqlite: Database.Database,
    options: MaintenanceOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.retryMs = options.retryMs ?? 25;
    this.maxRetryMs = options.maxRetryMs ?? 250;
    this.wipeIntervalMs = options.wipeIntervalMs ?? WIPE_INTERVAL_MS;
    this.warnEveryMs = options.warnEveryMs ?? 10 * 60_000;
    this.nextRetryMs = this.retryMs;
  }

  /** Empties the WAL now if nobody else reads it, else soon in the background; true when empty now. */
  checkpoint(): boolean {
    if (this.tryTruncate()) {
      this.done();
      return true;
    }
    if (this.walPendingSince === undefined) {
      this.walPendingSince = Date.now();
      // No line now: this instant may be a check-in answer's (see the class comment).
      this.warnedPeriod = Math.floor(this.walPendingSince / this.warnEveryMs);
    }
    this.scheduleRetry();
    return false;
  }

  /** Asks for the file to be rewritten; `wipeIfDue` does it. */
  requestWipe(at: Date): void {
    this.wipeRequestedAt ??= at;
  }

  /** Rewrites the file when asked and the last rewrite is `wipeIntervalMs` old; true when it did. */
  wipeIfDue(now: Date): boolean {
    if (!this.wipeRequestedAt || !this.sqlite.open || this.sqlite.inTransaction) return false;
    if (this.lastWipeAt && now.getTime() - this.lastWipeAt.getTime() < this.wipeIntervalMs) return false;
    const started = performance.now();
    try {
      this.withoutWaiting(() => this.sqlite.exec('VACUUM'));
    } catch (err) {
      // Another connection is writing: the next tick tries again.
      this.logger.warn({ err: errorSummary(err) }, 'database: rewrite postponed');
      return false;
    }
    const waited = now.getTime() - this.wipeRequestedAt.getTime();
    this.wipeRequestedAt = undefined;
    this.lastWipeAt = now;
    this.checkpoint();
    this.logger.info({ ms: Math.round(performance.now() - started), waitedMs: waited }, 'database rewritten');
    return true;
  }

  /**
   * Shutdown: the rewrite asked for and the checkpoint, now, waiting for other connections as long as the
   * connection's busy timeout allows (nobody is waiting for an answer any more).
   */
  flush(now: Date = new Date()): void {
    this.stop();
    if (!this.sqlite.open || this.sqlite.inTransaction) return;
    if (this.wipeRequestedAt) {
      this.sqlite.exec('VACUUM');
      this.wipeRequestedAt = undefined;
      this.lastWipeAt = now;
    }
    const [row] = this.sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (row?.busy === 0) this.done();
  }

  stop(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  status(): MaintenanceStatus {
    return {
      walPendingMs: this.walPendingSince === undefined ? null : Date.now() - this.walPendingSince,
      lastCheckpointDelayMs: this.lastCheckpointDelayMs,
      wipeRequestedAt: this.wipeRequestedAt ?? null,
      lastWipeAt: this.lastWipeAt ?? null,
    };
  }

  private done(): void {
    if (this.walPendingSince === undefined) return;
    this.lastCheckpointDelayMs = Date.now() - this.walPendingSince;
    this.walPendingSince = undefined;
    this.nextRetryMs = this.retryMs;
    this.stop();
    this.logger.warn(
      { waitedAtLeast: coarse(this.lastCheckpointDelayMs) },
      'database: WAL emptied once another connection stopped reading',
    );
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.sqlite.open) return;
      try {
        if (this.tryTruncate()) return this.done();
      } catch (err) {
        this.logger.error({ err: errorSummary(err) }, 'database: checkpoint failed');
      }
      this.nextRetryMs = Math.min(this.maxRetryMs, this.nextRetryMs * 2);
      const period = Math.floor(Date.now() / this.warnEveryMs);
      if (this.walPendingSince !== undefined && period > this.warnedPeriod) {
        this.warnedPeriod = period;
        this.logger.warn({}, 'database: WAL waiting for another connection to stop reading');
      }
      this.scheduleRetry();
    }, this.nextRetryMs);
    this.retryTimer.unref();
  }

  /** A TRUNCATE checkpoint that gives up at once when another connection is reading; true when complete. */
  private tryTruncate(): boolean {
    if (!this.sqlite.open) return true;
    // Inside a transaction the WAL cannot be reset: the caller's commit comes first.
    if (this.sqlite.inTransaction) return false;
    try {
      const [row] = this.withoutWaiting(() => this.sqlite.pragma('wal_checkpoint(TRUNCATE)')) as {
        busy: number;
      }[];
      return row?.busy === 0;
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false;
      throw err;
    }
  }

  private withoutWaiting<T>(run: () => T): T {
    const previous = this.sqlite.pragma('busy_timeout', { simple: true }) as number;
    this.sqlite.pragma('busy_timeout = 0');
    try {
      return run();
    } finally {
      this.sqlite.pragma(`busy_timeout = ${previous}`);
    }
  }
}

const STEPS: [number, string][] = [
  [3_600_000, '1h'],
  [600_000, '10min'],
  [60_000, '1min'],
  [10_000, '10s'],
  [1_000, '1s'],
];

/** A wait in coarse steps: its exact length would tell when it began. */
function coarse(ms: number): string {
  return STEPS.find(([step]) => ms >= step)?.[1] ?? '0s';
}
