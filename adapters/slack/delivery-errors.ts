import { webApi } from '@slack/bolt';
import { DeliveryError } from '../../src/core/contract/chat-platform.js';

/** Slack error codes that can succeed later; every other `ok: false` is a permanent refusal. */
const TRANSIENT_CODES = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/** The outbox's pacing key for a workspace; a 429 pauses every send to that workspace. */
export const workspaceLimitKey = (workspace: string): string => `slack:workspace:${workspace}`;

/** Thrown when no token can be found for a workspace (never installed, or uninstalled). */
export class NoInstallationError extends Error {
  constructor() {
    super('no Slack installation for this workspace');
    this.name = 'NoInstallationError';
  }
}

/**
 * A Web API failure as the outbox understands it: 429 -> rate_limited (Retry-After, scoped to the
 * workspace); 5xx, network errors and Slack's own transient codes -> transient (scoped to the workspace too:
 * the outbox pauses a workspace that keeps failing); the rest -> permanent.
 */
export function toDeliveryError(err: unknown, workspace: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const scope = workspaceLimitKey(workspace);
  if (err instanceof webApi.WebAPIRateLimitedError)
    return new DeliveryError('rate_limited', 'slack: rate limited', err.retryAfter * 1000, scope);
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = String(err.data.error ?? 'unknown');
    if (code === 'ratelimited') return new DeliveryError('rate_limited', 'slack: ratelimited', 1000, scope);
    if (TRANSIENT_CODES.has(code)) return new DeliveryError('transient', `slack: ${code}`, undefined, scope);
    return new DeliveryError('permanent', `slack: ${code}`);
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    if (err.statusCode >= 500 || err.statusCode === 408)
      return new DeliveryError('transient', `slack: HTTP ${err.statusCode}`, undefined, scope);
    return new DeliveryError('permanent', `slack: HTTP ${err.statusCode}`);
  }
  if (err instanceof webApi.WebAPIRequestError)
    return new DeliveryError('transient', 'slack: network error', undefined, scope);
  if (err instanceof NoInstallationError) return new DeliveryError('permanent', err.message);
  return new DeliveryError('transient', 'slack: unexpected error', undefined, scope);
}

/** The Slack error code of a failed call, for logs (never the payload). */
export function slackErrorCode(err: unknown): string {
  if (err instanceof webApi.WebAPIPlatformError) return String(err.data.error ?? 'unknown');
  if (err instanceof webApi.WebAPIRateLimitedError) return 'rate_limited';
  if (err instanceof webApi.WebAPIHTTPError) return `http_${err.statusCode}`;
  if (err instanceof webApi.WebAPIRequestError) return 'network';
  return err instanceof Error ? err.name : 'unknown';
}
