import type { CloudAdapterBase, ConversationReference, TurnContext } from 'botbuilder';
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
    member: { id: string },
  ): Promise<WithConversation> {
    let conversation: WithConversation['conversation'] | undefined;
    await this.adapter.createConversationAsync(
      this.appId,
      'msteams',
      via.serviceUrl,
      // The SDK's default audience; '' would ask for a token for an empty scope (TECH-NOTES §4.3).
      undefined as unknown as string,
      {
        isGroup: false,
        bot: via.bot,
        members: [member],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      } as Parameters<CloudAdapterBase['createConversationAsync']>[4],
      async (ctx: TurnContext) => {
        const id = ctx.activity.conversation?.id;
        if (id) conversation = { id, conversationType: 'personal', tenantId };
      },
    );
    if (!conversation) throw new Error('createConversation returned no conversation id');
    return {
      serviceUrl: via.serviceUrl,
      channelId: 'msteams',
      bot: via.bot,
      conversation,
      user: member,
    };
  }

  private async withClient<T>(
    ref: WithConversation,
    work: (client: ConnectorClient) => Promise<T>,
  ): Promise<T> {
    let result: { value: T } | undefined;
    await this.adapter.continueConversationAsync(this.appId, toConversationReference(ref), async (ctx) => {
      const client = ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey);
      result = { value: await work(client) };
    });
    if (!result) throw new Error('the connector turn did not run');
    return result.value;
  }
}

export type TeamsMember = { id: string; name?: string; aadObjectId?: string; tenantId?: string };

/** The part of botframework-connector's ConnectorClient Cairn uses (the SDK keeps one per turn). */
type ConnectorClient = {
  conversations: {
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
