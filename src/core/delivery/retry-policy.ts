import { DeliveryError } from '../contract/chat-platform.js';
import { errorSummary } from '../contract/error-summary.js';

export type RetryPolicy = {
  /** How long after its first failure a row that keeps failing transiently ends dead. */
  giveUpMs: number;
  baseBackoffMs: number;
  /** The longest wait between two tries. */
  maxBackoffMs: number;
};

/** What becomes of a row whose send failed. */
export type RetryDecision =
  /** A Retry-After: the scope waits that long; the attempt is given back. */
  | { kind: 'pause'; scope: string | undefined; retryAfterMs: number }
  /** `transient`: the platform kept failing until the row's budget was spent. */
  | { kind: 'dead'; reason: string; transient: boolean; scope: string | undefined }
  | { kind: 'retry'; delayMs: number; reason: string; scope: string | undefined };

/** Longest reason kept in the row and the logs. */
const REASON_CHARS = 300;

/**
 * Permanent refusals end the row at once; rate limits wait their Retry-After; anything else (5xx, network,
 * timeout) is tried again after an exponential backoff with jitter (half fixed, half random, so rows that
 * failed together do not all come back together), at most `maxBackoffMs` apart, until it has been failing for
 * `giveUpMs`: a time budget, not a count, so that a long outage does not kill what it delays.
 */
export function decideRetry(
  err: unknown,
  attempt: number,
  failingForMs: number,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  const failure =
    err instanceof DeliveryError ? err : new DeliveryError('transient', errorSummary(err).message);
  if (failure.kind === 'rate_limited')
    return { kind: 'pause', scope: failure.scope, retryAfterMs: failure.retryAfterMs ?? 1_000 };
  const reason = failure.message.slice(0, REASON_CHARS);
  if (failure.kind === 'permanent') return { kind: 'dead', reason, transient: false, scope: failure.scope };
  if (failingForMs >= policy.giveUpMs)
    return { kind: 'dead', reason: `gave up: ${reason}`, transient: true, scope: failure.scope };
  const backoff = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.min(attempt - 1, 30));
  return {
    kind: 'retry',
    delayMs: Math.round(backoff / 2 + random() * (backoff / 2)),
    reason,
    scope: failure.scope,
  };
}
