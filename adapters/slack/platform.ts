import type { webApi } from '@slack/bolt';
import {
  type Capabilities,
  type ChatPlatform,
  type Clearance,
  DeliveryError,
  GoneError,
  type InstallationReport,
  type PlatformUser,
  type RateLimit,
  type SendGuard,
} from '../../src/core/contract/chat-platform.js';
import type { Logger } from '../../src/core/contract/logger.js';
import type { Message } from '../../src/core/contract/message.js';
import {
  messageRef,
  type ParsedRef,
  PLATFORM,
  parseRef,
  spaceAddress,
  userRef,
  workspaceKey,
} from './addresses.js';
import {
  isGoneFromChannel,
  isRevoked,
  slackErrorCode,
  toDeliveryError,
  workspaceLimitKey,
} from './delivery-errors.js';
import type { TokenSource, UserDirectory } from './directory.js';
import { renderMessage } from './render-message.js';

export type SlackPlatformOptions = {
  /** A client that never retries on its own (`retries: 0`, `rejectRateLimitedCalls`): the outbox retries. */
  client: webApi.WebClient;
  tokens: TokenSource;
  directory: UserDirectory;
  /** Proactive messages per second per workspace (SLACK_WORKSPACE_RATE). */
  workspaceRate: number;
  logger: Logger;
  /** OAuth: the workspaces holding an installation (absent: one workspace, SLACK_BOT_TOKEN). */
  installedWorkspaces?: () => string[];
  /** OAuth: deletes a workspace's installation whose tokens Slack refuses (they can never work again). */
  forgetInstallation?: (workspace: string) => void;
};

/** About one message per second per channel (Slack's documented pace for chat.postMessage). */
const CHANNEL_RATE = 1;
const MEMBER_LOOKUPS_AT_ONCE = 5;
/** auth.test is rate limited at about a hundred a minute: one check every 700 ms stays under it. */
const CHECK_PACE_MS = 700;

/**
 * Cairn's Slack side for proactive messages: DMs (conversations.open, then chat.postMessage), posts in
 * a group's private channel, edits (chat.update) and member lists (conversations.members + users.info).
 */
export class SlackPlatform implements ChatPlatform {
  readonly id = PLATFORM;
  readonly capabilities: Capabilities = { ephemeral: true, updateMessage: true, files: false };
  readonly commandPrefix = '/cairn ';
  private readonly dmChannels = new Map<string, string>();

  constructor(private readonly options: SlackPlatformOptions) {}

  /** A DM: conversations.open (once per person), then chat.postMessage; `guard` runs before each call. */
  async sendDirect(ref: string, message: Message, guard: SendGuard = unguarded): Promise<string> {
    const user = parse(ref);
    return this.call(user.workspace, async (token) => {
      const channel = await this.directChannel(token, ref, user.id, guard);
      guard();
      return this.post(token, user.workspace, channel, message);
    });
  }

  async postToSpace(address: string, message: Message, guard: SendGuard = unguarded): Promise<string> {
    const space = parse(address);
    return this.call(space.workspace, (token) => {
      guard();
      return this.post(token, space.workspace, space.id, message);
    });
  }

  async updateMessage(ref: string, message: Message, guard: SendGuard = unguarded): Promise<void> {
    const target = parse(ref);
    if (!target.ts) throw new DeliveryError('permanent', 'not a Slack message reference');
    await this.call(target.workspace, async (token) => {
      guard();
      const { client } = this.options;
      await client.chat.update({
        token,
        channel: target.id,
        ts: target.ts!,
        ...renderMessage(message),
      });
    });
  }

  /**
   * The humans of a channel. Cairn no longer in it (removed, archived, uninstalled, token revoked) is a
   * GoneError: the core suspends the group rather than emptying it.
   */
  async listSpaceMembers(address: string): Promise<PlatformUser[]> {
    const space = parse(address);
    return this.callInChannel(space.workspace, async (token) => {
      const ids = await this.memberIds(token, space.id);
      const users: PlatformUser[] = [];
      for (let i = 0; i < ids.length; i += MEMBER_LOOKUPS_AT_ONCE) {
        const batch = ids.slice(i, i + MEMBER_LOOKUPS_AT_ONCE);
        const found = await Promise.all(
          batch.map((id) => this.options.directory.get(space.workspace, id, token)),
        );
        for (const user of found) {
          if (!user?.human) continue;
          users.push({
            userRef: userRef(space.workspace, user.id),
            displayName: user.displayName,
            workspace: space.workspace,
          });
        }
      }
      return users;
    });
  }

