import type { App } from '@slack/bolt';
import type { Place } from '../../../src/core/contract/events.js';
import { actorFor, workspaceOf } from '../actor.js';
import { isDirectChannel, spaceAddress } from '../addresses.js';
import { slackErrorCode } from '../delivery-errors.js';
import type { SlackDeps } from '../deps.js';
import { deliverReply, type Surface } from '../reply.js';
import { failureMessage } from '../strings.js';

/**
 * `/cairn <sub-command>` (any slash command of this app routes here). Acknowledged at once; the core's
 * answer follows as an ephemeral reply or a modal opened with the command's trigger_id.
 */
export function registerCommand(app: App, deps: SlackDeps): void {
  app.command(/^\/.+/, async ({ command, ack, respond, client, context }) => {
    await ack();
    const workspace = workspaceOf(context, command.team_id);
    const actor = await actorFor(deps.directory, workspace, command.user_id, context.botToken);
    const place: Place = isDirectChannel(command.channel_id)
      ? { kind: 'direct' }
      : { kind: 'space', address: spaceAddress(workspace, command.channel_id) };
    const io = { client, token: context.botToken, triggerId: command.trigger_id, logger: deps.logger };
    const surface: Surface = {
      kind: 'message',
      respond,
      channel: command.channel_id,
      userId: command.user_id,
    };
    try {
      const reply = await deps.core.handle({ kind: 'command', actor, place, text: command.text ?? '' });
      await deliverReply(reply, surface, io);
    } catch (err) {
      deps.logger.error({ code: slackErrorCode(err) }, 'command failed');
      await deliverReply({ kind: 'message', message: failureMessage(actor.locale) }, surface, io);
    }
  });
}
