import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { errorSummary } from '../../../src/core/contract/error-summary.js';
import {
  isBotAccount,
  spaceAddressOf,
  spaceConversationId,
  TEAMS,
  userKeyOf,
  userRefOf,
} from '../addresses.js';
import type { TeamsDeps } from '../deps.js';
import { deliverReply } from '../reply.js';
import { readTurn, type Turn } from '../turn.js';
import { membershipChange } from './remember.js';

/**
 * Installation and membership. Conversation references are stored for every activity (remember.ts); here:
 * - Cairn installed in a 1:1 chat (installationUpdate): a welcome (the help card);
 * - Cairn removed from a group chat or a team, a channel or team deleted: each space concerned is removed
 *   (the core deletes the group bound to it) with its reference; when the tenant has no space left, the
 *   tenant's data is purged. Removed from a 1:1 chat: that chat's reference goes;
 * - people added to or removed from a group chat or team: they join or leave the groups bound there.
 */
export function registerConversation(app: Application<TurnState>, env: TeamsDeps): void {
  app.activity('installationUpdate', async (ctx) => {
    const turn = readTurn(env, ctx);
    const change = membershipChange.safeParse(ctx.activity);
    if (!turn || !change.success) return;
    await guard(env, 'installationUpdate', async () => {
      if (change.data.action === 'remove') await removeConversation(env, turn);
      else if (change.data.action === 'add' && turn.kind === 'personal') await welcome(env, turn, ctx);
    });
  });

  app.activity('conversationUpdate', async (ctx) => {
    const turn = readTurn(env, ctx);
    const change = membershipChange.safeParse(ctx.activity);
    if (!turn || !change.success) return;
    const a = turn.activity;
    const botId = a.recipient.id;
    await guard(env, 'conversationUpdate', async () => {
      const event = a.channelData?.eventType;
      if (event === 'channelDeleted' && a.channelData?.channel) {
        return removeSpaces(env, turn, [spaceAddressOf(turn.tenantId, a.channelData.channel.id)]);
      }
      if ((event === 'teamDeleted' || event === 'teamHardDeleted') && a.channelData?.team) {
        return removeSpaces(env, turn, env.store.spacesOfTeam(turn.tenantId, a.channelData.team.id));
      }
      const added = change.data.membersAdded ?? [];
      const removed = change.data.membersRemoved ?? [];
      if (removed.some((m) => m.id === botId)) return removeConversation(env, turn);
      // The welcome goes with installationUpdate, which Teams sends along with this on installation.
      if (turn.kind === 'personal') return;
      for (const space of spacesOf(env, turn)) {
        for (const member of added.filter((m) => m.id !== botId && !isBotAccount(m.id))) {
          const user = await env.platform.describeMember(space, member);
          await env.core.handle({ kind: 'member.joined', platform: TEAMS, space, user });
        }
        // Someone who left is not looked up (nor remembered): their reference is all the core needs.
        for (const member of removed.filter((m) => m.id !== botId && !isBotAccount(m.id))) {
          const user = {
            userRef: userRefOf(turn.tenantId, userKeyOf(member)),
            displayName: '',
            workspace: turn.tenantId,
          };
          await env.core.handle({ kind: 'member.left', platform: TEAMS, space, user });
        }
      }
    });
  });
}

/** The spaces a membership event concerns: the group chat, or every bound channel of the team. */
function spacesOf(env: TeamsDeps, turn: Turn): string[] {
  const own = spaceAddressOf(turn.tenantId, spaceConversationId(turn.activity));
  const teamId = turn.activity.channelData?.team?.id;
  if (turn.kind !== 'channel' || !teamId) return [own];
  return [...new Set([own, ...env.store.spacesOfTeam(turn.tenantId, teamId)])];
}

async function removeConversation(env: TeamsDeps, turn: Turn): Promise<void> {
  if (turn.kind === 'personal') {
    env.store.forget(turn.actor.userRef);
    return;
  }
  await removeSpaces(env, turn, spacesOf(env, turn));
}

async function removeSpaces(env: TeamsDeps, turn: Turn, spaces: string[]): Promise<void> {
  // The adapter's references go first: the core's purge then checkpoints the file, so their bytes go too.
  for (const space of spaces) {
    env.store.forget(space);
    await env.core.handle({ kind: 'space.removed', platform: TEAMS, space });
  }
  if (!env.store.hasSpaces(turn.tenantId)) {
    // Cairn is in no team or group chat of this tenant any more: nothing of it is kept.
    env.store.purgeTenant(turn.tenantId);
    await env.core.handle({ kind: 'uninstalled', platform: TEAMS, workspace: turn.tenantId });
  }
  env.logger.info({ platform: TEAMS, spaces: spaces.length }, 'Cairn removed from Teams conversations');
}

async function welcome(env: TeamsDeps, turn: Turn, ctx: TurnContext): Promise<void> {
  const reply = await env.core.handle({
    kind: 'command',
    actor: turn.actor,
    place: { kind: 'direct' },
    text: 'help',
  });
  await deliverReply(env, turn, ctx, reply);
}

async function guard(env: TeamsDeps, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    env.logger.error({ err: errorSummary(err), activity: what }, 'Teams conversation event failed');
  }
}
