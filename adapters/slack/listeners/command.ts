import type { App } from '@slack/bolt';
import type { Place } from '../../../src/core/contract/events.js';
import type { Reply } from '../../../src/core/contract/reply.js';
import { actorFor, workspaceOf } from '../actor.js';
import { isDirectChannel, spaceAddress } from '../addresses.js';
import { slackErrorCode } from '../delivery-errors.js';
import type { SlackDeps } from '../deps.js';
import { renderMessage } from '../render-message.js';
import { deliverReply, type Surface } from '../reply.js';
import { failureMessage } from '../strings.js';

/**
 * How long a command waits for the core before acknowledging without it. Slack allows 3 s; the core
 * answers from SQLite in a few milliseconds, but a users.info on a cold cache or a long database job
 * (closing a big round) must not cost the acknowledgment.
 */
export const ACK_WAIT_MS = 1500;

/**
 * `/cairn <sub-command>` (any slash command of this app routes here). The core runs first: a message it
 * answers in time is sent in the acknowledgment itself (ephemeral: one request instead of an ack and a
 * POST to the response_url); otherwise the command is acknowledged at once and the answer follows, as an
 * ephemeral reply or a modal opened with the command's trigger_id.
 */
export function registerCommand(app: App, deps: SlackDeps): void {
  app.command(/^\/.+/, async ({ command, ack, respond, client, context }) => {
    let locale: string | undefined;
    const answer = (async (): Promise<Reply> => {
      try {
        const workspace = workspaceOf(context, command.team_id);
        const actor = await actorFor(deps.directory, workspace, command.user_id, context.botToken);
        locale = actor.locale;
        const place: Place = isDirectChannel(command.channel_id)
          ? { kind: 'direct' }
          : { kind: 'space', address: spaceAddress(workspace, command.channel_id) };
        return await deps.core.handle({ kind: 'command', actor, place, text: command.text ?? '' });
      } catch (err) {
        deps.logger.error({ code: slackErrorCode(err) }, 'command failed');
        return { kind: 'message', message: failureMessage(locale) };
      }
    })();
    const early = await within(ACK_WAIT_MS, answer);
    if (early?.kind === 'message') {
      const { text, blocks } = renderMessage(early.message);
      await ack({ response_type: 'ephemeral', text, blocks });
      return;
    }
    await ack();
    const surface: Surface = {
      kind: 'message',
      respond,
      channel: command.channel_id,
      userId: command.user_id,
    };
    const reply = early ?? (await answer);
    const io = {
      client,
      token: context.botToken,
      triggerId: command.trigger_id,
      logger: deps.logger,
      locale,
    };
    await deliverReply(reply, surface, io);
  });
}

/** The value of `work` if it settles within `ms`, else undefined (the work goes on). */
async function within<T>(ms: number, work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
