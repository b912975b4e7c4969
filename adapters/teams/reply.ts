import type { TurnContext } from 'botbuilder';
import { errorSummary } from '../../src/core/contract/error-summary.js';
import { message } from '../../src/core/contract/message.js';
import type { Reply } from '../../src/core/contract/reply.js';
import type { TeamsDeps } from './deps.js';
import { renderOpenFormCard } from './render-form.js';
import { attachmentOf, messageActivity } from './render-message.js';
import type { Turn } from './turn.js';

/**
 * Shows the core's answer to something typed (or a plain card button). Teams has no ephemeral messages:
 * in the 1:1 chat the answer is a reply there; in a group chat or channel it goes to the person's 1:1
 * chat (opened if needed), so nothing meant for one person shows to the group, and the group only reads
 * that the answer was sent privately. A form becomes a card whose button opens the dialog.
 */
export async function deliverReply(
  env: TeamsDeps,
  turn: Turn,
  ctx: TurnContext,
  reply: Reply,
): Promise<void> {
  switch (reply.kind) {
    case 'none':
    case 'form.errors':
      return;
    case 'message':
      return sendPrivately(env, turn, ctx, messageActivity(reply.message));
    case 'form.done':
      if (reply.message) await sendPrivately(env, turn, ctx, messageActivity(reply.message));
      return;
    case 'form':
    case 'form.next': {
      const token = env.forms.put(reply.form, turn.actor.userRef);
      const activity = {
        type: 'message',
        summary: reply.form.title,
        attachments: [attachmentOf(renderOpenFormCard(reply.form, token))],
      };
      return sendPrivately(env, turn, ctx, activity);
    }
  }
}

/** When the core could not answer: the person is told so, privately and in their language. */
export async function deliverFailure(env: TeamsDeps, turn: Turn, ctx: TurnContext): Promise<void> {
  try {
    await deliverReply(env, turn, ctx, { kind: 'message', message: message(turn.strings.failed) });
  } catch (err) {
    env.logger.warn({ err: errorSummary(err) }, 'could not tell a person that Cairn failed');
  }
}

async function sendPrivately(env: TeamsDeps, turn: Turn, ctx: TurnContext, activity: object): Promise<void> {
  if (turn.kind === 'personal') {
    await ctx.sendActivity(activity);
    return;
  }
  try {
    await env.platform.sendPersonal(turn.actor.userRef, activity, { report: false });
    await ctx.sendActivity(notice(turn.strings.repliedPrivately));
  } catch (err) {
    env.logger.warn({ err: errorSummary(err) }, 'could not answer a person privately in Teams');
    await ctx.sendActivity(notice(turn.strings.cannotReachPrivately));
  }
}

const notice = (text: string) => ({ type: 'message', text, textFormat: 'plain' });
