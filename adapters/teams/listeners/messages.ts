import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes } from 'botbuilder';
import { errorSummary } from '../../../src/core/contract/error-summary.js';
import { loggableId } from '../../../src/core/contract/ids.js';
import type { TeamsDeps } from '../deps.js';
import { actionPayload, VERB } from '../payloads.js';
import { deliverFailure, deliverReply } from '../reply.js';
import { commandText } from '../text.js';
import { readTurn } from '../turn.js';

/**
 * Typed commands (`case`, `cas`, `help`…: the same words as Slack's `/cairn` sub-commands; the core
 * matches the first whole word, accents and case ignored; teams-ai already removed the @mention of Cairn)
 * and plain Action.Submit buttons (cards sent before buttons opened dialogs).
 */
export function registerMessages(app: Application<TurnState>, env: TeamsDeps): void {
  app.adaptiveCards.actionSubmit(VERB.action, async (ctx, _state, data) => {
    const turn = readTurn(env, ctx);
    const payload = actionPayload.safeParse(data);
    if (!turn || !payload.success) return;
    try {
      const reply = await env.core.handle({
        kind: 'action',
        actor: turn.actor,
        place: turn.place,
        action: payload.data.action,
        value: payload.data.value,
        eventId: turn.eventId,
      });
      await deliverReply(env, turn, ctx, reply);
    } catch (err) {
      env.logger.error(
        { err: errorSummary(err), action: loggableId(payload.data.action) },
        'Teams button failed',
      );
      await deliverFailure(env, turn, ctx);
    }
  });

  app.activity(ActivityTypes.Message, async (ctx) => {
    const turn = readTurn(env, ctx);
    if (!turn) return;
    const text = commandText(ctx.activity.text);
    // A card submit Cairn does not know (no text, a value): nothing to do.
    if (!text && ctx.activity.value) return;
    try {
      const reply = await env.core.handle({
        kind: 'command',
        actor: turn.actor,
        place: turn.place,
        text,
        eventId: turn.eventId,
      });
      await deliverReply(env, turn, ctx, reply);
    } catch (err) {
      env.logger.error({ err: errorSummary(err) }, 'Teams command failed');
      await deliverFailure(env, turn, ctx);
    }
  });
}
