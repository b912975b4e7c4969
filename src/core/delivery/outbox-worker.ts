import { errorSummary } from '../background.js';
import type { CoreDeps } from '../context.js';
import { DeliveryError, type RateLimit } from '../ports/chat-platform.js';
import type { OutboxItem } from '../ports/repositories/outbox.js';
import { type Pacer, RateLimiter, realPacer } from './rate-limiter.js';

export type OutboxOptions = {
  /** Sends in flight at once. */
  concurrency: number;
  /** Attempts before a row ends `dead`. */
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long a claimed row stays reserved for the sender (after that a crash is assumed). */
  leaseMs: number;
  /** Longest sleep between polls when idle. */
  pollMs: number;
  /**
   * Rows read per pass. A pass re-reads what pacing held back, so a big batch behind a slow pace costs
   * more reading than sending: a few times `concurrency` is enough.
   */
  batchSize: number;
};

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  concurrency: 16,
  maxAttempts: 8,
  baseBackoffMs: 2_000,
  maxBackoffMs: 10 * 60_000,
  leaseMs: 60_000,
  pollMs: 1_000,
  batchSize: 64,
};

/** Waiting for the message an update targets does not count as an attempt. */
const TARGET_WAIT_MS = 2_000;

/**
 * Sends outbox rows: claim (a conditional update, so two workers never send the same row), send outside
 * any transaction, then record the platform's reference. Retries with exponential backoff and jitter,
 * honours Retry-After per scope, paces per conversation/workspace, and ends hopeless rows as `dead`.
 */
