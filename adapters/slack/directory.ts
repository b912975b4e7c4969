import type { webApi } from '@slack/bolt';

export type SlackUser = {
  id: string;
  displayName: string;
  /** Bots, Slackbot and deactivated accounts are never group members. */
  human: boolean;
  locale?: string;
  /** The person's own workspace (`team_id`) and organisation: another one's people come through Slack Connect. */
  teamId?: string;
  enterpriseId?: string;
  /** A multi-channel or single-channel guest (`is_restricted`, `is_ultra_restricted`). */
  guest: boolean;
};

/**
 * Whether a person belongs to the organisation Cairn is installed in (`workspace` is the team id, or the
 * enterprise id of an org-wide install). Someone of another organisation, in a Slack Connect channel, has
 * another `team_id`. When Slack gave no team at all, the person is taken as Slack shows them: local.
 */
export function belongsTo(user: SlackUser, workspace: string): boolean {
  if (!user.teamId && !user.enterpriseId) return true;
  return user.teamId === workspace || user.enterpriseId === workspace;
}

export type TokenSource = (workspace: string) => Promise<string>;

const TTL_MS = 10 * 60_000;

/**
 * users.info with a short cache: display names and locales for actors, and the bot filter for member
 * lists. A failed look-up throws (a member list must not silently lose people); `user_not_found` is null.
 */
export class UserDirectory {
  private readonly cache = new Map<string, { user: SlackUser | null; at: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly tokens: TokenSource,
    private readonly now: () => number = Date.now,
  ) {}

  async get(workspace: string, userId: string, token?: string): Promise<SlackUser | null> {
    const key = `${workspace}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < TTL_MS) return hit.user;
    let user: SlackUser | null;
    try {
      const res = await this.client.users.info({
        token: token ?? (await this.tokens(workspace)),
        user: userId,
        include_locale: true,
      });
      const u = res.user;
      user = u
        ? {
            id: userId,
            displayName: u.profile?.display_name || u.profile?.real_name || u.real_name || u.name || '',
            human: !u.is_bot && !u.deleted && userId !== 'USLACKBOT',
            ...(u.locale ? { locale: u.locale } : {}),
            ...(u.team_id ? { teamId: u.team_id } : {}),
            ...(u.enterprise_user?.enterprise_id ? { enterpriseId: u.enterprise_user.enterprise_id } : {}),
            guest: Boolean(u.is_restricted || u.is_ultra_restricted),
          }
        : null;
    } catch (err) {
      if ((err as { data?: { error?: string } }).data?.error !== 'user_not_found') throw err;
      user = null;
    }
    this.cache.set(key, { user, at: this.now() });
    return user;
  }

  /** What is cached about a person, without calling Slack (undefined when nothing fresh is known). */
  peek(workspace: string, userId: string): SlackUser | null | undefined {
    const hit = this.cache.get(`${workspace}:${userId}`);
    return hit && this.now() - hit.at < TTL_MS ? hit.user : undefined;
  }

  /** Same as `get`, but never throws: for naming the person acting, where a name is a nicety. */
  async tryGet(workspace: string, userId: string, token?: string): Promise<SlackUser | null> {
    try {
      return await this.get(workspace, userId, token);
    } catch {
      return null;
    }
  }

  forgetUser(workspace: string, userId: string): void {
    this.cache.delete(`${workspace}:${userId}`);
  }

  forget(workspace: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${workspace}:`)) this.cache.delete(key);
  }
}