  rateLimits(address: string): RateLimit[] {
    const parsed = parseRef(address);
    if (!parsed) return [];
    return [
      { key: `slack:conversation:${parsed.workspace}:${parsed.id}`, perSecond: CHANNEL_RATE },
      { key: workspaceLimitKey(parsed.workspace), perSecond: this.options.workspaceRate },
    ];
  }

  /** Forgets what is cached about a person (their DM channel, name and locale) when they are forgotten. */
  forgetUser(ref: string): void {
    this.dmChannels.delete(ref);
    const user = parseRef(ref);
    if (user) this.options.directory.forgetUser(user.workspace, user.id);
  }

  /** Forgets what is cached about a workspace (after an uninstall). */
  forgetWorkspace(workspace: string): void {
    for (const key of this.dmChannels.keys())
      if (key.startsWith(`slack:${workspace}:`)) this.dmChannels.delete(key);
    this.options.directory.forget(workspace);
  }

  private async post(token: string, workspace: string, channel: string, message: Message): Promise<string> {
    const rendered = renderMessage(message);
    if (rendered.truncated) this.options.logger.warn({ channel }, 'message too long for one Slack message');
    const res = await this.options.client.chat.postMessage({
      token,
      channel,
      text: rendered.text,
      blocks: rendered.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    if (!res.ts) throw new DeliveryError('transient', 'slack: no ts in chat.postMessage reply');
    return messageRef(workspace, res.channel ?? channel, res.ts);
  }

  private async directChannel(token: string, ref: string, userId: string, guard: SendGuard): Promise<string> {
    const known = this.dmChannels.get(ref);
    if (known) return known;
    guard();
    const res = await this.options.client.conversations.open({ token, users: userId });
    const channel = res.channel?.id;
    if (!channel) throw new DeliveryError('transient', 'slack: conversations.open gave no channel');
    this.dmChannels.set(ref, channel);
    return channel;
  }

  /**
   * Each installation checked with auth.test, paced: working, or revoked (its token refused). With one
   * workspace (SLACK_BOT_TOKEN) its key comes from auth.test; a refused token then says no workspace.
   */
  async checkInstallations(clear?: Clearance): Promise<InstallationReport> {
    const report: InstallationReport = { installed: [], revoked: [], complete: true };
    const { client, tokens, installedWorkspaces } = this.options;
    const workspaces = installedWorkspaces?.();
    if (!workspaces) {
      try {
        const res = await client.auth.test({ token: await tokens('') });
        const key = workspaceKey({
          teamId: res.team_id ?? null,
          enterpriseId: res.enterprise_id ?? null,
          isEnterpriseInstall: res.is_enterprise_install === true,
        });
        if (key) report.installed.push(key);
        else report.complete = false;
      } catch (err) {
        report.complete = false;
        this.options.logger.warn({ code: slackErrorCode(err) }, 'Slack installation not checked');
      }
      return report;
    }
    for (const [i, workspace] of workspaces.entries()) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, CHECK_PACE_MS));
      // A Retry-After or an outage of this workspace: asked again next time.
      if (clear && !(await clear(spaceAddress(workspace, 'AUTH')))) {
        report.complete = false;
        continue;
      }
      try {
        await client.auth.test({ token: await tokens(workspace) });
        report.installed.push(workspace);
      } catch (err) {
        if (!isRevoked(err)) {
          report.complete = false;
          continue;
        }
        report.revoked.push(workspace);
        this.options.forgetInstallation?.(workspace);
        this.forgetWorkspace(workspace);
      }
    }
    return report;
  }

  private async memberIds(token: string, channel: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await this.options.client.conversations.members({
        token,
        channel,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      ids.push(...(res.members ?? []));
      cursor = res.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return ids;
  }

  /** Runs a Web API exchange with the workspace's token; every failure becomes a DeliveryError. */
  private async call<T>(workspace: string, work: (token: string) => Promise<T>): Promise<T> {
    try {
      return await work(await this.options.tokens(workspace));
    } catch (err) {
      throw toDeliveryError(err, workspace);
    }
  }

  /** The same, for a channel's members: Cairn gone from the channel is a GoneError. */
  private async callInChannel<T>(workspace: string, work: (token: string) => Promise<T>): Promise<T> {
    try {
      return await work(await this.options.tokens(workspace));
    } catch (err) {
      if (isGoneFromChannel(err)) throw new GoneError(`slack: ${slackErrorCode(err)}`);
      throw toDeliveryError(err, workspace);
    }
  }
}

const unguarded: SendGuard = () => {};

function parse(ref: string): ParsedRef {
  const parsed = parseRef(ref);
  if (!parsed) throw new DeliveryError('permanent', 'not a Slack reference');
  return parsed;
}
