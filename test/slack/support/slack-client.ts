import { createHmac } from 'node:crypto';
import type { FakeSlack, Json, PostedMessage, StoredView } from '../../support/fake-slack.js';
import { fill, findButton } from './blocks.js';

export { buttonsIn, fill, findButton, textOf } from './blocks.js';

/** Polls until `probe` returns something (or throws after `timeoutMs`): interactions finish after the ack. */
export async function eventually<T>(probe: () => T | undefined | null | false, timeoutMs = 4000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export type SentRequest = { status: number; body: string };

/**
 * Plays Slack towards Cairn: signs requests like Slack (v0 HMAC of `v0:ts:body`), posts slash commands,
 * events, button presses and modal submissions, and watches the fake Web API for what Cairn did.
 */
export class SlackDriver {
  private seq = 0;

  constructor(
    readonly eventsUrl: string,
    readonly fake: FakeSlack,
    readonly signingSecret: string,
    readonly team = 'T0CAIRN',
  ) {}

  signature(body: string, ts: number, secret = this.signingSecret): Record<string, string> {
    const digest = createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
    return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${digest}` };
  }

  /** Posts a raw body; `headers` replace the signature (for forged requests). */
  async send(body: string, contentType: string, headers?: Record<string, string>): Promise<SentRequest> {
    const res = await fetch(this.eventsUrl, {
      method: 'POST',
      body,
      headers: {
        'content-type': contentType,
        ...(headers ?? this.signature(body, Math.floor(Date.now() / 1000))),
      },
    });
    return { status: res.status, body: await res.text() };
  }

  sendForm(fields: Record<string, string>, headers?: Record<string, string>): Promise<SentRequest> {
    return this.send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', headers);
  }

  sendInteraction(payload: Json): Promise<SentRequest> {
    return this.sendForm({ payload: JSON.stringify(payload) });
  }

  /** An Events API callback; `retryNum` adds Slack's retry headers. */
  async sendEvent(event: Json, options: { eventId?: string; retryNum?: number } = {}): Promise<SentRequest> {
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: this.team,
      api_app_id: 'ACAIRN',
      type: 'event_callback',
      event_id: options.eventId ?? `Ev${++this.seq}`,
      event_time: Math.floor(Date.now() / 1000),
      event,
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.team,
          user_id: this.fake.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
    });
    const headers = this.signature(body, Math.floor(Date.now() / 1000));
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    return this.send(body, 'application/json', headers);
  }

  as(userId: string): SlackUserSession {
    return new SlackUserSession(this, userId);
  }

  nextId(prefix: string): string {
    return `${prefix}${++this.seq}`;
  }
}

export type Outcome = {
  /** What the ephemeral reply (in the acknowledgment, or at the response_url) said. */
  reply?: Json;
  /** The reply came in the acknowledgment's body. */
  inAck?: boolean;
  /** A modal Cairn opened or pushed for this interaction. */
  view?: StoredView;
};

/**
 * One person's Slack client, with the vocabulary of the core's scenario tests (`MemoryUser`): `command`,
 * `press`, `submit`, `form`, `directs`, `lastReply`; plus Slack's own surfaces (Home tab, modals).
 */
export class SlackUserSession {
  /** The modal Cairn opened or pushed last for this person (undefined once it closed). */
  form: StoredView | undefined;
  /** What Cairn showed last: an ephemeral reply (through response_url) or a modal acknowledgment. */
  lastReply: Json | undefined;

  constructor(
    private readonly slack: SlackDriver,
    readonly userId: string,
  ) {}

  /** What Cairn posted in this person's direct conversation with it, oldest first. */
  get directs(): PostedMessage[] {
    return this.fake.messagesIn(this.fake.dmChannelOf(this.userId));
  }

  /** Presses a button (by action id, and value when given) of the latest direct message that has it. */
  press(actionId: string, value?: string): Promise<Outcome> {
    const message = [...this.directs].reverse().find((m) => {
      try {
        findButton(m.blocks, actionId, value);
        return true;
      } catch {
        return false;
      }
    });
    if (!message) throw new Error(`no ${actionId} button in ${this.userId}'s direct messages`);
    return this.pressInMessage(message, actionId, value);
  }

  private get fake(): FakeSlack {
    return this.slack.fake;
  }

  private user(): Json {
    return {
      id: this.userId,
      username: this.userId.toLowerCase(),
      name: this.userId.toLowerCase(),
      team_id: this.slack.team,
    };
  }

  /** `/cairn <text>` in a channel (default: the DM with Cairn); waits for the reply or the modal. */
  async command(text: string, where: { in: string } | string = `D${this.userId}`): Promise<Outcome> {
    const channel = typeof where === 'string' ? where : where.in;
    const responseUrl = this.fake.responseUrl();
    const trigger = this.slack.nextId(`${this.userId}.t`);
    const res = await this.slack.sendForm({
      token: 'legacy-verification-token',
      team_id: this.slack.team,
      team_domain: 'cairn-test',
      channel_id: channel,
      channel_name: channel.startsWith('D') ? 'directmessage' : 'groupe',
      user_id: this.userId,
      user_name: this.userId.toLowerCase(),
      command: '/cairn',
      text,
      api_app_id: 'ACAIRN',
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: trigger,
    });
    if (res.status !== 200) throw new Error(`command refused: ${res.status}`);
    // A message Cairn has in time comes in the acknowledgment itself, not at the response_url.
    const acked = res.body ? (JSON.parse(res.body) as Json) : undefined;
    if (acked?.blocks) return { reply: acked, inAck: true };
    return this.outcome(responseUrl, trigger);
  }

  /** Presses a button found in a posted message (DM or channel). */
  async pressInMessage(
    message: PostedMessage,
    actionId: string,
    value?: string,
    options: { noResponseUrl?: boolean } = {},
  ): Promise<Outcome> {
    const button = findButton(message.blocks, actionId, value);
    const responseUrl = this.fake.responseUrl();
    const trigger = this.slack.nextId(`${this.userId}.t`);
    await this.slack.sendInteraction({
      type: 'block_actions',
      team: { id: this.slack.team, domain: 'cairn-test' },
      user: this.user(),
      api_app_id: 'ACAIRN',
      token: 'legacy-verification-token',
      container: {
        type: 'message',
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: false,
      },
      trigger_id: trigger,
      channel: { id: message.channel, name: 'channel' },
      message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks },
      ...(options.noResponseUrl ? {} : { response_url: responseUrl }),
      actions: [actionOf(button)],
      state: { values: {} },
    });
    if (options.noResponseUrl) return {};
    return this.outcome(responseUrl, trigger);
  }

  /** Presses a button in an ephemeral reply Cairn sent through a response_url. */
  async pressInReply(
    reply: Json,
    actionId: string,
    value?: string,
    channel = `D${this.userId}`,
  ): Promise<Outcome> {
    const blocks = (reply.blocks as Json[]) ?? [];
    const message = { channel, ts: '1700000000.000001', text: String(reply.text), blocks, edits: 0 };
    return this.pressInMessage(message, actionId, value);
  }

  /** Presses a button on the Home tab Cairn published for this user; waits for the reply and the new Home. */
  async pressOnHome(actionId: string, value?: string): Promise<Outcome> {
    const home = this.fake.homes.get(this.userId);
    if (!home) throw new Error('no home published');
    const button = findButton((home.blocks as Json[]) ?? [], actionId, value);
    const trigger = this.slack.nextId(`${this.userId}.t`);
    await this.slack.sendInteraction({
      type: 'block_actions',
      team: { id: this.slack.team, domain: 'cairn-test' },
      user: this.user(),
      api_app_id: 'ACAIRN',
      token: 'legacy-verification-token',
      container: { type: 'view', view_id: `VH${this.userId}` },
      trigger_id: trigger,
      view: { ...home, id: `VH${this.userId}`, hash: 'h', state: { values: {} } },
      actions: [actionOf(button)],
    });
    // The reply opens a modal with this trigger, then the Home tab is published again.
    const opened = await eventually(() => {
      const at = this.fake.calls.findIndex((c) => c.method === 'views.open' && c.args.trigger_id === trigger);
      return at >= 0 ? at + 1 : undefined;
    });
    await eventually(() => this.fake.calls.slice(opened).some((c) => c.method === 'views.publish'));
    return { view: this.viewFor(trigger)! };
  }

  /** Presses a button inside an open modal. */
  async pressInView(
    view: StoredView,
    actionId: string,
  ): Promise<{ updated?: StoredView; pushed?: StoredView }> {
    const button = findButton((view.blocks as Json[]) ?? [], actionId);
    const updates = this.fake.callsTo('views.update').length;
    const trigger = this.slack.nextId(`${this.userId}.t`);
    await this.slack.sendInteraction({
      type: 'block_actions',
      team: { id: this.slack.team, domain: 'cairn-test' },
      user: this.user(),
      api_app_id: 'ACAIRN',
      token: 'legacy-verification-token',
      container: { type: 'view', view_id: view.id },
      trigger_id: trigger,
      view: { ...view, state: { values: {} } },
      actions: [actionOf(button)],
    });
    await eventually(() => this.fake.callsTo('views.update').length > updates || this.viewFor(trigger));
    const pushed = this.viewFor(trigger);
    return pushed ? { pushed } : { updated: this.fake.views.get(view.id)! };
  }

  /**
   * Fills every input block by its element type (initial values kept, `values` override by block id;
   * `null` leaves a field empty) and submits; returns Slack's view of the acknowledgment.
   */
  async submit(
    viewOrValues: StoredView | FormInput = {},
    maybeValues: FormInput = {},
    options: { minimal?: boolean } = {},
  ): Promise<Json> {
    // `submit(values)` fills the open modal, as a person does; `submit(view, values)` a given one.
    const given = isView(viewOrValues);
    const view = given ? viewOrValues : this.form;
    if (!view) throw new Error(`${this.userId} has no modal open`);
    const values = given ? maybeValues : (viewOrValues as FormInput);
    // `minimal`: a client that sends back only the view's id, callback, metadata and state.
    const sent = options.minimal
      ? { id: view.id, type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata }
      : view;
    const res = await this.slack.sendInteraction({
      type: 'view_submission',
      team: { id: this.slack.team, domain: 'cairn-test' },
      user: this.user(),
      api_app_id: 'ACAIRN',
      token: 'legacy-verification-token',
      trigger_id: this.slack.nextId(`${this.userId}.t`),
      view: { ...sent, team_id: this.slack.team, state: { values: fill(view, values) } },
      response_urls: [],
    });
    if (res.status !== 200) throw new Error(`submission refused: ${res.status}`);
    const ack = res.body ? (JSON.parse(res.body) as Json) : {};
    this.lastReply = ack;
    // Errors keep the modal open; an update replaces its content in place; anything else closes it.
    if (ack.response_action === 'update')
      this.form = { ...view, ...(ack.view as Json), id: view.id } as StoredView;
    else if (ack.response_action !== 'errors') this.form = undefined;
    return ack;
  }

  viewFor(trigger: string): StoredView | undefined {
    return [...this.fake.views.values()].find((v) => v.trigger === trigger);
  }

  private async outcome(responseUrl: string, trigger: string): Promise<Outcome> {
    await eventually(() => this.fake.respondedTo(responseUrl).length > 0 || this.viewFor(trigger));
    const reply = this.fake.respondedTo(responseUrl)[0];
    const view = this.viewFor(trigger);
    if (view) this.form = view;
    if (reply) this.lastReply = reply;
    return { ...(reply ? { reply } : {}), ...(view ? { view } : {}) };
  }
}

type FormInput = Record<string, string | string[] | boolean | null>;

const isView = (v: StoredView | FormInput): v is StoredView =>
  typeof (v as StoredView).id === 'string' && 'callback_id' in v;

function actionOf(button: Json): Json {
  return {
    type: 'button',
    action_id: button.action_id,
    block_id: 'b',
    text: button.text,
    value: button.value,
    action_ts: String(Date.now() / 1000),
  };
}
