import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, RequestHandler, Response } from 'express';
import { errorSummary } from '../../src/core/contract/error-summary.js';
import type { Logger } from '../../src/core/contract/logger.js';
import { type AdmissionPolicy, admit } from './admission.js';
import type { CairnTeamsAdapter } from './bot-adapter.js';
import { withSdkConsole } from './sdk-logger.js';

/**
 * `POST /api/messages`, in this order: a JSON activity (else 400), a valid Bot Framework token (else 401,
 * whatever the activity claims), an allowed tenant and a Bot Framework service URL (else 403), then the
 * turn. This replaces the SDK's `process`, which checked the token only after Cairn's tenant check (so
 * 403 against 401 told a stranger which tenants are allowed) and printed every failure with
 * console.error; whatever the SDK still prints while handling a request goes to Cairn's logger, redacted.
 */
export function inboundHandler(
  adapter: CairnTeamsAdapter,
  policy: AdmissionPolicy,
  logger: Logger,
  logic: (context: TurnContext) => Promise<void>,
): RequestHandler {
  return (req: Request, res: Response) =>
    withSdkConsole(logger, async () => {
      const activity = activityOf(req.body);
      if (!activity) {
        logger.warn({ reason: 'malformed activity' }, 'Teams request refused');
        res.status(400).json({ error: 'bad_request' });
        return;
      }
      let auth: Awaited<ReturnType<CairnTeamsAdapter['authenticate']>>;
      try {
        auth = await adapter.authenticate(activity, req.header('authorization') ?? '');
      } catch (err) {
        if (err instanceof AuthenticationError) {
          logger.warn({ reason: 'unauthenticated' }, 'Teams request refused');
          res.status(401).json({ error: 'unauthorized' });
        } else {
          logger.error({ err: errorSummary(err) }, 'Teams authentication failed');
          res.status(500).json({ error: 'internal' });
        }
        return;
      }
      const admission = admit(activity, policy);
      if (!admission.ok) {
        logger.warn({ reason: admission.reason }, 'Teams activity refused');
        res.status(403).json({ error: 'forbidden' });
        return;
      }
      try {
        const invoke = await adapter.runTurn(auth, activity, logic);
        res.status(invoke?.status ?? 200);
        if (invoke?.body !== undefined) res.send(invoke.body);
        else res.end();
      } catch (err) {
        logger.error({ err: errorSummary(err) }, 'Teams request failed');
        if (!res.headersSent) res.status(500).json({ error: 'internal' });
      }
    });
}

/** The parsed body as an activity: an object with a type (timestamps as dates, like the SDK's own). */
function activityOf(body: unknown): Activity | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const activity = body as Activity & Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') return undefined;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      (activity as Record<string, unknown>)[raw] = value;
      (activity as Record<string, unknown>)[field] = new Date(value);
    }
  }
  return activity;
}
