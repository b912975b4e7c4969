import type { CloudAdapterBase, ConversationReference } from 'botbuilder';
import type { StoredReference, WithConversation } from './conversation-store.js';

/**
 * Thin calls to the Bot Connector for proactive work, through the SDK's own authenticated client.
 * Messages go with `sendToConversation` (a new message in the chat or a new post in the channel), never
 * as a reply to an activity id, so channel posts start their own thread.
 */
export class Connector {
  constructor(
    private readonly adapter: CloudAdapterBase,
    /** '' when authentication is disabled (local tests): no token is requested then. */
    private readonly appId: string,
  ) {}

  async send(ref: WithConversation, activity: object): Promise<string> {
    return this.withClient(ref, async (client) => {
      const response = await client.conversations.sendToConversation(ref.conversation.id, activity);
      return response.id ?? '';
    });
  }

  async update(ref: WithConversation, activityId: string, activity: object): Promise<void> {
    await this.withClient(ref, async (client) => {
      await client.conversations.updateActivity(ref.conversation.id, activityId, {
        ...activity,
        id: activityId,
      });
    });
  }

  /** Every member of a group chat, or of the team behind a standard channel. */
  async members(ref: WithConversation): Promise<TeamsMember[]> {
    return this.withClient(ref, async (client) => {
      const members: TeamsMember[] = [];
      let continuationToken: string | undefined;
      do {
        const page = await client.conversations.getConversationPagedMembers(
          ref.teamId ?? ref.conversation.id,
          continuationToken ? { pageSize: 500, continuationToken } : { pageSize: 500 },
        );
        for (const m of page.members ?? []) members.push(m);
        continuationToken = page.continuationToken || undefined;
      } while (continuationToken);
      return members;
    });
  }

  /** One member of a group chat or of the team behind a channel (for their name). */
  async member(ref: WithConversation, memberId: string): Promise<TeamsMember> {
    return this.withClient(ref, (client) =>
      client.conversations.getConversationMember(ref.teamId ?? ref.conversation.id, memberId),
    );
  }

  /** Opens a 1:1 chat with a person (by `29:` id or Entra object id) and returns its conversation. */
  async createPersonal(
    via: StoredReference,
    tenantId: string,
    member: { id: string; aadObjectId?: string },
  ): Promise<WithConversation> {
    // Any conversation of the tenant gives the client (service URL, bot); none is written to here.
    const through: WithConversation = {
      ...via,
      conversation: via.conversation ?? { id: 'cairn:new-conversation' },
    };
    const created = await this.withClient(through, (client) =>
      client.conversations.createConversation({
        isGroup: false,
        bot: via.bot,
        members: [member],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      }),
    );
    if (!created.id) throw new Error('createConversation returned no conversation id');
    return {
      serviceUrl: via.serviceUrl,
      channelId: 'msteams',
      bot: via.bot,
      conversation: { id: created.id, conversationType: 'personal', tenantId },
      user: member,
    };
  }

  /**
   * Runs `work` with the SDK's authenticated client for the reference's service URL. Failures are carried
   * out of the turn by hand: the SDK would hand them to the application's turn-error handler instead.
   */
  private async withClient<T>(
    ref: WithConversation,
    work: (client: ConnectorClient) => Promise<T>,
  ): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.appId, toConversationReference(ref), async (ctx) => {
      try {
        const client = ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey);
        withoutClientRetries(client);
        outcome = { ok: true, value: await work(client) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
    if (!outcome) throw new Error('the connector turn did not run');
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }
}

export type TeamsMember = { id: string; name?: string; aadObjectId?: string; tenantId?: string };

/** The part of botframework-connector's ConnectorClient Cairn uses (the SDK keeps one per turn). */
type ConnectorClient = {
  client?: { pipeline?: { removePolicy?(options: { name: string }): unknown } };
  conversations: {
    createConversation(parameters: object): Promise<{ id?: string; activityId?: string }>;
    sendToConversation(conversationId: string, activity: object): Promise<{ id?: string }>;
    updateActivity(conversationId: string, activityId: string, activity: object): Promise<unknown>;
    getConversationMember(conversationId: string, memberId: string): Promise<TeamsMember>;
    getConversationPagedMembers(
      conversationId: string,
      options: { pageSize: number; continuationToken?: string },
    ): Promise<{ members?: TeamsMember[]; continuationToken?: string }>;
  };
};

export function toConversationReference(ref: WithConversation): Partial<ConversationReference> {
  return {
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    bot: { id: ref.bot.id, name: ref.bot.name ?? '' },
    conversation: {
      id: ref.conversation.id,
      isGroup: ref.conversation.isGroup ?? false,
      conversationType: ref.conversation.conversationType ?? '',
      tenantId: ref.conversation.tenantId,
      name: '',
    },
    ...(ref.user ? { user: { id: ref.user.id, name: '', aadObjectId: ref.user.aadObjectId } } : {}),
  };
}

/**
 * The connector client retries 429 (sleeping Retry-After, three times) and 5xx on its own. Cairn's outbox
 * does that already, on its clock, with its lease and its per-conversation pause: two layers would hold a
 * send past its lease (a long Retry-After times three) and hide throttling from the pacing. Without the
 * policy every failure reaches the outbox at once. (If a future SDK renames it, its retries simply stay.)
 */
function withoutClientRetries(client: ConnectorClient): void {
  client.client?.pipeline?.removePolicy?.({ name: 'defaultRetryPolicy' });
}
