import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { errorSummary } from '../../../src/core/contract/error-summary.js';
import type { Form } from '../../../src/core/contract/form.js';
import { context } from '../../../src/core/contract/message.js';
import type { Reply } from '../../../src/core/contract/reply.js';
import type { TeamsDeps } from '../deps.js';
import { dialogAnswer } from '../dialogs.js';
import { SAVE_NOTE_COMMAND, SUBMIT_CASE_COMMAND } from '../payloads.js';
import { renderFormDialog } from '../render-form.js';
import type { TeamsStrings } from '../strings.js';
import { htmlToText } from '../text.js';
import { readTurn } from '../turn.js';
import { asTaskInfo, submitDialog } from './dialogs.js';

/**
 * The message actions: the core command each opens, and the field of its form that the selected message's
 * text pre-fills (the case's situation, the note's text).
 */
const ACTIONS = [
  { commandId: SUBMIT_CASE_COMMAND, command: 'case', field: 'situation' },
  { commandId: SAVE_NOTE_COMMAND, command: 'note', field: 'text' },
] as const;

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
 * The message-extension actions "Submit a case" and "Save as a note", from the compose box or from a
 * message's "…" menu: each opens the same dialog as its command (`case`, `note`), with the message's text
 * as the case's situation or the note's text.
 */
export function registerMessageExtension(app: Application<TurnState>, env: TeamsDeps): void {
  for (const { commandId, command, field } of ACTIONS) {
    app.messageExtensions.fetchTask(commandId, async (ctx) => {
      const turn = readTurn(env, ctx);
      if (!turn) return 'Cairn';
      const value = fetchValue.safeParse(ctx.activity.value);
      const content = value.success ? value.data.messagePayload?.body.content : undefined;
      try {
        const reply = await env.core.handle({
          kind: 'command',
          actor: turn.actor,
          place: turn.place,
          text: command,
          eventId: turn.eventId,
        });
        const answer =
          reply.kind === 'form'
            ? renderFormDialog(
                prefill(reply, field, content ? htmlToText(content) : '', turn.strings),
                turn.strings,
              )
            : dialogAnswer(reply, turn.strings, { canClose: false });
        return asTaskInfo(answer) ?? turn.strings.done;
      } catch (err) {
        env.logger.error({ err: errorSummary(err) }, 'Teams message extension failed');
        return turn.strings.failed;
      }
    });

    app.messageExtensions.submitAction(commandId, async (ctx, _state, data) => {
      const turn = readTurn(env, ctx);
      if (!turn) return null;
      return asTaskInfo(await submitDialog(env, turn, data));
    });
  }
}

function prefill(
  reply: Extract<Reply, { kind: 'form' }>,
  field: string,
  text: string,
  strings: TeamsStrings,
): Form {
  const target = reply.form.fields.find((f) => f.id === field);
  if (!text || !target || (target.kind !== 'multiline' && target.kind !== 'text')) return reply.form;
  const cut = text.length > target.maxLength;
  return {
    ...reply.form,
    // A message longer than the field: said before it is saved, rather than kept in part without a word.
    ...(cut
      ? {
          intro: [
            ...(reply.form.intro ?? []),
            context(strings.messageCut.replace('{max}', String(target.maxLength))),
          ],
        }
      : {}),
    fields: reply.form.fields.map((f) =>
      f === target ? { ...target, initial: text.slice(0, target.maxLength) } : f,
    ),
  };
}
