import type { Context } from '@slack/bolt';
import type { Actor } from '../../src/core/contract/events.js';
import { PLATFORM, userRef, workspaceKey } from './addresses.js';
import type { SlackUser, UserDirectory } from './directory.js';

/** The workspace key of an incoming request, from Bolt's context (or the payload's team as a fallback). */
export function workspaceOf(context: Context, fallbackTeam?: string | null): string {
  const key = workspaceKey({
    teamId: context.teamId ?? fallbackTeam ?? null,
    enterpriseId: context.enterpriseId ?? null,
    isEnterpriseInstall: context.isEnterpriseInstall,
  });
  if (!key) throw new Error('request without a team or enterprise id');
  return key;
}

/**
 * The person acting, from what the directory already knows (no users.info call): for a check-in answer,
 * where the core reads no name and nothing should be asked of Slack around it.
 */
export function cachedActor(directory: UserDirectory, workspace: string, userId: string): Actor {
  return actorOf(workspace, userId, directory.peek(workspace, userId));
}

/**
 * The person acting. The display name and locale come from users.info (cached); when that fails the
 * name stays empty, which the core takes as "unchanged".
 */
export async function actorFor(
  directory: UserDirectory,
  workspace: string,
  userId: string,
  token: string | undefined,
): Promise<Actor> {
  return actorOf(workspace, userId, await directory.tryGet(workspace, userId, token));
}

/** An actor from what is known of them (nothing: an empty name, which the core takes as "unchanged"). */
function actorOf(workspace: string, userId: string, user: SlackUser | null | undefined): Actor {
  return {
    platform: PLATFORM,
    userRef: userRef(workspace, userId),
    displayName: user?.displayName ?? '',
    workspace,
    ...(user?.locale ? { locale: user.locale } : {}),
  };
}
