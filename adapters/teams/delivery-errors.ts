import { DeliveryError } from '../../src/core/contract/chat-platform.js';

/**
 * How a failed Bot Connector call maps onto the outbox's retry rules (the connector client's own retries
 * are off, see connector.ts: the outbox is the one place that waits and retries).
 * - 429 and 412 (Teams' throttling answers): `rate_limited`, honouring Retry-After, pausing `scope`;
 * - 5xx and network failures: `transient` (the outbox backs off, and pauses `scope` if it keeps failing);
 * - other 4xx (bot removed, user unknown, conversation gone): `permanent`.
 */
export function deliveryErrorOf(err: unknown, scope: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const status = statusOf(err);
  const code = codeOf(err);
  const what = `teams ${status ?? 'network'}${code ? ` ${code}` : ''}`;
  if (status === 429 || status === 412) {
    return new DeliveryError('rate_limited', what, retryAfterMs(err) ?? 1_000, scope);
  }
  if (status === undefined || status >= 500 || status === 408)
    return new DeliveryError('transient', what, undefined, scope || undefined);
  return new DeliveryError('permanent', what);
}

export function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code.slice(0, 60) : undefined;
}

/** Retry-After in seconds or as an HTTP date, from the error's response headers. */
export function retryAfterMs(err: unknown, now: number = Date.now()): number | undefined {
  const headers = (err as { response?: { headers?: { get?: (name: string) => string | undefined } } })
    ?.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The conversation is gone or Cairn may not write there (uninstalled, blocked, user left the tenant). */
export const isGone = (err: unknown): boolean => {
  const status = statusOf(err);
  return status === 403 || status === 404;
};
