import { DeliveryError, type RateLimit, type SendGuard } from '../contract/chat-platform.js';
import { errorSummary } from '../contract/error-summary.js';
import type { CoreDeps } from '../kernel/deps.js';
import type { SharedPacing } from '../ports/pacing.js';
import type { OutboxHead, OutboxItem } from '../ports/repositories/outbox.js';
import { callPlatform } from './platform-call.js';
import { type Pacer, RateLimiter, realPacer } from './rate-limiter.js';
import { decideRetry } from './retry-policy.js';

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
   * Longest wait for a platform's answer; past it the send counts as a transient failure. Generous: the
   * platform may have acted on a send it did not answer, and the retry then shows the message twice.
   */
  sendTimeoutMs: number;
};

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  concurrency: 16,
  maxAttempts: 8,
  baseBackoffMs: 2_000,
  maxBackoffMs: 10 * 60_000,
  leaseMs: 60_000,
  pollMs: 1_000,
  sendTimeoutMs: 15_000,
};

/** Rows listed at a time. */
const PAGE = 500;
/** How far past a first page held back by pacing the worker looks for rows it may send, and how often. */
const DEEP_SCAN_ROWS = 10_000;
const DEEP_SCAN_EVERY_MS = 1_000;

/** The shortest sleep of the loop (pacing says to the millisecond when a send may go). */
const MIN_SLEEP_MS = 2;

/** How long a notification may wait before it wakes the loop (so that wakes come at most this often). */
const NOTIFY_DELAY_MS = 25;

/** Waiting for the message an update targets does not count as an attempt. */
const TARGET_WAIT_MS = 2_000;

/** A send that succeeded, waiting to be recorded with others in one transaction. */
type Sent = { id: string; ref: string; at: Date };

/**
 * Sends outbox rows: claim (a conditional update, so two workers never send the same row), send outside
 * any transaction, then record the platform's reference. Retries with exponential backoff and jitter,
 * honours Retry-After per scope, paces per conversation/workspace, and ends hopeless rows as `dead`.
 *
 * Claims and "sent" marks are written in batches, one transaction (one fsync) for several rows rather
 * than two per row: rows are claimed a batch at a time when half the send slots are free, and the sends
 * that succeeded meanwhile are recorded in that same transaction (and when a round of sends ends). A
 * crash between a send and its record leaves the row `sending` until its lease runs out, then sends it
 * again, as a crash between the call and its record always could.
 */
