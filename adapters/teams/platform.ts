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
import type { Message } from '../../src/core/contract/message.js';
import { isBotAccount, parseAddress, TEAMS, userKeyOf, userRefOf } from './addresses.js';
import type { Connector } from './connector.js';
import {
  type ConversationStore,
  hasConversation,
  type StoredReference,
  type WithConversation,
} from './conversation-store.js';
import { deliveryErrorOf, isGone } from './delivery-errors.js';
import { messageActivities, messageActivity } from './render-message.js';

/** Teams' documented ceiling per conversation (a 1:1 chat, a group chat, a channel). */
export const PER_CONVERSATION_PER_SECOND = 7;

/** Conversation references checked per second (well under the tenant's limit). */
const CHECK_PACE_MS = 200;

export type TeamsPlatformOptions = {
  connector: Connector;
  store: ConversationStore;
  logger: Logger;
  /** Proactive messages per second per tenant (TEAMS_TENANT_RATE). */
  tenantRate: number;
  /** Called the first time a person cannot be reached, so their facilitators can be told (once). */
  onUnreachable?: (userRef: string) => void;
};

/**
 * Cairn's outbound side in Teams. Messages are Adaptive Cards; a message reference is
 * `<conversation key>|<activity id>` where the key is a user ref (1:1 chat) or a space address.
 */
export class TeamsPlatform implements ChatPlatform {
  readonly id = TEAMS;
  /**
   * Teams has no ephemeral messages; files in bot chats need a consent flow Cairn does not use. Pictures go
   * inside the card as a data URI, so the whole message must stay under MAX_ACTIVITY_BYTES: a PNG of at
   * most 17.5 KB (23.3 KB of base64) leaves 4.7 KB for the card, its title and the picture's text
   * alternative (2 to 3 KB for a year of rounds). The outbox draws a compact picture when the full one is
   * larger (a year of rounds: 30 KB full, 17 KB compact at 0.8).
   */
  readonly capabilities: Capabilities = {
    ephemeral: false,
    updateMessage: true,
    files: false,
    images: { scale: 1, maxBytes: 17_500 },
  };
  /** People write `case` to the bot, not `/cairn case`. */
  readonly commandPrefix = '';

  constructor(private readonly options: TeamsPlatformOptions) {}

  sendDirect(userRef: string, message: Message, guard?: SendGuard): Promise<string> {
    return this.sendPersonal(userRef, messageActivities(message), {
      report: true,
      ...(guard ? { guard } : {}),
    });
  }

  /**
   * Sends to a person's 1:1 chat with Cairn, opening it first when needed (and remembering it). A person
   * Cairn cannot reach is a permanent failure; with `report`, their facilitators hear of it once. `guard`
   * runs before each call that starts a message (opening the chat, the message's first part).
   */
  async sendPersonal(
    userRef: string,
    activities: object | object[],
    opts: { report: boolean; guard?: SendGuard },
  ): Promise<string> {
    const guard = opts.guard ?? unguarded;
    const { store, connector } = this.options;
    const address = parseAddress(userRef);
    if (!address) throw new DeliveryError('permanent', 'not a Teams user');
    const scope = throttleScope(userRef);
    const known = store.get(userRef);
    if (hasConversation(known)) {
      try {
        return messageRef(userRef, await sendAll(connector, known, activities, guard));
      } catch (err) {
        // The chat is gone (app removed, chat deleted): try to open a new one below.
        if (!isGone(err)) throw deliveryErrorOf(err, scope);
      }
    }
    const via = withService(known) ?? store.anyInTenant(address.tenantId);
    if (!via) return this.unreachable(userRef, address.tenantId, opts.report, 'no service URL for tenant');
    try {
      guard();
      const created = await connector.createPersonal(via, address.tenantId, {
        id: known?.user?.id ?? address.id,
        ...(known?.user?.aadObjectId ? { aadObjectId: known.user.aadObjectId } : {}),
      });
      store.rememberPersonal(userRef, address.tenantId, created);
      return messageRef(userRef, await sendAll(connector, created, activities, guard));
    } catch (err) {
      const failure = deliveryErrorOf(err, scope);
      if (failure.kind !== 'permanent') throw failure;
      return this.unreachable(userRef, address.tenantId, opts.report, failure.message);
    }
  }

