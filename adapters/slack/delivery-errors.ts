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

/** Codes that say Cairn's token no longer works in the workspace (revoked, uninstalled, account gone). */
const REVOKED_CODES = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'invalid_refresh_token',
  'team_not_found',
]);
/** Codes that say Cairn is no longer in a channel. */
const NOT_THERE_CODES = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);

/** The workspace's token is refused for good (or there is none): Cairn is no longer installed there. */
export function isRevoked(err: unknown): boolean {
  if (err instanceof NoInstallationError) return true;
  return err instanceof webApi.WebAPIPlatformError && REVOKED_CODES.has(String(err.data.error));
}

/** Cairn cannot reach this channel any more: removed from it, or no longer installed. */
export function isGoneFromChannel(err: unknown): boolean {
  if (isRevoked(err)) return true;
  return err instanceof webApi.WebAPIPlatformError && NOT_THERE_CODES.has(String(err.data.error));
}

/** The Slack error code of a failed call, for logs (never the payload). */
export function slackErrorCode(err: unknown): string {
  if (err instanceof webApi.WebAPIPlatformError) return String(err.data.error ?? 'unknown');
  if (err instanceof webApi.WebAPIRateLimitedError) return 'rate_limited';
  if (err instanceof webApi.WebAPIHTTPError) return `http_${err.statusCode}`;
  if (err instanceof webApi.WebAPIRequestError) return 'network';
  if (err instanceof NoInstallationError) return 'no_installation';
  return err instanceof Error ? err.name : 'unknown';
}
