import { DeliveryError, type RateLimit, type SendGuard } from '../contract/chat-platform.js';
import { errorSummary } from '../contract/error-summary.js';
import type { CoreDeps } from '../kernel/deps.js';
import type { SharedPacing } from '../ports/pacing.js';
import type { OutboxHead, OutboxItem } from '../ports/repositories/outbox.js';
import { type BreakerOptions, CircuitBreaker, DEFAULT_BREAKER } from './circuit-breaker.js';
import { drawCharts } from './draw-charts.js';
import { callPlatform } from './platform-call.js';
import { type Pacer, RateLimiter, realPacer } from './rate-limiter.js';
import { decideRetry } from './retry-policy.js';
import { stillWanted } from './still-wanted.js';

export type OutboxOptions = {
  /** Sends in flight at once. */
  concurrency: number;
  /** How long after its first failure a row that keeps failing transiently ends `dead` (a time budget). */
  giveUpMs: number;
  baseBackoffMs: number;
  /** The longest wait between two tries of a row. */
  maxBackoffMs: number;
  /** When a workspace or tenant keeps failing, its sends pause but for a probe now and then. */
  breaker: BreakerOptions;
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
  giveUpMs: 24 * 3_600_000,
  baseBackoffMs: 2_000,
  maxBackoffMs: 10 * 60_000,
  breaker: DEFAULT_BREAKER,
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

/** A row claimed just before its group was suspended waits this long before it is looked at again. */
const HELD_RECHECK_MS = 60_000;

/** How often rows past their use are dropped and rows past their budget ended, all at once. */
const SWEEP_EVERY_MS = 10_000;

/** A send that succeeded, waiting to be recorded with others in one transaction (under its claim). */
type Sent = { id: string; ref: string; at: Date; claim: string };

/** A row about to be claimed: its pacing limits, the breaker's keys, the open scopes it probes. */
type Candidate = { row: OutboxHead; limits: RateLimit[]; keys: string[]; probe: string[] };

/**
 * Sends outbox rows: claim (a conditional update, so two workers never send the same row), send outside
 * any transaction, then record the platform's reference under the claim (a worker whose lease ran out, and
 * whose row another took over, records nothing). Retries with exponential backoff and jitter for a time
 * budget, honours Retry-After per scope, paces per conversation/workspace, pauses a workspace or tenant
 * that keeps failing (circuit-breaker.ts), drops what is no longer wanted when it would leave
 * (still-wanted.ts), and ends hopeless rows as `dead`, one warning line each.
 *
 * Claims and "sent" marks are written in batches, one transaction (one fsync) for several rows rather
 * than two per row: rows are claimed a batch at a time when half the send slots are free, and the sends
 * that succeeded meanwhile are recorded in that same transaction (and when a round of sends ends). A
 * crash between a send and its record leaves the row `sending` until its lease runs out, then sends it
 * again, as a crash between the call and its record always could.
 */
export class OutboxWorker {
  private readonly limiter: RateLimiter;
  private readonly breaker: CircuitBreaker;
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private wakeSoon: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  /** Sends that succeeded and are not recorded yet (see `record`). */
  private sent: Sent[] = [];
  private lastDeepScan = Number.NEGATIVE_INFINITY;
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: CoreDeps,
    private readonly options: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
    private readonly pacer: Pacer = realPacer,
    private readonly random: () => number = Math.random,
    /** Several instances on one database: the pacing they share (PostgreSQL). */
    shared?: SharedPacing,
  ) {
    this.limiter = new RateLimiter(pacer, undefined, shared);
    this.breaker = new CircuitBreaker(options.breaker);
  }

  /** The workspaces or tenants whose sends are paused (an outage), for the operator. */
  get pausedScopes(): string[] {
    return this.breaker.openScopes();
  }

  /**
   * How long other calls to a platform about this address (reconciliation's reads) should wait: a
   * Retry-After still running for it, or its workspace or tenant paused by the breaker. 0: now.
   */
  clearanceFor(platformId: string, address: string): number {
    const { platforms, clock } = this.deps;
    const limits = platforms.has(platformId) ? (platforms.get(platformId).rateLimits?.(address) ?? []) : [];
    const pause = this.limiter.pauseLeft(limits)?.ms ?? 0;
    const verdict = this.breaker.check([...limits.map((l) => l.key), platformId], clock.now().getTime());
    return Math.max(pause, verdict.go ? 0 : verdict.waitMs);
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

  /**
   * Sends everything due now (waiting for pacing when needed); returns the rows handled. Rows held by an
   * open breaker are not due now: they wait for its next probe.
   */
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
        waitMs = result.waitMs ?? result.heldMs;
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
   * Starts sends for the due rows that pacing and the breaker allow and waits for them. `waitMs` says how
   * long until a paced row may go, `heldMs` until an open breaker's next probe (null when none).
   */
  private async runOnce(): Promise<{ started: number; waitMs: number | null; heldMs: number | null }> {
    const { store, clock } = this.deps;
    this.sweep();
    let due = store.outbox.listDue(clock.now(), PAGE);
    if (due.length === 0) return { started: 0, waitMs: null, heldMs: null };
    const { concurrency } = this.options;
    let started = 0;
    let waitMs: number | null = null;
    let heldMs: number | null = null;
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
        const batch: Candidate[] = [];
        const expired: OutboxHead[] = [];
        const now = clock.now();
        for (; next < due.length && batch.length < concurrency - this.inFlight.size; next++) {
          const row = due[next]!;
          if (row.expiresAt && row.expiresAt <= now) {
            expired.push(row);
            continue;
          }
          const limits = this.limitsFor(row);
          const keys = [...limits.map((l) => l.key), row.platform];
          const verdict = this.breaker.check(keys, now.getTime());
          if (!verdict.go) {
            heldMs = heldMs === null ? verdict.waitMs : Math.min(heldMs, verdict.waitMs);
            continue;
          }
          // One probe per open scope at a time: the next rows of the batch wait for its answer.
          this.breaker.start(verdict.probe);
          const wait = this.limiter.waitFor(limits);
          if (wait > 0) {
            this.breaker.released(verdict.probe);
            waitMs = waitMs === null ? wait : Math.min(waitMs, wait);
            continue;
          }
          // Taken now, so that the next rows of the batch see it; given back if the claim fails.
          const shared = this.limiter.tryTake(limits);
          if (shared > 0) {
            this.breaker.released(verdict.probe);
            waitMs = waitMs === null ? shared : Math.min(waitMs, shared);
            continue;
          }
          batch.push({ row, limits, keys, probe: verdict.probe });
        }
        if (batch.length === 0 && expired.length === 0) break;
        const leaseUntil = new Date(now.getTime() + this.options.leaseMs);
        const claimed = store.transaction(() => {
          this.writeSent();
          // Past its use before it could leave: dropped, not delivered late.
          for (const row of expired) store.outbox.cancel(row.id, 'expired');
          return batch.flatMap((candidate) => {
            const { row, limits, probe } = candidate;
            const claim = store.outbox.claim(row.id, row.attempts, now, leaseUntil);
            if (claim) return [{ ...candidate, claim }];
            this.limiter.release(limits);
            this.breaker.released(probe);
            return [];
          });
        });
        if (expired.length > 0) this.deps.logger.info({ rows: expired.length }, 'outbox rows expired unsent');
        for (const candidate of claimed) {
          started++;
          const send = this.send(candidate, candidate.claim).finally(() => {
            this.limiter.done(candidate.limits);
            this.inFlight.delete(send);
          });
          this.inFlight.add(send);
        }
      }
      // A full page whose rows pacing or a breaker held back (a fan-out to one workspace, say) may hide rows
      // further down that may go (another workspace, another platform, a facilitator's care request):
      // look past it, as far as DEEP_SCAN_ROWS, at most once per DEEP_SCAN_EVERY_MS.
      const heldBack = waitMs !== null || heldMs !== null;
      if (this.stopping || due.length < PAGE || !heldBack || scanned >= DEEP_SCAN_ROWS) break;
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
    return { started, waitMs, heldMs };
  }

  /**
   * Now and then, for the whole queue: rows past their use are dropped (those held by a breaker or a
   * suspension would otherwise wait for nothing), and rows past their budget end dead, one line each.
   */
  private sweep(): void {
    const { store, clock, logger } = this.deps;
    const now = clock.now();
    if (Math.abs(now.getTime() - this.lastSweep) < SWEEP_EVERY_MS) return;
    this.lastSweep = now.getTime();
    const expired = store.outbox.expireDue(now);
    if (expired > 0) logger.info({ rows: expired }, 'outbox rows expired unsent');
    const spent = new Date(now.getTime() - this.options.giveUpMs);
    for (const id of store.outbox.giveUpBefore(spent, 'gave up: still failing'))
      logger.warn({ outboxId: id, reason: 'gave up: still failing' }, 'outbox row dead');
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
    for (const s of sent) this.deps.store.outbox.markSent(s.id, s.ref, s.at, s.claim);
  }

  private limitsFor(row: OutboxHead): RateLimit[] {
    const { platforms } = this.deps;
    if (!platforms.has(row.platform)) return [];
    const platform = platforms.get(row.platform);
    const address =
      row.kind === 'update' ? (this.deps.store.outbox.get(row.address)?.address ?? '') : row.address;
    return platform.rateLimits?.(address) ?? [];
  }

  private async send({ row: head, limits, keys, probe }: Candidate, claim: string): Promise<void> {
    const { store, clock, logger, platforms } = this.deps;
    const attempt = head.attempts + 1;
    let row: OutboxItem | undefined;
    try {
      row = store.outbox.get(head.id);
    } catch {
      // A stored message that cannot be read will never become readable: the row must not come back.
      store.outbox.markDead(head.id, 'stored message unreadable', claim);
      this.breaker.released(probe);
      logger.warn({ outboxId: head.id, reason: 'stored message unreadable' }, 'outbox row dead');
      return;
    }
    if (!row) return this.breaker.released(probe); // erased since it was listed (forget-me, uninstall)
    const verdict = stillWanted(this.deps, row, clock.now());
    if (!verdict.send) {
      this.breaker.released(probe);
      if ('hold' in verdict)
        store.outbox.retryLater(
          row.id,
          new Date(clock.now().getTime() + HELD_RECHECK_MS),
          'group suspended',
          false,
          claim,
        );
      else {
        store.outbox.cancel(row.id, verdict.drop, claim);
        logger.info({ outbox: kindOf(row), reason: verdict.drop }, 'outbox row dropped unsent');
      }
      return;
    }
    try {
      if (!platforms.has(row.platform))
        throw new DeliveryError('transient', `platform ${row.platform} not served`);
      const platform = platforms.get(row.platform);
      // Charts are drawn now, for this platform, outside any transaction (the row keeps their data only).
      const message = await drawCharts(row.message, {
        renderer: this.deps.charts,
        limits: platform.capabilities.images,
        logger,
        timeoutMs: this.options.sendTimeoutMs,
      });
      const outcome = await callPlatform(platform, message === row.message ? row : { ...row, message }, {
        target: (id) => this.targetOf(id),
        guard: this.guardFor(limits),
        timeoutMs: this.options.sendTimeoutMs,
      });
      if ('skipped' in outcome) {
        this.breaker.released(probe);
        if (outcome.skipped === 'target missing')
          store.outbox.markDead(row.id, 'target message missing', claim);
        else
          store.outbox.retryLater(
            row.id,
            new Date(clock.now().getTime() + TARGET_WAIT_MS),
            'waiting',
            false,
            claim,
          );
        return;
      }
      this.sent.push({ id: row.id, ref: outcome.sent, at: clock.now(), claim });
      this.answered(keys);
      logger.debug({ outbox: kindOf(row), attempt }, 'outbox row sent');
    } catch (err) {
      this.onFailure(row, claim, attempt, limits, keys, err);
    }
  }

  /** The platform answered under these keys: paused scopes among them resume, their failed rows first. */
  private answered(keys: string[]): void {
    const due = this.breaker.answered(keys);
    if (due.length === 0) return;
    this.deps.store.outbox.hurry(due, this.deps.clock.now());
    this.deps.logger.info(
      { scopes: keys.length, rows: due.length },
      'platform answering again: sends resume',
    );
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

  private onFailure(
    row: OutboxItem,
    claim: string,
    attempt: number,
    limits: RateLimit[],
    keys: string[],
    err: unknown,
  ): void {
    const { store, clock, logger } = this.deps;
    const now = clock.now().getTime();
    // The budget counts from the first failure (this one when there was none).
    const failingFor = now - (row.failingSince?.getTime() ?? now);
    const decision = decideRetry(err, attempt, failingFor, this.options, this.random);
    const outbox = kindOf(row);
    // The scope the platform named (a workspace, a tenant), else the whole platform.
    const scope =
      'scope' in decision && decision.scope && keys.includes(decision.scope) ? decision.scope : row.platform;
    if (decision.kind === 'pause') {
      const { retryAfterMs } = decision;
      this.answered(keys);
      this.limiter.pause(decision.scope ?? limits[0]?.key ?? row.platform, retryAfterMs);
      store.outbox.retryLater(row.id, new Date(now + retryAfterMs), 'rate limited', false, claim);
      logger.warn({ outbox, retryAfterMs }, 'rate limited');
    } else if (decision.kind === 'dead') {
      // Refused for good: the platform answered, so it is up. Given up: it is still failing.
      if (decision.transient) this.failed(scope, row.id, now, keys);
      else this.answered(keys);
      store.outbox.markDead(row.id, decision.reason, claim);
      logger.warn({ outboxId: row.id, attempt, reason: decision.reason }, 'outbox row dead');
    } else {
      const { delayMs, reason } = decision;
      store.outbox.retryLater(row.id, new Date(now + delayMs), reason, true, claim, new Date(now));
      this.failed(scope, row.id, now, keys);
      logger.warn({ outbox, attempt, delayMs, reason }, 'outbox send failed, will retry');
    }
  }

  private failed(scope: string, rowId: string, now: number, keys: string[]): void {
    if (this.breaker.failed(scope, rowId, now, keys))
      this.deps.logger.warn(
        { scope, firstProbeMs: this.options.breaker.firstProbeMs },
        'platform failing: sends paused, probing',
      );
  }
}

/**
 * What a log line may say about a row: its cause ("reminder", "checkin", "care"…) and platform, never its id,
 * which names people and can sit next to other lines in time (`npm run cairn -- outbox` shows ids).
 */
const kindOf = (row: OutboxHead): string => `${row.id.split(':')[0]}/${row.platform}/${row.kind}`;