  async postToSpace(spaceAddress: string, message: Message, guard: SendGuard = unguarded): Promise<string> {
    const ref = this.options.store.get(spaceAddress);
    if (!hasConversation(ref)) throw new DeliveryError('permanent', 'Cairn is not installed in this space');
    try {
      const activities = messageActivities(message);
      return messageRef(spaceAddress, await sendAll(this.options.connector, ref, activities, guard));
    } catch (err) {
      throw deliveryErrorOf(err, throttleScope(spaceAddress));
    }
  }

  async updateMessage(ref: string, message: Message, guard: SendGuard = unguarded): Promise<void> {
    const split = ref.lastIndexOf('|');
    if (split <= 0) throw new DeliveryError('permanent', 'not a Teams message reference');
    const key = ref.slice(0, split);
    const activityId = ref.slice(split + 1);
    const stored = this.options.store.get(key);
    if (!hasConversation(stored)) throw new DeliveryError('permanent', 'conversation unknown');
    try {
      guard();
      await this.options.connector.update(stored, activityId, messageActivity(message));
    } catch (err) {
      throw deliveryErrorOf(err, throttleScope(key));
    }
  }

  /** Forget-me: the person's 1:1 chat reference (and contact details) go with the rest of their data. */
  forgetUser(userRef: string): void {
    this.options.store.forget(userRef);
  }

  /**
   * Cairn is in a group chat or channel when Teams told it so: it keeps the conversation's reference from
   * the moment it is added (or first spoken to there) until it is removed. Teams has no Slack Connect
   * equivalent for group chats and standard channels that bots can be in.
   */
  async describeSpace(spaceAddress: string): Promise<SpaceFacts> {
    return { cairnIsMember: hasConversation(this.options.store.get(spaceAddress)), sharedOutside: false };
  }

