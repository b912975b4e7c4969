export type BreakerOptions = {
  /** Consecutive transient failures of one scope before its sends pause. */
  threshold: number;
  /** While paused, one send (a probe) is let through after this long, then twice as long… */
  firstProbeMs: number;
  /** …up to this long between probes. */
  maxProbeMs: number;
};

/** A short blip costs a few seconds; a long outage one probe a minute per workspace or tenant. */
export const DEFAULT_BREAKER: BreakerOptions = { threshold: 3, firstProbeMs: 5_000, maxProbeMs: 60_000 };

/** Rows remembered per scope, to send at once when it comes back (more wait their own backoff). */
const REMEMBERED = 5_000;

type Scope = {
  failures: number;
  open: boolean;
  nextProbeAt: number;
  /** The wait before the next probe (doubles after each failed probe). */
  probeMs: number;
  probing: boolean;
  /** Rows that failed while the scope was failing: due again as soon as it is back. */
  failed: Set<string>;
};

/** What the breaker says of a send: go now (maybe as the scope's probe), or wait. */
export type BreakerVerdict = { go: true; probe: string[] } | { go: false; waitMs: number };

/**
 * One circuit breaker per scope (a Slack workspace, a Teams tenant, a platform: the scope of a transient
 * DeliveryError). After `threshold` consecutive transient failures the scope is open: its rows are not
 * sent, so an outage does not spend every row's tries, except one probe now and then (after `firstProbeMs`,
 * then twice as long each time, up to `maxProbeMs`). The first
 * send that gets an answer from the platform (sent, or refused for good: it is up) closes the scope, and
 * the rows that failed meanwhile are due again at once. Time is the core's clock.
 */
export class CircuitBreaker {
  private readonly scopes = new Map<string, Scope>();

  constructor(private readonly options: BreakerOptions = DEFAULT_BREAKER) {}

  /** Whether a send whose pacing keys are `keys` may go at `now`. */
  check(keys: string[], now: number): BreakerVerdict {
    const probe: string[] = [];
    let waitMs = 0;
    for (const key of keys) {
      const scope = this.scopes.get(key);
      if (!scope?.open) continue;
      if (scope.probing) waitMs = Math.max(waitMs, scope.probeMs);
      else if (now < scope.nextProbeAt) waitMs = Math.max(waitMs, scope.nextProbeAt - now);
      else probe.push(key);
    }
    return waitMs > 0 ? { go: false, waitMs } : { go: true, probe };
  }

  /** The send allowed by `check` starts: it is the probe of these open scopes. */
  start(probe: string[]): void {
    for (const key of probe) {
      const scope = this.scopes.get(key);
      if (scope) scope.probing = true;
    }
  }

  /**
   * The platform answered a send under these keys: every scope among them is closed. Returns the rows that
   * failed while a scope was paused (to make due at once: it is back).
   */
  answered(keys: string[]): string[] {
    const due: string[] = [];
    for (const key of keys) {
      const scope = this.scopes.get(key);
      if (!scope) continue;
      this.scopes.delete(key);
      if (scope.open) due.push(...scope.failed);
    }
    return due;
  }

  /**
   * A transient failure of `scope` (the row `rowId` will be tried again later). Returns true when this
   * failure opened the scope.
   */
  failed(scope: string, rowId: string, now: number, keys: string[]): boolean {
    let state = this.scopes.get(scope);
    if (!state) {
      state = {
        failures: 0,
        open: false,
        nextProbeAt: 0,
        probeMs: this.options.firstProbeMs,
        probing: false,
        failed: new Set(),
      };
      this.scopes.set(scope, state);
    }
    state.failures++;
    if (state.failed.size < REMEMBERED) state.failed.add(rowId);
    // A probe of another open scope among the row's keys ends too (its answer is this failure).
    for (const key of keys) {
      const other = this.scopes.get(key);
      if (other?.probing && other !== state) {
        other.probing = false;
        this.later(other, now);
      }
    }
    if (state.open) {
      if (state.probing) this.later(state, now);
      state.probing = false;
      return false;
    }
    state.probing = false;
    if (state.failures < this.options.threshold) return false;
    state.open = true;
    state.nextProbeAt = now + state.probeMs;
    return true;
  }

  /** A send under these keys ended without an answer either way (not sent, not a platform failure). */
  released(keys: string[]): void {
    for (const key of keys) {
      const scope = this.scopes.get(key);
      if (scope) scope.probing = false;
    }
  }

  /** A probe failed: the next one comes twice as late (up to the longest wait). */
  private later(scope: Scope, now: number): void {
    scope.probeMs = Math.min(this.options.maxProbeMs, scope.probeMs * 2);
    scope.nextProbeAt = now + scope.probeMs;
  }

  /** The scopes whose sends are paused now. */
  openScopes(): string[] {
    return [...this.scopes].filter(([, s]) => s.open).map(([key]) => key);
  }
}