export class OutboxWorker {
  private readonly limiter: RateLimiter;
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private wakeSoon: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  /** Sends that succeeded and are not recorded yet (see `record`). */
  private sent: Sent[] = [];
  private lastDeepScan = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: CoreDeps,
    private readonly options: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
    private readonly pacer: Pacer = realPacer,
    private readonly random: () => number = Math.random,
    /** Several instances on one database: the pacing they share (PostgreSQL). */
    shared?: SharedPacing,
  ) {
    this.limiter = new RateLimiter(pacer, undefined, shared);
  }

  /** Starts the background loop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    void this.loop();
  }

  /**
   * Wakes the loop soon (new rows may have been enqueued). Wakes are coalesced: the core notifies after
   * every event, and listing the queue after each of hundreds of requests a second would cost more than
   * the requests. A busy loop needs no wake: it looks at the queue again before it sleeps.
   */
  notify(): void {
    if (this.wakeSoon || !this.wake) return;
    this.wakeSoon = setTimeout(() => {
      this.wakeSoon = undefined;
      this.wake?.();
    }, NOTIFY_DELAY_MS);
  }

  /** Stops claiming and waits for sends in flight, up to `deadlineMs`. True if all finished. */
  async stop(deadlineMs = 10_000): Promise<boolean> {
    this.stopping = true;
    this.running = false;
    clearTimeout(this.wakeSoon);
    this.wakeSoon = undefined;
    this.wake?.();
    const all = Promise.all([...this.inFlight]).then(() => true);
    const timeout = new Promise<boolean>((resolve) => {
      this.timer = setTimeout(() => resolve(false), deadlineMs);
    });
    const finished = await Promise.race([all, timeout]);
    clearTimeout(this.timer);
    this.record();
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
      let failed = false;
      try {
        const result = await this.runOnce();
        if (result.started > 0) continue;
        waitMs = result.waitMs;
      } catch (err) {
        failed = true;
        this.deps.logger.error({ err: errorSummary(err) }, 'outbox loop failed');
      }
      // A database that fails (PostgreSQL restarting, a lost connection) must not end the loop: poll.
      let nextDue: Date | null = null;
      try {
        nextDue = this.deps.store.outbox.nextDueAt();
      } catch (err) {
        if (!failed) this.deps.logger.error({ err: errorSummary(err) }, 'outbox loop failed');
        failed = true;
      }
      const untilDue = nextDue ? nextDue.getTime() - this.deps.clock.now().getTime() : this.options.pollMs;
      // Rows due now but held by pacing: sleep until pacing lets one go (their due time has passed, so it
      // says nothing), or until a later row falls due if that comes first.
      const candidates = [this.options.pollMs];
      if (waitMs !== null) candidates.push(waitMs);
      if (untilDue > 0 || waitMs === null) candidates.push(untilDue);
      const sleep = failed ? this.options.pollMs : Math.max(MIN_SLEEP_MS, Math.min(...candidates));
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
    let due = store.outbox.listDue(clock.now(), PAGE);
    if (due.length === 0) return { started: 0, waitMs: null };
    const { concurrency } = this.options;
    let started = 0;
    let waitMs: number | null = null;
    let scanned = due.length;
    let deep = false;
    let next = 0;
    for (;;) {
      while (next < due.length && !this.stopping) {
        // Claim in batches: wait until half the slots are free (or all, for a small concurrency). Pacing is
        // asked after that wait, and nothing is awaited between asking and sending, so a Retry-After that
        // arrived meanwhile holds the rows it concerns.
        while (this.inFlight.size > Math.floor(concurrency / 2)) await Promise.race(this.inFlight);
        // Stopped while waiting for a free slot (SIGTERM): start nothing more.
        if (this.stopping) break;
        const batch: { row: OutboxHead; limits: RateLimit[] }[] = [];
        for (; next < due.length && batch.length < concurrency - this.inFlight.size; next++) {
          const row = due[next]!;
          const limits = this.limitsFor(row);
          const wait = this.limiter.waitFor(limits);
          if (wait > 0) {
            waitMs = waitMs === null ? wait : Math.min(waitMs, wait);
            continue;
          }
          // Taken now, so that the next rows of the batch see it; given back if the claim fails.
          const shared = this.limiter.tryTake(limits);
          if (shared > 0) {
            waitMs = waitMs === null ? shared : Math.min(waitMs, shared);
            continue;
          }
          batch.push({ row, limits });
        }
        if (batch.length === 0) break;
        const now = clock.now();
        const leaseUntil = new Date(now.getTime() + this.options.leaseMs);
        const claimed = store.transaction(() => {
          this.writeSent();
          return batch.filter(({ row, limits }) => {
            if (store.outbox.claim(row.id, row.attempts, now, leaseUntil)) return true;
            this.limiter.release(limits);
            return false;
          });
        });
        for (const { row, limits } of claimed) {
          started++;
          const send = this.send(row, limits).finally(() => {
            this.limiter.done(limits);
            this.inFlight.delete(send);
          });
          this.inFlight.add(send);
        }
      }
      // A full page whose rows pacing held back (a fan-out to one workspace, say) may hide rows further
      // down that pacing lets go (another workspace, another platform, a facilitator's care request):
      // look past it, as far as DEEP_SCAN_ROWS, at most once per DEEP_SCAN_EVERY_MS.
      if (this.stopping || due.length < PAGE || waitMs === null || scanned >= DEEP_SCAN_ROWS) break;
      if (!deep) {
        if (this.pacer.nowMs() - this.lastDeepScan < DEEP_SCAN_EVERY_MS) break;
        deep = true;
        this.lastDeepScan = this.pacer.nowMs();
      }
      const last = due[due.length - 1]!;
      due = store.outbox.listDue(clock.now(), PAGE, { at: last.nextAttemptAt, id: last.id });
      if (due.length === 0) break;
      scanned += due.length;
      next = 0;
    }
    await Promise.all([...this.inFlight]);
    this.record();
    return { started, waitMs };
  }

  /** Records the sends that succeeded since the last time, in one transaction. */
  private record(): void {
    if (this.sent.length === 0) return;
    try {
      this.deps.store.transaction(() => this.writeSent());
    } catch (err) {
      this.deps.logger.error({ err: errorSummary(err) }, 'outbox could not record sent rows');
    }
  }

  /** Inside a transaction: marks the buffered sends as sent. */
  private writeSent(): void {
    const sent = this.sent;
    this.sent = [];
    for (const s of sent) this.deps.store.outbox.markSent(s.id, s.ref, s.at);
  }

  private limitsFor(row: OutboxHead): RateLimit[] {
    const { platforms } = this.deps;
    if (!platforms.has(row.platform)) return [];
    const platform = platforms.get(row.platform);
    const address =
      row.kind === 'update' ? (this.deps.store.outbox.get(row.address)?.address ?? '') : row.address;
    return platform.rateLimits?.(address) ?? [];
  }

  private async send(head: OutboxHead, limits: RateLimit[]): Promise<void> {
    const { store, clock, logger, platforms } = this.deps;
    const attempt = head.attempts + 1;
    let row: OutboxItem | undefined;
    try {
      row = store.outbox.get(head.id);
    } catch {
      // A stored message that cannot be read will never become readable: the row must not come back.
      store.outbox.markDead(head.id, 'stored message unreadable');
      logger.error({ outbox: kindOf(head), attempt }, 'outbox row dead');
      return;
    }
    if (!row) return; // erased since it was listed (forget-me, uninstall)
    try {
      if (!platforms.has(row.platform))
        throw new DeliveryError('transient', `platform ${row.platform} not served`);
      const outcome = await callPlatform(platforms.get(row.platform), row, {
        target: (id) => this.targetOf(id),
        guard: this.guardFor(limits),
        timeoutMs: this.options.sendTimeoutMs,
      });
      if ('skipped' in outcome) {
        if (outcome.skipped === 'target missing') store.outbox.markDead(row.id, 'target message missing');
        else
          store.outbox.retryLater(row.id, new Date(clock.now().getTime() + TARGET_WAIT_MS), 'waiting', false);
        return;
      }
      this.sent.push({ id: row.id, ref: outcome.sent, at: clock.now() });
      logger.debug({ outbox: kindOf(row), attempt }, 'outbox row sent');
    } catch (err) {
      this.onFailure(row, attempt, limits, err);
    }
  }

  /** What a send's later calls check: a Retry-After (another send's 429) now running for its limits. */
  private guardFor(limits: RateLimit[]): SendGuard {
    return () => {
      const pause = this.limiter.pauseLeft(limits);
      if (pause) throw new DeliveryError('rate_limited', 'held by a Retry-After', pause.ms, pause.key);
    };
  }

  /** The row an update targets, counting a send of it that is not recorded yet. */
  private targetOf(id: string): Pick<OutboxItem, 'status' | 'ref'> | undefined {
    const unrecorded = this.sent.find((s) => s.id === id);
    if (unrecorded) return { status: 'sent', ref: unrecorded.ref };
    return this.deps.store.outbox.get(id);
  }

  private onFailure(row: OutboxHead, attempt: number, limits: RateLimit[], err: unknown): void {
    const { store, clock, logger } = this.deps;
    const now = clock.now().getTime();
    const decision = decideRetry(err, attempt, this.options, this.random);
    const outbox = kindOf(row);
    if (decision.kind === 'pause') {
      const { retryAfterMs } = decision;
      this.limiter.pause(decision.scope ?? limits[0]?.key ?? row.platform, retryAfterMs);
      store.outbox.retryLater(row.id, new Date(now + retryAfterMs), 'rate limited', false);
      logger.warn({ outbox, retryAfterMs }, 'rate limited');
    } else if (decision.kind === 'dead') {
      store.outbox.markDead(row.id, decision.reason);
      logger.error({ outbox, attempt, reason: decision.reason }, 'outbox row dead');
    } else {
      const { delayMs, reason } = decision;
      store.outbox.retryLater(row.id, new Date(now + delayMs), reason, true);
      logger.warn({ outbox, attempt, delayMs, reason }, 'outbox send failed, will retry');
    }
  }
}

/**
 * What a log line may say about a row: its cause ("reminder", "checkin", "care"…) and platform, never its id,
 * which names people and can sit next to other lines in time (`npm run cairn -- outbox` shows ids).
 */
const kindOf = (row: OutboxHead): string => `${row.id.split(':')[0]}/${row.platform}/${row.kind}`;
