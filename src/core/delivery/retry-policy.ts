import { DeliveryError } from '../contract/chat-platform.js';
import { errorSummary } from '../contract/error-summary.js';

export type RetryPolicy = { maxAttempts: number; baseBackoffMs: number; maxBackoffMs: number };

/** What becomes of a row whose send failed. */
export type RetryDecision =
  /** A Retry-After: the scope waits that long; the attempt is given back. */
  | { kind: 'pause'; scope: string | undefined; retryAfterMs: number }
  | { kind: 'dead'; reason: string }
  | { kind: 'retry'; delayMs: number; reason: string };

/** Longest reason kept in the row and the logs. */
const REASON_CHARS = 300;

/**
 * Permanent refusals and the last allowed attempt end the row; rate limits wait their Retry-After;
 * anything else is tried again after an exponential backoff with jitter (half fixed, half random, so
 * rows that failed together do not all come back together).
 */
export function decideRetry(
  err: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  const failure =
    err instanceof DeliveryError ? err : new DeliveryError('transient', errorSummary(err).message);
  if (failure.kind === 'rate_limited')
    return { kind: 'pause', scope: failure.scope, retryAfterMs: failure.retryAfterMs ?? 1_000 };
  const reason = failure.message.slice(0, REASON_CHARS);
  if (failure.kind === 'permanent' || attempt >= policy.maxAttempts) return { kind: 'dead', reason };
  const backoff = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** (attempt - 1));
  return { kind: 'retry', delayMs: Math.round(backoff / 2 + random() * (backoff / 2)), reason };
}