export class OutboxWorker {
  private readonly limiter: RateLimiter;
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly deps: CoreDeps,
    private readonly options: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
    private readonly pacer: Pacer = realPacer,
    private readonly random: () => number = Math.random,
  ) {
    this.limiter = new RateLimiter(pacer);
  }

  /** Starts the background loop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    void this.loop();
  }

  /** Wakes the loop (new rows were enqueued). */
  notify(): void {
    this.wake?.();
  }

  /** Stops claiming and waits for sends in flight, up to `deadlineMs`. True if all finished. */
  async stop(deadlineMs = 10_000): Promise<boolean> {
    this.stopping = true;
    this.running = false;
    this.notify();
    const all = Promise.all([...this.inFlight]).then(() => true);
    const timeout = new Promise<boolean>((resolve) => {
      this.timer = setTimeout(() => resolve(false), deadlineMs);
    });
    const finished = await Promise.race([all, timeout]);
    clearTimeout(this.timer);
    return finished;
  }

  get sendsInFlight(): number {
    return this.inFlight.size;
  }

  /** Sends everything due now (waiting for pacing when needed); returns the rows handled. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const { started, waitMs } = await this.runOnce();
      handled += started;
      if (started === 0 && waitMs === null) break;
      if (started === 0 && waitMs !== null) await this.pacer.sleep(Math.max(waitMs, 5));
    }
    return handled;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let waitMs: number | null = null;
      try {
        const result = await this.runOnce();
        if (result.started > 0) continue;
        waitMs = result.waitMs;
      } catch (err) {
        this.deps.logger.error({ err: errorSummary(err) }, 'outbox loop failed');
      }
      const nextDue = this.deps.store.outbox.nextDueAt();
      const untilDue = nextDue ? nextDue.getTime() - this.deps.clock.now().getTime() : this.options.pollMs;
      const sleep = Math.max(10, Math.min(this.options.pollMs, waitMs ?? untilDue, untilDue));
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, sleep);
      });
      clearTimeout(this.timer);
      this.wake = undefined;
    }
  }

  /**
   * Starts sends for the due rows that pacing allows and waits for them. `waitMs` says how long until a
   * paced row may go (null when nothing is due).
   */
  private async runOnce(): Promise<{ started: number; waitMs: number | null }> {
    const { store, clock } = this.deps;
    const due = store.outbox.listDue(clock.now(), this.options.batchSize);
    if (due.length === 0) return { started: 0, waitMs: null };
    let started = 0;
    let waitMs: number | null = null;
    for (const row of due) {
      if (this.stopping) break;
      const limits = this.limitsFor(row);
      const wait = this.limiter.waitFor(limits);
      if (wait > 0) {
        waitMs = waitMs === null ? wait : Math.min(waitMs, wait);
        continue;
      }
      while (this.inFlight.size >= this.options.concurrency) await Promise.race(this.inFlight);
      // Stopped while waiting for a free slot (SIGTERM): start nothing more.
      if (this.stopping) break;
      // A Retry-After may have arrived while waiting for a free slot: ask again before sending.
      const late = this.limiter.waitFor(limits);
      if (late > 0) {
        waitMs = waitMs === null ? late : Math.min(waitMs, late);
        continue;
      }
      const now = clock.now();
      if (!store.outbox.claim(row.id, row.attempts, now, new Date(now.getTime() + this.options.leaseMs)))
        continue;
      this.limiter.take(limits);
      started++;
      const send = this.send(row, limits).finally(() => this.inFlight.delete(send));
      this.inFlight.add(send);
    }
    await Promise.all([...this.inFlight]);
    return { started, waitMs };
  }

  private limitsFor(row: OutboxItem): RateLimit[] {
    const { platforms } = this.deps;
    if (!platforms.has(row.platform)) return [];
    const platform = platforms.get(row.platform);
    const address =
      row.kind === 'update' ? (this.deps.store.outbox.get(row.address)?.address ?? '') : row.address;
    return platform.rateLimits?.(address) ?? [];
  }

  private async send(row: OutboxItem, limits: RateLimit[]): Promise<void> {
    const { store, clock, logger, platforms } = this.deps;
    const attempt = row.attempts + 1;
    try {
      if (!platforms.has(row.platform))
        throw new DeliveryError('transient', `platform ${row.platform} not served`);
      const platform = platforms.get(row.platform);
      let ref: string;
      if (row.kind === 'direct') ref = await platform.sendDirect(row.address, row.message);
      else if (row.kind === 'space') ref = await platform.postToSpace(row.address, row.message);
      else {
        const target = store.outbox.get(row.address);
        if (!target || target.status === 'dead' || target.status === 'cancelled') {
          store.outbox.markDead(row.id, 'target message missing');
          return;
        }
        if (target.status !== 'sent' || !target.ref) {
          store.outbox.retryLater(row.id, new Date(clock.now().getTime() + TARGET_WAIT_MS), 'waiting', false);
          return;
        }
        await platform.updateMessage(target.ref, row.message);
        ref = target.ref;
      }
      store.outbox.markSent(row.id, ref, clock.now());
      logger.debug({ outbox: kindOf(row), attempt }, 'outbox row sent');
    } catch (err) {
      this.onFailure(row, attempt, limits, err);
    }
  }

  private onFailure(row: OutboxItem, attempt: number, limits: RateLimit[], err: unknown): void {
    const { store, clock, logger } = this.deps;
    const failure =
      err instanceof DeliveryError ? err : new DeliveryError('transient', errorSummary(err).message);
    const now = clock.now().getTime();
    if (failure.kind === 'rate_limited') {
      const retryAfter = failure.retryAfterMs ?? 1_000;
      this.limiter.pause(failure.scope ?? limits[0]?.key ?? row.platform, retryAfter);
      store.outbox.retryLater(row.id, new Date(now + retryAfter), 'rate limited', false);
      logger.warn({ outbox: kindOf(row), retryAfterMs: retryAfter }, 'rate limited');
      return;
    }
    if (failure.kind === 'permanent' || attempt >= this.options.maxAttempts) {
      store.outbox.markDead(row.id, failure.message.slice(0, 300));
      logger.error(
        { outbox: kindOf(row), attempt, reason: failure.message.slice(0, 300) },
        'outbox row dead',
      );
      return;
    }
    const backoff = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** (attempt - 1));
    const delay = Math.round(backoff / 2 + this.random() * (backoff / 2));
    store.outbox.retryLater(row.id, new Date(now + delay), failure.message.slice(0, 300), true);
    logger.warn({ outbox: kindOf(row), attempt, delayMs: delay }, 'outbox send failed, will retry');
  }
}

/**
 * What a log line may say about a row: its cause ("reminder", "checkin", "care"…) and platform, never its id,
 * which names people and can sit next to other lines in time (`npm run cairn -- outbox` shows ids).
 */
const kindOf = (row: OutboxItem): string => `${row.id.split(':')[0]}/${row.platform}/${row.kind}`;
