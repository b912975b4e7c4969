import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TaskModuleTaskInfo } from 'botbuilder';
import { errorSummary } from '../../../src/core/contract/error-summary.js';
import { loggableId } from '../../../src/core/contract/ids.js';
import { FORM_ERROR } from '../../../src/core/contract/reply.js';
import type { TeamsDeps } from '../deps.js';
import { type DialogAnswer, dialogAnswer } from '../dialogs.js';
import { actionPayload, cancelPayload, openPayload, VERB } from '../payloads.js';
import { readDialogSubmission } from '../read-form.js';
import { renderFormDialog } from '../render-form.js';
import { readTurn, type Turn } from '../turn.js';

/**
 * Dialogs (task modules). `task/fetch` comes from a card button (`cairn.action`, or `cairn.open` for a
 * form a typed command prepared) and always opens something; `task/submit` comes from the dialog's own
 * buttons: the form's submit, a button of a message shown in the dialog, or cancel.
 */
export function registerDialogs(app: Application<TurnState>, env: TeamsDeps): void {
  app.taskModules.fetch([VERB.action, VERB.open], async (ctx, _state, data) => {
    const turn = readTurn(env, ctx);
    if (!turn) return 'Cairn';
    return asTaskInfo(await fetchDialog(env, turn, data)) ?? turn.strings.done;
  });

  app.taskModules.submit([VERB.form, VERB.action, VERB.cancel], async (ctx, _state, data) => {
    const turn = readTurn(env, ctx);
    if (!turn) return null;
    return asTaskInfo(await submitDialog(env, turn, data));
  });
}

async function fetchDialog(env: TeamsDeps, turn: Turn, data: unknown): Promise<DialogAnswer> {
  const open = openPayload.safeParse(data);
  if (open.success) {
    const form = env.forms.get(open.data.token, turn.actor.userRef);
    return form ? renderFormDialog(form, turn.strings) : turn.strings.formExpired;
  }
  return pressButton(env, turn, data, false);
}

/** A dialog's submission, from `task/submit` or from the message extension's `submitAction`. */
export async function submitDialog(env: TeamsDeps, turn: Turn, data: unknown): Promise<DialogAnswer> {
  if (cancelPayload.safeParse(data).success) return null;
  const submission = readDialogSubmission(data);
  if (!submission) return pressButton(env, turn, data, true);
  try {
    const reply = await env.core.handle({
      kind: 'form.submitted',
      actor: turn.actor,
      formId: submission.formId,
      state: submission.state,
      values: submission.values,
      eventId: turn.eventId,
    });
    return dialogAnswer(reply, turn.strings, {
      submitted: { form: submission.form, values: submission.values },
      canClose: true,
    });
  } catch (err) {
    env.logger.error(
      { err: errorSummary(err), form: loggableId(submission.formId) },
      'Teams dialog submission failed',
    );
    // Said under the form, with what was typed, so that nothing is lost and it can be sent again.
    return renderFormDialog(submission.form, turn.strings, {
      errors: { [FORM_ERROR]: turn.strings.failed },
      values: submission.values,
    });
  }
}

async function pressButton(
  env: TeamsDeps,
  turn: Turn,
  data: unknown,
  canClose: boolean,
): Promise<DialogAnswer> {
  const payload = actionPayload.safeParse(data);
  if (!payload.success) return canClose ? null : turn.strings.formExpired;
  try {
    const reply = await env.core.handle({
      kind: 'action',
      actor: turn.actor,
      place: turn.place,
      action: payload.data.action,
      value: payload.data.value,
      eventId: turn.eventId,
    });
    return dialogAnswer(reply, turn.strings, { canClose });
  } catch (err) {
    env.logger.error(
      { err: errorSummary(err), action: loggableId(payload.data.action) },
      'Teams button failed',
    );
    return turn.strings.failed;
  }
}

/** teams-ai's types want Bot Framework's TaskModuleTaskInfo; a DialogInfo is one. */
export const asTaskInfo = (answer: DialogAnswer): TaskModuleTaskInfo | string | null =>
  answer as TaskModuleTaskInfo | string | null;