  /**
   * The people of a group chat, or of the team of a standard channel (channel members = team members).
   * Cairn no longer there (no reference left, or Teams answers 403/404) is a GoneError: the core suspends
   * the group rather than emptying it.
   */
  async listSpaceMembers(spaceAddress: string): Promise<PlatformUser[]> {
    const { store, connector } = this.options;
    const address = parseAddress(spaceAddress);
    const ref = store.get(spaceAddress);
    if (!address || !hasConversation(ref)) throw new GoneError('teams: Cairn is not in this conversation');
    let members: Awaited<ReturnType<Connector['members']>>;
    try {
      members = await connector.members(ref);
    } catch (err) {
      if (isGone(err)) throw new GoneError('teams: conversation gone');
      throw deliveryErrorOf(err, throttleScope(spaceAddress));
    }
    const users: PlatformUser[] = [];
    for (const member of members) {
      if (isBotAccount(member.id) || member.id === ref.bot.id) continue;
      const userRef = userRefOf(address.tenantId, userKeyOf(member));
      // Remember how to reach them: their `29:` id works where the object id alone might not.
      store.rememberContact(userRef, address.tenantId, {
        serviceUrl: ref.serviceUrl,
        channelId: 'msteams',
        bot: ref.bot,
        user: { id: member.id, ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}) },
      });
      users.push({ userRef, displayName: member.name ?? '', workspace: address.tenantId });
    }
    return users;
  }

  /** A person who just joined a space, with their name when Teams gives it. */
  async describeMember(
    spaceAddress: string,
    member: { id: string; aadObjectId?: string },
  ): Promise<PlatformUser> {
    const { store, connector, logger } = this.options;
    const address = parseAddress(spaceAddress);
    const ref = store.get(spaceAddress);
    const tenantId = address?.tenantId ?? '';
    let found: { id: string; name?: string; aadObjectId?: string } = member;
    if (hasConversation(ref)) {
      try {
        found = { ...member, ...(await connector.member(ref, member.id)) };
      } catch (err) {
        logger.debug({ err: deliveryErrorOf(err, '').message }, 'Teams member lookup failed');
      }
      store.rememberContact(userRefOf(tenantId, userKeyOf(found)), tenantId, {
        serviceUrl: ref.serviceUrl,
        channelId: 'msteams',
        bot: ref.bot,
        user: { id: found.id, ...(found.aadObjectId ? { aadObjectId: found.aadObjectId } : {}) },
      });
    }
    return {
      userRef: userRefOf(tenantId, userKeyOf(found)),
      displayName: found.name ?? '',
      workspace: tenantId,
    };
  }

  /**
   * Every conversation reference Cairn keeps (group chats, teams, 1:1 chats), checked by listing its
   * members, paced: one Teams answers 403 or 404 for is forgotten (Cairn was removed and the event lost).
   * A tenant with a conversation left is installed; one with none left is not, and its records go.
   */
  async checkInstallations(clear?: Clearance): Promise<InstallationReport> {
    const { store, connector, logger } = this.options;
    const report: InstallationReport = { installed: [], revoked: [], complete: true };
    let first = true;
    for (const tenantId of store.tenants()) {
      for (const { key, ref } of store.conversationsOf(tenantId)) {
        if (!first) await new Promise((resolve) => setTimeout(resolve, CHECK_PACE_MS));
        first = false;
        if (clear && !(await clear(key))) {
          report.complete = false;
          continue;
        }
        try {
          await connector.members(ref);
        } catch (err) {
          if (isGone(err)) store.forget(key);
          else report.complete = false;
        }
      }
      if (store.hasConversations(tenantId)) report.installed.push(tenantId);
      // In no conversation of the tenant any more: the app was removed from it; the contacts go too (the
      // core purges the rest, as for an uninstall).
      else if (report.complete) store.purgeTenant(tenantId);
    }
    if (!report.complete) logger.warn({ platform: TEAMS }, 'some Teams conversations could not be checked');
    return report;
  }

  rateLimits(address: string): RateLimit[] {
    const tenantId = parseAddress(address)?.tenantId ?? 'unknown';
    return [
      { key: conversationKey(address), perSecond: PER_CONVERSATION_PER_SECOND },
      { key: tenantKey(tenantId), perSecond: this.options.tenantRate },
    ];
  }

  private unreachable(userRef: string, tenantId: string, report: boolean, reason: string): never {
    const { store, logger, onUnreachable } = this.options;
    if (report && store.markUnreachable(userRef, tenantId)) {
      logger.warn({ platform: TEAMS, reason }, 'a person cannot be reached in Teams; reporting it once');
      onUnreachable?.(userRef);
    }
    throw new DeliveryError('permanent', `teams: person unreachable (${reason})`);
  }
}

/**
 * Sends one message (or its parts, in order); the reference is the first one's. `guard` runs before the
 * first part only: the parts of a message that started go out together.
 */
async function sendAll(
  connector: Connector,
  ref: WithConversation,
  activities: object | object[],
  guard: SendGuard,
): Promise<string> {
  const [first, ...rest] = Array.isArray(activities) ? activities : [activities];
  guard();
  const id = await connector.send(ref, first ?? {});
  for (const part of rest) await connector.send(ref, part);
  return id;
}

const unguarded: SendGuard = () => {};
const conversationKey = (address: string): string => `teams:conversation:${address}`;
const tenantKey = (tenantId: string): string => `teams:tenant:${tenantId}`;

/**
 * What a 429 or 412 pauses: the whole tenant. Cairn already paces each conversation below Teams' limit, so
 * a throttling answer means a wider limit was hit (the tenant's, or the bot's); sending on to the tenant's
 * other conversations during Retry-After would only earn more of them.
 */
const throttleScope = (address: string): string => tenantKey(parseAddress(address)?.tenantId ?? 'unknown');
const messageRef = (key: string, activityId: string): string => `${key}|${activityId}`;

/** A contact record carries the service URL and bot account needed to open a chat. */
const withService = (ref: StoredReference | undefined): StoredReference | undefined =>
  ref?.serviceUrl && ref.bot ? ref : undefined;
