import type { RateLimit } from '../contract/chat-platform.js';
import type { SharedPacing } from '../ports/pacing.js';

/** Real time, injectable so tests can drive pacing without sleeping. */
export interface Pacer {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}

export const realPacer: Pacer = {
  // Monotonic: a clock set back must not open the windows early.
  nowMs: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A send still in flight: it counts in every window until it is done. */
const IN_FLIGHT = Number.POSITIVE_INFINITY;

/**
 * A sliding one-second window per key (conversation, workspace, tenant): at most `perSecond` sends in
 * any window. A send counts from when it starts until a second after the platform *answered* it: the
 * platform received it at some point in between, so however the network delays one send and not the
 * next, the platform never sees more than `perSecond` in a second. (Counting from the start instead,
 * sends started together but delayed unevenly reach the platform closer than a second apart, and it
 * answers 429.) Also holds the pauses a platform's Retry-After orders.
 */
export class RateLimiter {
  /** Per key: end times of the sends in the window, ascending, then IN_FLIGHT for each send not done. */
  private readonly sent = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();
  private takes = 0;
  /** Other instances' pauses (shared pacing), as read at `sharedReadAt`: key -> until, in pacer time. */
  private sharedPauses = new Map<string, number>();
  private sharedReadAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly pacer: Pacer,
    // Two milliseconds over the second, for timers and clocks.
    private readonly windowMs = 1002,
    /** Several instances on one database: the rate and the pauses they share (read every `refreshMs`). */
    private readonly shared?: SharedPacing,
    private readonly refreshMs = 200,
  ) {}

  /** Milliseconds until a send under these limits may start (0 = now). */
  waitFor(limits: RateLimit[]): number {
    const now = this.pacer.nowMs();
    if (limits.length > 0) this.readShared(now);
    let wait = 0;
    for (const limit of limits) {
      const paused = this.pausedUntil.get(limit.key);
      if (paused !== undefined) {
        if (paused > now) wait = Math.max(wait, paused - now);
        else this.pausedUntil.delete(limit.key);
      }
      const sharedPause = this.sharedPauses.get(limit.key);
      if (sharedPause !== undefined && sharedPause > now) wait = Math.max(wait, sharedPause - now);
      const log = this.window(limit.key, now);
      if (log.length < limit.perSecond) continue;
      const oldest = log[log.length - limit.perSecond]!;
      // Every slot is held by a send in flight: look again soon (its end time is not known yet).
      wait = Math.max(wait, oldest === IN_FLIGHT ? IN_FLIGHT_RECHECK_MS : oldest + this.windowMs - now);
    }
    return wait;
  }

  /**
   * `take`, after asking the shared pacing (several instances) for a reservation: 0 when taken, else how
   * long until the other instances' sends leave room (then nothing is taken).
   */
  tryTake(limits: RateLimit[]): number {
    if (this.shared && limits.length > 0) {
      const wait = this.shared.reserve(limits);
      if (wait > 0) return wait;
    }
    this.take(limits);
    return 0;
  }

  /** Counts a send under every limit from now; call only when `waitFor` returned 0, then `done`. */
  take(limits: RateLimit[]): void {
    const now = this.pacer.nowMs();
    for (const limit of limits) this.window(limit.key, now).push(IN_FLIGHT);
    // Every conversation written to gets a window: drop the idle ones now and then (a fan-out to 50,000
    // people would otherwise leave 50,000 of them behind).
    if (++this.takes % 1000 === 0) this.sweep(now);
  }

  /** The send taken under these limits got its answer (or failed): its second starts now. */
  done(limits: RateLimit[]): void {
    const now = this.pacer.nowMs();
    for (const limit of limits) {
      const log = this.sent.get(limit.key);
      const at = log?.indexOf(IN_FLIGHT) ?? -1;
      // Ends are recorded in time order, so the log stays sorted.
      if (log && at >= 0) log[at] = now;
    }
  }

  /** Gives back a `take` whose send did not happen (the row was claimed by someone else). */
  release(limits: RateLimit[]): void {
    for (const limit of limits) {
      const log = this.sent.get(limit.key);
      if (log?.[log.length - 1] === IN_FLIGHT) log.pop();
    }
  }

  pause(key: string, ms: number): void {
    const until = this.pacer.nowMs() + ms;
    this.pausedUntil.set(key, Math.max(until, this.pausedUntil.get(key) ?? 0));
    this.shared?.pause(key, ms);
  }

  /** The longest Retry-After pause still running among these limits (undefined when none is). */
  pauseLeft(limits: RateLimit[]): { key: string; ms: number } | undefined {
    const now = this.pacer.nowMs();
    let longest: { key: string; ms: number } | undefined;
    if (limits.length > 0) this.readShared(now);
    for (const { key } of limits) {
      const ms = Math.max(this.pausedUntil.get(key) ?? 0, this.sharedPauses.get(key) ?? 0) - now;
      if (ms > 0 && (!longest || ms > longest.ms)) longest = { key, ms: Math.ceil(ms) };
    }
    return longest;
  }

  /** Reads the pauses other instances set, at most every `refreshMs`. */
  private readShared(now: number): void {
    if (!this.shared || now - this.sharedReadAt < this.refreshMs) return;
    this.sharedReadAt = now;
    const pauses = new Map<string, number>();
    for (const [key, ms] of this.shared.pauses()) pauses.set(key, now + ms);
    this.sharedPauses = pauses;
  }

  private sweep(now: number): void {
    for (const [key, log] of this.sent)
      if ((log[log.length - 1] ?? 0) <= now - this.windowMs) this.sent.delete(key);
  }

  private window(key: string, now: number): number[] {
    let log = this.sent.get(key);
    if (!log) {
      log = [];
      this.sent.set(key, log);
    }
    let drop = 0;
    while (drop < log.length && log[drop]! <= now - this.windowMs) drop++;
    if (drop > 0) log.splice(0, drop);
    return log;
  }
}

/** How soon to look again when every slot of a window is held by sends in flight. */
const IN_FLIGHT_RECHECK_MS = 10;
