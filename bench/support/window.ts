/**
 * A platform's limit as the fakes enforce it: at most `perSecond` accepted calls in any one-second window
 * per key. Strict on purpose (no burst allowance), so a sender that keeps to the limit is never refused
 * and one that does not is refused at once.
 */
export class WindowLimit {
  private readonly accepted = new Map<string, number[]>();

  constructor(readonly perSecond: number) {}

  /** True (and counted) if one more call under `key` fits in the window ending at `now`. */
  tryTake(key: string, now: number): boolean {
    let log = this.accepted.get(key);
    if (!log) {
      log = [];
      this.accepted.set(key, log);
    }
    let drop = 0;
    while (drop < log.length && log[drop]! <= now - 1000) drop++;
    if (drop > 0) log.splice(0, drop);
    if (log.length >= this.perSecond) return false;
    log.push(now);
    return true;
  }

  /** Gives back the last call taken under `key` (another limit refused it). */
  untake(key: string): void {
    this.accepted.get(key)?.pop();
  }
}

/** What a fan-out looked like at the platform: arrivals, refusals, duplicates. */
export class DeliveryLog {
  /** Accepted deliveries: key -> arrival times (ms). */
  readonly byKey = new Map<string, number[]>();
  /** Accepted deliveries per conversation (channel, DM, Teams conversation). */
  readonly byConversation = new Map<string, number[]>();
  accepted = 0;
  refused = 0;
  duplicates = 0;
  first = Number.POSITIVE_INFINITY;
  last = 0;

  record(conversation: string, key: string, at: number): void {
    const seen = this.byKey.get(key);
    if (seen) {
      this.duplicates++;
      seen.push(at);
    } else this.byKey.set(key, [at]);
    const conv = this.byConversation.get(conversation);
    if (conv) conv.push(at);
    else this.byConversation.set(conversation, [at]);
    this.accepted++;
    this.first = Math.min(this.first, at);
    this.last = Math.max(this.last, at);
  }

  /** Distinct messages delivered. */
  get distinct(): number {
    return this.byKey.size;
  }

  reset(): void {
    this.byKey.clear();
    this.byConversation.clear();
    this.accepted = 0;
    this.refused = 0;
    this.duplicates = 0;
    this.first = Number.POSITIVE_INFINITY;
    this.last = 0;
  }
}
