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
 *   with its reference (the core suspends the group bound to it: a grace period, then a purge); when Cairn
 *   is in no conversation of the tenant any more (the app removed from the tenant), the tenant's data is
 *   purged at once. Removed from a 1:1 chat: that chat's reference goes (the same check follows);
 * - Cairn added (back) to a group chat or a team: a group suspended there resumes;
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
      else if (change.data.action === 'add') await addedToSpaces(env, turn);
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
      if (added.some((m) => m.id === botId)) await addedToSpaces(env, turn);
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

async function addedToSpaces(env: TeamsDeps, turn: Turn): Promise<void> {
  // The reference was remembered before this listener ran (remember.ts): the group can be reached again.
  for (const space of spacesOf(env, turn))
    await env.core.handle({ kind: 'space.added', platform: TEAMS, space });
}

async function removeConversation(env: TeamsDeps, turn: Turn): Promise<void> {
  if (turn.kind === 'personal') {
    env.store.forget(turn.actor.userRef);
    await purgeIfRemovedFromTenant(env, turn.tenantId);
    return;
  }
  await removeSpaces(env, turn, spacesOf(env, turn));
}

async function removeSpaces(env: TeamsDeps, turn: Turn, spaces: string[]): Promise<void> {
  for (const space of spaces) {
    env.store.forget(space);
    await env.core.handle({ kind: 'space.removed', platform: TEAMS, space });
  }
  env.logger.info({ platform: TEAMS, spaces: spaces.length }, 'Cairn removed from Teams conversations');
  await purgeIfRemovedFromTenant(env, turn.tenantId);
}

/**
 * Cairn is in no conversation of this tenant any more (an administrator removed the app: Teams removes it
 * from every chat and team): nothing of the tenant is kept. The adapter's references go first: the core's
 * purge then checkpoints the file, so their bytes go too.
 */
async function purgeIfRemovedFromTenant(env: TeamsDeps, tenantId: string): Promise<void> {
  if (env.store.hasConversations(tenantId)) return;
  env.store.purgeTenant(tenantId);
  await env.core.handle({ kind: 'uninstalled', platform: TEAMS, workspace: tenantId });
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
