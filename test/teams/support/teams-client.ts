import type { Activity, FakeConnector, TeamsUserAccount } from './fake-connector.js';

/** Where an activity happens: a 1:1 chat with Cairn, a group chat, or a channel of a team. */
export type Where = {
  conversation: { id: string; conversationType: 'personal' | 'groupChat' | 'channel'; isGroup?: boolean };
  team?: string;
  channel?: string;
};

export type Answer = { status: number; body: Activity | undefined };

/**
 * Acts as Teams does towards Cairn: POSTs activities to /api/messages, with `serviceUrl` pointing at the
 * fake Bot Connector and `channelId: 'msteams'` (teams-ai's dialog routes need it).
 */
export class TeamsClient {
  private seq = 0;
  readonly botId = '28:cairn-bot';

  constructor(
    readonly cairnUrl: string,
    readonly fake: FakeConnector,
    readonly tenantId: string,
  ) {}

  user(aad: string, name: string): TeamsUserAccount {
    return this.fake.addUser({ id: `29:${aad}`, aadObjectId: aad, name });
  }

  personal(user: TeamsUserAccount): Where {
    return { conversation: { id: this.fake.personalChatOf(user), conversationType: 'personal' } };
  }

  groupChat(id: string): Where {
    return { conversation: { id, conversationType: 'groupChat', isGroup: true } };
  }

  channel(teamId: string, channelId: string, threadOf?: string): Where {
    const id = threadOf ? `${channelId};messageid=${threadOf}` : channelId;
    return {
      conversation: { id, conversationType: 'channel', isGroup: true },
      team: teamId,
      channel: channelId,
    };
  }

  activity(user: TeamsUserAccount, where: Where, fields: Activity, tenantId = this.tenantId): Activity {
    return {
      id: `inbound-${++this.seq}-${Math.random().toString(36).slice(2, 8)}`,
      channelId: 'msteams',
      serviceUrl: this.fake.url,
      timestamp: new Date().toISOString(),
      locale: 'fr-FR',
      from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
      recipient: { id: this.botId, name: 'Cairn' },
      conversation: { ...where.conversation, tenantId },
      channelData: {
        tenant: { id: tenantId },
        ...(where.team ? { team: { id: where.team } } : {}),
        ...(where.channel ? { channel: { id: where.channel } } : {}),
      },
      ...fields,
    };
  }

  async post(activity: Activity, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${this.cairnUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    let body: Activity | undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = { raw: text };
    }
    return { status: response.status, body };
  }

  /** A typed message; in a group chat or channel it mentions Cairn, as Teams requires. */
  say(user: TeamsUserAccount, text: string, where: Where = this.personal(user)): Promise<Answer> {
    const personal = where.conversation.conversationType === 'personal';
    const mention = { type: 'mention', text: '<at>Cairn</at>', mentioned: { id: this.botId, name: 'Cairn' } };
    return this.post(
      this.activity(user, where, {
        type: 'message',
        text: personal ? text : `<at>Cairn</at> ${text}`,
        textFormat: 'plain',
        ...(personal ? {} : { entities: [mention] }),
      }),
    );
  }

  /** A card button that opens a dialog (`task/fetch`); answers the dialog's `task`. */
  async fetchTask(
    user: TeamsUserAccount,
    data: Activity,
    where: Where = this.personal(user),
  ): Promise<Activity> {
    const answer = await this.post(
      this.activity(user, where, {
        type: 'invoke',
        name: 'task/fetch',
        value: { data, context: { theme: 'default' } },
      }),
    );
    if (answer.status !== 200) throw new Error(`task/fetch answered ${answer.status}`);
    return answer.body?.task;
  }

  /** The dialog's submit (`task/submit`); answers the next `task`, or undefined when it closes. */
  async submitTask(
    user: TeamsUserAccount,
    data: Activity,
    where: Where = this.personal(user),
  ): Promise<Activity | undefined> {
    const answer = await this.post(
      this.activity(user, where, {
        type: 'invoke',
        name: 'task/submit',
        value: { data, context: { theme: 'default' } },
      }),
    );
    if (answer.status !== 200) throw new Error(`task/submit answered ${answer.status}`);
    return answer.body?.task;
  }

  /** A message action ("Submit a case" unless `commandId` says otherwise) on a message (its HTML body). */
  async extensionFetch(
    user: TeamsUserAccount,
    where: Where,
    messageHtml?: string,
    commandId = 'submitCase',
  ): Promise<Activity> {
    const answer = await this.post(
      this.activity(user, where, {
        type: 'invoke',
        name: 'composeExtension/fetchTask',
        value: {
          commandId,
          commandContext: messageHtml === undefined ? 'compose' : 'message',
          ...(messageHtml === undefined
            ? {}
            : { messagePayload: { id: 'm-1', body: { contentType: 'html', content: messageHtml } } }),
        },
      }),
    );
    if (answer.status !== 200) throw new Error(`composeExtension/fetchTask answered ${answer.status}`);
    return answer.body?.task;
  }

  async extensionSubmit(
    user: TeamsUserAccount,
    where: Where,
    data: Activity,
    commandId = 'submitCase',
  ): Promise<Activity | undefined> {
    const answer = await this.post(
      this.activity(user, where, {
        type: 'invoke',
        name: 'composeExtension/submitAction',
        value: { commandId, commandContext: 'message', data },
      }),
    );
    if (answer.status !== 200) throw new Error(`composeExtension/submitAction answered ${answer.status}`);
    return answer.body?.task;
  }

  /** Cairn added to a conversation: installationUpdate, then conversationUpdate with Cairn among the members. */
  async install(user: TeamsUserAccount, where: Where): Promise<void> {
    await this.post(this.activity(user, where, { type: 'installationUpdate', action: 'add' }));
    await this.post(
      this.activity(user, where, {
        type: 'conversationUpdate',
        membersAdded: [{ id: this.botId }],
        ...(where.team
          ? {
              channelData: {
                tenant: { id: this.tenantId },
                team: { id: where.team },
                eventType: 'teamMemberAdded',
              },
            }
          : {}),
      }),
    );
  }

  uninstall(user: TeamsUserAccount, where: Where): Promise<Answer> {
    return this.post(this.activity(user, where, { type: 'installationUpdate', action: 'remove' }));
  }

  membersAdded(by: TeamsUserAccount, where: Where, users: TeamsUserAccount[]): Promise<Answer> {
    return this.post(
      this.activity(by, where, {
        type: 'conversationUpdate',
        membersAdded: users.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId })),
      }),
    );
  }

  membersRemoved(by: TeamsUserAccount, where: Where, users: TeamsUserAccount[]): Promise<Answer> {
    return this.post(
      this.activity(by, where, {
        type: 'conversationUpdate',
        membersRemoved: users.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId })),
      }),
    );
  }
}
