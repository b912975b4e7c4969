import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { errorSummary } from '../../../src/core/contract/error-summary.js';
import type { Reply } from '../../../src/core/contract/reply.js';
import type { TeamsDeps } from '../deps.js';
import { dialogAnswer } from '../dialogs.js';
import { SUBMIT_CASE_COMMAND } from '../payloads.js';
import { renderFormDialog } from '../render-form.js';
import { htmlToText } from '../text.js';
import { readTurn } from '../turn.js';
import { asTaskInfo, submitDialog } from './dialogs.js';

/** The case form's field that a message's text pre-fills. */
const SITUATION_FIELD = 'situation';

const fetchValue = z
  .object({
    commandId: z.string(),
    messagePayload: z
      .object({
        body: z
          .object({ content: z.string().max(100_000).optional(), contentType: z.string().optional() })
          .loose(),
      })
      .loose()
      .optional(),
  })
  .loose();

/**
 * The message-extension action "Submit a case", from the compose box or from a message's "…" menu: opens
 * the same case dialog as the `case` command, with the message's text as the situation.
 */
export function registerMessageExtension(app: Application<TurnState>, env: TeamsDeps): void {
  app.messageExtensions.fetchTask(SUBMIT_CASE_COMMAND, async (ctx) => {
    const turn = readTurn(env, ctx);
    if (!turn) return 'Cairn';
    const value = fetchValue.safeParse(ctx.activity.value);
    const content = value.success ? value.data.messagePayload?.body.content : undefined;
    try {
      const reply = await env.core.handle({
        kind: 'command',
        actor: turn.actor,
        place: turn.place,
        text: 'case',
        eventId: turn.eventId,
      });
      const answer =
        reply.kind === 'form'
          ? renderFormDialog(prefill(reply, content ? htmlToText(content) : ''), turn.strings)
          : dialogAnswer(reply, turn.strings, { canClose: false });
      return asTaskInfo(answer) ?? turn.strings.done;
    } catch (err) {
      env.logger.error({ err: errorSummary(err) }, 'Teams message extension failed');
      return turn.strings.done;
    }
  });

  app.messageExtensions.submitAction(SUBMIT_CASE_COMMAND, async (ctx, _state, data) => {
    const turn = readTurn(env, ctx);
    if (!turn) return null;
    return asTaskInfo(await submitDialog(env, turn, data));
  });
}

function prefill(reply: Extract<Reply, { kind: 'form' }>, situation: string) {
  if (!situation) return reply.form;
  return {
    ...reply.form,
    fields: reply.form.fields.map((f) =>
      f.id === SITUATION_FIELD && (f.kind === 'multiline' || f.kind === 'text')
        ? { ...f, initial: situation.slice(0, f.maxLength) }
        : f,
    ),
  };
}
