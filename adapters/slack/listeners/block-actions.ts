import type { App } from '@slack/bolt';
import { leavesNoTrace } from '../../../src/core/contract/anonymity.js';
import type { Place } from '../../../src/core/contract/events.js';
import { loggableId } from '../../../src/core/contract/ids.js';
import { actorFor, workspaceOf } from '../actor.js';
import { isDirectChannel, spaceAddress } from '../addresses.js';
import { slackErrorCode } from '../delivery-errors.js';
import type { SlackDeps } from '../deps.js';
import { coreAction } from '../render-message.js';
import { deliverReply, type Surface, unescapeText } from '../reply.js';
import { failureMessage } from '../strings.js';
import { publishHome } from './app-home.js';

/**
 * Buttons, wherever they are: in a message (a DM reminder, an ephemeral reply, a channel post), on the
 * App Home tab, or inside a modal. Acknowledged at once; the reply then follows the surface's rules.
 */
export function registerBlockActions(app: App, deps: SlackDeps): void {
  app.action({ type: 'block_actions' }, async ({ ack, body, action, context, client, respond }) => {
    await ack();
    if (action.type !== 'button') return;
    const name = coreAction(action.action_id);
    if (!name) return; // a link button: the browser opened it, nothing to do
    const workspace = workspaceOf(context, body.team?.id ?? body.user.team_id);
    const actor = await actorFor(deps.directory, workspace, body.user.id, context.botToken);
    const { view } = body;
    let place: Place = { kind: 'direct' };
    let surface: Surface;
    if (view?.type === 'home') surface = { kind: 'home' };
    else if (view) surface = { kind: 'modal', viewId: view.id, title: unescapeText(view.title?.text ?? '') };
    else {
      const channel = body.channel?.id;
      surface = {
        kind: 'message',
        respond: body.response_url ? respond : undefined,
        channel,
        userId: body.user.id,
      };
      if (!isDirectChannel(channel)) place = { kind: 'space', address: spaceAddress(workspace, channel!) };
    }
    const io = {
      client,
      token: context.botToken,
      triggerId: body.trigger_id,
      logger: deps.logger,
      locale: actor.locale,
    };
    try {
      const reply = await deps.core.handle({
        kind: 'action',
        actor,
        place,
        action: name,
        value: action.value ?? '',
      });
      await deliverReply(reply, surface, io);
    } catch (err) {
      deps.logger.error({ action: loggableId(name), code: slackErrorCode(err) }, 'action failed');
      await deliverReply({ kind: 'message', message: failureMessage(actor.locale) }, surface, io);
    }
    // The Home tab does not refresh itself: show the change the button made.
    if (surface.kind === 'home' && !leavesNoTrace({ action: name }))
      await publishHome(deps, client, context.botToken, workspace, body.user.id);
  });
}
