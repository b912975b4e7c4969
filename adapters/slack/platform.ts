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
  type SpaceFacts,
} from '../../src/core/contract/chat-platform.js';
import type { Logger } from '../../src/core/contract/logger.js';
import { chartAsText, type Message, message as newMessage } from '../../src/core/contract/message.js';
import {
  fileRef,
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
import { belongsTo, type SlackUser, type TokenSource, type UserDirectory } from './directory.js';
import { renderMessage } from './render-message.js';
import { uploadPicture } from './upload-picture.js';

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
  /** Pictures (check-in trends) are shared as files, drawn at twice their size for sharp screens. */
  readonly capabilities: Capabilities = {
    ephemeral: true,
    updateMessage: true,
    files: false,
    images: { scale: 2 },
  };
  readonly commandPrefix = '/cairn ';
  private readonly dmChannels = new Map<string, string>();

  constructor(private readonly options: SlackPlatformOptions) {}

  /** A DM: conversations.open (once per person), then chat.postMessage; `guard` runs before each call. */
  async sendDirect(ref: string, message: Message, guard: SendGuard = unguarded): Promise<string> {
    const user = parse(ref);
    return this.call(user.workspace, async (token) => {
      const channel = await this.directChannel(token, ref, user.id, guard);
      return this.send(token, user.workspace, channel, message, guard);
    });
  }

  async postToSpace(address: string, message: Message, guard: SendGuard = unguarded): Promise<string> {
    const space = parse(address);
    return this.call(space.workspace, (token) => this.send(token, space.workspace, space.id, message, guard));
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
   * The channel's people who may be in its group: humans of the organisation Cairn is installed in
   * (Slack Connect brings people of another one, with another team_id), and no guests when the channel is
   * shared beyond one workspace. Cairn no longer in it (removed, archived, uninstalled, token revoked) is a
   * GoneError: the core suspends the group rather than emptying it.
   */
  async listSpaceMembers(address: string): Promise<PlatformUser[]> {
    const space = parse(address);
    return this.callInChannel(space.workspace, async (token) => {
      const [ids, channel] = await Promise.all([
        this.memberIds(token, space.id),
        this.channelInfo(token, space.id),
      ]);
      const users: PlatformUser[] = [];
      for (let i = 0; i < ids.length; i += MEMBER_LOOKUPS_AT_ONCE) {
        const batch = ids.slice(i, i + MEMBER_LOOKUPS_AT_ONCE);
        const found = await Promise.all(
          batch.map((id) => this.options.directory.get(space.workspace, id, token)),
        );
        for (const user of found) {
          if (!user || !mayJoinGroup(user, space.workspace, channel?.shared ?? false)) continue;
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

  /** conversations.info: Cairn's own membership (`is_member`) and whether the channel is shared outside. */
  async describeSpace(address: string): Promise<SpaceFacts> {
    const space = parse(address);
    return this.call(space.workspace, async (token) => {
      const channel = await this.channelInfo(token, space.id);
      return {
        cairnIsMember: channel?.isMember ?? false,
        sharedOutside: channel?.sharedOutside ?? false,
      };
    });
  }

  /** Whether someone who joined a channel may be in its group (see `listSpaceMembers`). */
  async mayJoin(address: string, user: SlackUser, token?: string): Promise<boolean> {
    const space = parse(address);
    if (!belongsTo(user, space.workspace)) return false;
    if (!user.guest) return user.human;
    const channel = await this.call(space.workspace, async (stored) =>
      this.channelInfo(token ?? stored, space.id),
    );
    return mayJoinGroup(user, space.workspace, channel?.shared ?? true);
  }

  /** The channel as Cairn sees it; undefined when Slack says it does not exist for Cairn (not invited). */
  private async channelInfo(
    token: string,
    channel: string,
  ): Promise<{ isMember: boolean; shared: boolean; sharedOutside: boolean } | undefined> {
    try {
      const res = await this.options.client.conversations.info({ token, channel });
      const c = res.channel;
      if (!c) return undefined;
      const sharedOutside = Boolean(c.is_ext_shared || c.is_pending_ext_shared);
      return {
        isMember: c.is_member === true,
        shared: Boolean(sharedOutside || c.is_shared || c.is_org_shared),
        sharedOutside,
      };
    } catch (err) {
      if ((err as { data?: { error?: string } }).data?.error === 'channel_not_found') return undefined;
      throw err;
    }
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

  /**
   * A message, then each of its pictures as a shared file (a picture Slack refuses is posted as its words).
   * The reference is the message's, or the first picture's when the message is pictures only (as the
   * core's trend messages are: a message and its pictures are not sent as one, so the core never mixes
   * them and a failed upload never sends a message twice).
   */
  private async send(
    token: string,
    workspace: string,
    channel: string,
    message: Message,
    guard: SendGuard,
  ): Promise<string> {
    const pictures = message.blocks.flatMap((b) => (b.type === 'image' ? [b.image] : []));
    const rest = message.blocks.filter((b) => b.type !== 'image');
    let ref: string | undefined;
    if (pictures.length === 0 || rest.length > 0) {
      guard();
      ref = await this.post(token, workspace, channel, { ...message, blocks: rest });
    }
    for (const picture of pictures) {
      const file = await uploadPicture(picture, {
        client: this.options.client,
        token,
        workspace,
        channel,
        guard,
        logger: this.options.logger,
      });
      let sent: string;
      if (file) sent = fileRef(workspace, channel, file);
      else {
        guard();
        sent = await this.post(token, workspace, channel, newMessage(picture.title, ...chartAsText(picture)));
      }
      ref ??= sent;
    }
    return ref ?? '';
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

/** A human of this organisation; in a channel shared beyond one workspace, not a guest either. */
function mayJoinGroup(user: SlackUser, workspace: string, sharedChannel: boolean): boolean {
  return user.human && belongsTo(user, workspace) && !(sharedChannel && user.guest);
}

function parse(ref: string): ParsedRef {
  const parsed = parseRef(ref);
  if (!parsed) throw new DeliveryError('permanent', 'not a Slack reference');
  return parsed;
}
