import type { App } from '@slack/bolt';
import { leavesNoTrace } from '../../../src/core/contract/anonymity.js';
import { loggableId } from '../../../src/core/contract/ids.js';
import { FORM_ERROR, type Reply } from '../../../src/core/contract/reply.js';
import { actorFor, cachedActor, workspaceOf } from '../actor.js';
import { slackErrorCode } from '../delivery-errors.js';
import type { SlackDeps } from '../deps.js';
import { readForm, viewStateSchema } from '../read-form.js';
import { NOTICE_CALLBACK } from '../render-form.js';
import { unescapeText, viewSubmissionResponse } from '../reply.js';
import { failureText } from '../strings.js';
import { publishHome } from './app-home.js';

/**
 * A modal submitted. Unlike commands and buttons, the answer travels in the acknowledgment itself
 * (errors, next step, closing message), so the core runs first: it answers form submissions from SQLite
 * well within Slack's 3 seconds.
 */
export function registerViewSubmission(app: App, deps: SlackDeps): void {
  app.view({ type: 'view_submission' }, async ({ ack, body, view, context, client }) => {
    if (view.callback_id === NOTICE_CALLBACK) {
      await ack({ response_action: 'clear' });
      return;
    }
    const workspace = workspaceOf(context, body.team?.id ?? body.user?.team_id);
    // A check-in answer makes no users.info call: the core reads no name there (the answer changes nothing
    // but counters), and it spares a round trip to Slack inside the 3 seconds.
    const actor = leavesNoTrace({ formId: view.callback_id })
      ? cachedActor(deps.directory, workspace, body.user.id)
      : await actorFor(deps.directory, workspace, body.user.id, context.botToken);
    // Read defensively: a client may send back less of the view than Slack does.
    const title = unescapeText(view.title?.text ?? '');
    const state = viewStateSchema.safeParse(view.state?.values ?? {});
    const blockIds = [
      ...new Set([
        ...(view.blocks ?? []).filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id!),
        ...Object.keys(state.success ? state.data : {}),
      ]),
    ];
    let reply: Reply;
    try {
      reply = await deps.core.handle({
        kind: 'form.submitted',
        actor,
        formId: view.callback_id,
        state: view.private_metadata ?? '',
        values: state.success ? readForm(state.data) : {},
      });
    } catch (err) {
      deps.logger.error(
        { form: loggableId(view.callback_id), code: slackErrorCode(err) },
        'form submission failed',
      );
      // Said under the form (an error of no field goes under the first one): what was typed stays.
      reply = { kind: 'form.errors', errors: { [FORM_ERROR]: failureText(actor.locale) } };
    }
    await ack(viewSubmissionResponse(reply, { title, blockIds }));
    // Nothing else happens around a check-in answer (no Home refresh that could write or be timed); the
    // Home tab is refreshed for people who may be looking at it (it is published again when opened).
    if (
      reply.kind === 'form.done' &&
      !leavesNoTrace({ formId: view.callback_id }) &&
      deps.homeViewers.lookingNow(workspace, body.user.id)
    )
      await publishHome(deps, client, context.botToken, workspace, body.user.id);
  });
}
