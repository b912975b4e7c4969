import type { RateLimit } from '../ports/chat-platform.js';

/** Real time, injectable so tests can drive pacing without sleeping. */
export interface Pacer {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}

export const realPacer: Pacer = {
  nowMs: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A sliding one-second window per key (conversation, workspace, tenant): at most `perSecond` sends in
 * any window, a little wider than a second so network jitter cannot push the platform over its limit.
 * Also holds the pauses a platform's Retry-After orders.
 */
export class RateLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();
  private takes = 0;

  constructor(
    private readonly pacer: Pacer,
    private readonly windowMs = 1020,
  ) {}

  /** Milliseconds until a send under these limits may start (0 = now). */
  waitFor(limits: RateLimit[]): number {
    const now = this.pacer.nowMs();
    let wait = 0;
    for (const limit of limits) {
      const paused = this.pausedUntil.get(limit.key);
      if (paused !== undefined) {
        if (paused > now) wait = Math.max(wait, paused - now);
        else this.pausedUntil.delete(limit.key);
      }
      const log = this.window(limit.key, now);
      if (log.length >= limit.perSecond)
        wait = Math.max(wait, log[log.length - limit.perSecond]! + this.windowMs - now);
    }
    return wait;
  }

  /** Records a send under every limit; call only when `waitFor` returned 0. */
  take(limits: RateLimit[]): void {
    const now = this.pacer.nowMs();
    for (const limit of limits) this.window(limit.key, now).push(now);
    // Every conversation written to gets a window: drop the idle ones now and then (a fan-out to 50,000
    // people would otherwise leave 50,000 of them behind).
    if (++this.takes % 1000 === 0) this.sweep(now);
  }

  private sweep(now: number): void {
    for (const [key, log] of this.sent)
      if ((log[log.length - 1] ?? 0) <= now - this.windowMs) this.sent.delete(key);
  }

  /** Gives back a `take` whose send did not happen (the row was claimed by someone else). */
  release(limits: RateLimit[]): void {
    for (const limit of limits) this.sent.get(limit.key)?.pop();
  }

  pause(key: string, ms: number): void {
    const until = this.pacer.nowMs() + ms;
    this.pausedUntil.set(key, Math.max(until, this.pausedUntil.get(key) ?? 0));
  }

  isPaused(key: string): boolean {
    return (this.pausedUntil.get(key) ?? 0) > this.pacer.nowMs();
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
