import type { InboundEvent, Place, Reply } from '../../src/core/events.js';
import type { Form, FormValues } from '../../src/core/forms/model.js';
import type { Button, Message } from '../../src/core/messages/model.js';
import {
  type Capabilities,
  type ChatPlatform,
  DeliveryError,
  type PlatformUser,
  type RateLimit,
} from '../../src/core/ports/chat-platform.js';

export type Delivery = {
  kind: 'direct' | 'space' | 'update';
  address: string;
  ref: string;
  message: Message;
};

type Handler = (event: InboundEvent) => Promise<Reply>;

/**
 * An in-memory chat platform: a real adapter, not a mock. It keeps users, spaces and every message
 * delivered, and lets a test act as any user (run a command, press a button, fill and submit a form).
 */
export class MemoryPlatform implements ChatPlatform {
  readonly capabilities: Capabilities = { ephemeral: true, updateMessage: true, files: true };
  readonly commandPrefix = '/cairn ';
  readonly deliveries: Delivery[] = [];
  private readonly users = new Map<string, string>();
  private readonly spaces = new Map<string, Set<string>>();
  private readonly sessions = new Map<string, MemoryUser>();
  private readonly failures: DeliveryError[] = [];
  private handler: Handler | undefined;
  private seq = 0;
  limits: RateLimit[] | undefined;

  constructor(
    readonly id = 'memory',
    readonly workspace = 'W1',
  ) {}

  connect(handler: Handler): void {
    this.handler = handler;
  }

  addUser(userRef: string, displayName: string): MemoryUser {
    this.users.set(userRef, displayName);
    return this.as(userRef);
  }

  addSpace(address: string, members: string[]): void {
    this.spaces.set(address, new Set(members));
  }

  /** A user joins a space; the core hears about it like it would from Slack or Teams. */
  async join(address: string, userRef: string): Promise<void> {
    this.spaces.get(address)?.add(userRef);
    await this.dispatch({
      kind: 'member.joined',
      platform: this.id,
      space: address,
      user: this.platformUser(userRef),
    });
  }

  async leave(address: string, userRef: string): Promise<void> {
    this.spaces.get(address)?.delete(userRef);
    await this.dispatch({
      kind: 'member.left',
      platform: this.id,
      space: address,
      user: this.platformUser(userRef),
    });
  }

  async uninstall(): Promise<void> {
    await this.dispatch({ kind: 'uninstalled', platform: this.id, workspace: this.workspace });
  }

  as(userRef: string): MemoryUser {
    let session = this.sessions.get(userRef);
    if (!session) {
      session = new MemoryUser(this, userRef);
      this.sessions.set(userRef, session);
    }
    return session;
  }

  displayName(userRef: string): string {
    return this.users.get(userRef) ?? userRef;
  }

  /** The next sends fail with these errors, in order. */
  failNext(...errors: DeliveryError[]): void {
    this.failures.push(...errors);
  }

  directsTo(userRef: string): Message[] {
    return this.deliveries
      .filter((d) => d.kind === 'direct' && d.address === userRef)
      .map((d) => this.current(d));
  }

  postsIn(address: string): Message[] {
    return this.deliveries
      .filter((d) => d.kind === 'space' && d.address === address)
      .map((d) => this.current(d));
  }

  /** A posted message as it reads now, after any update. */
  private current(d: Delivery): Message {
    const updates = this.deliveries.filter((u) => u.kind === 'update' && u.ref === d.ref);
    return updates.length ? updates[updates.length - 1]!.message : d.message;
  }

  async dispatch(event: InboundEvent): Promise<Reply> {
    if (!this.handler) throw new Error('MemoryPlatform is not connected to a core');
    return this.handler(event);
  }

  platformUser(userRef: string): PlatformUser {
    return { userRef, displayName: this.displayName(userRef), workspace: this.workspace };
  }

  // ChatPlatform

  async sendDirect(userRef: string, message: Message): Promise<string> {
    return this.record('direct', userRef, message);
  }

  async postToSpace(spaceAddress: string, message: Message): Promise<string> {
    if (!this.spaces.has(spaceAddress)) throw new DeliveryError('permanent', 'space not found');
    return this.record('space', spaceAddress, message);
  }

  async updateMessage(messageRef: string, message: Message): Promise<void> {
    const original = this.deliveries.find((d) => d.ref === messageRef && d.kind !== 'update');
    if (!original) throw new DeliveryError('permanent', 'message not found');
    this.failIfAsked();
    this.deliveries.push({ kind: 'update', address: original.address, ref: messageRef, message });
  }

  async listSpaceMembers(spaceAddress: string): Promise<PlatformUser[]> {
    return [...(this.spaces.get(spaceAddress) ?? [])].map((ref) => this.platformUser(ref));
  }

  rateLimits(address: string): RateLimit[] {
    return this.limits?.map((l) => ({ ...l, key: l.key.replace('{address}', address) })) ?? [];
  }

  private record(kind: 'direct' | 'space', address: string, message: Message): string {
    this.failIfAsked();
    const ref = `m${++this.seq}`;
    this.deliveries.push({ kind, address, ref, message });
    return ref;
  }

  private failIfAsked(): void {
    const failure = this.failures.shift();
    if (failure) throw failure;
  }
}

/** One user's point of view: what they do and what they see. */
export class MemoryUser {
  readonly replies: Reply[] = [];
  form: Form | undefined;
  formErrors: Record<string, string> = {};
  /** What was shown in place of the last form closed. */
  formResult: Message | undefined;

  constructor(
    private readonly platform: MemoryPlatform,
    readonly userRef: string,
  ) {}

  get displayName(): string {
    return this.platform.displayName(this.userRef);
  }

  /** Direct messages Cairn sent this user proactively. */
  get directs(): Message[] {
    return this.platform.directsTo(this.userRef);
  }

  get lastReply(): Reply | undefined {
    return this.replies[this.replies.length - 1];
  }

  /** Text of the last private reply (all blocks), for assertions. */
  get lastText(): string {
    const reply = this.lastReply;
    return reply?.kind === 'message' ? messageText(reply.message) : '';
  }

  /** `/cairn <text>`, in a space or (default) in the direct conversation with Cairn. */
  async command(text: string, where?: { in: string }): Promise<Reply> {
    return this.receive(
      await this.platform.dispatch({ kind: 'command', actor: this.actor(), place: place(where), text }),
    );
  }

  /** Presses a button; `button` may come from a message this user received. */
  async press(button: Pick<Button, 'action' | 'value'>, where?: { in: string }): Promise<Reply> {
    return this.receive(
      await this.platform.dispatch({
        kind: 'action',
        actor: this.actor(),
        place: place(where),
        action: button.action,
        value: button.value,
      }),
    );
  }

  /**
   * Fills the open form like a client would (initial values kept unless overridden) and submits it.
   * `raw` submits a form id and state of the caller's choosing (a forged submission).
   */
  async submit(values: FormValues, raw?: { formId: string; state: string }): Promise<Reply> {
    const form = this.form;
    if (!form && !raw) throw new Error(`${this.userRef} has no open form`);
    const filled: FormValues = {};
    for (const field of form?.fields ?? []) {
      if (field.initial === undefined) continue;
      filled[field.id] = typeof field.initial === 'boolean' ? (field.initial ? 'true' : '') : field.initial;
    }
    Object.assign(filled, values);
    const reply = await this.platform.dispatch({
      kind: 'form.submitted',
      actor: this.actor(),
      formId: raw?.formId ?? form!.id,
      state: raw?.state ?? form!.state,
      values: filled,
    });
    return this.receive(reply);
  }

  private receive(reply: Reply): Reply {
    this.replies.push(reply);
    switch (reply.kind) {
      case 'form':
      case 'form.next':
        this.form = reply.form;
        this.formErrors = {};
        break;
      case 'form.errors':
        this.formErrors = reply.errors;
        break;
      case 'form.done':
        this.form = undefined;
        this.formErrors = {};
        this.formResult = reply.message;
        break;
      default:
        break;
    }
    return reply;
  }

  private actor() {
    return {
      platform: this.platform.id,
      userRef: this.userRef,
      displayName: this.displayName,
      workspace: this.platform.workspace,
    };
  }
}

const place = (where?: { in: string }): Place =>
  where ? { kind: 'space', address: where.in } : { kind: 'direct' };

/** Every piece of text in a message, for assertions and searches. */
export function messageText(message: Message): string {
  const parts: string[] = [message.fallbackText];
  for (const block of message.blocks) {
    switch (block.type) {
      case 'heading':
      case 'text':
      case 'context':
        parts.push(block.text);
        break;
      case 'fields':
        for (const f of block.fields) parts.push(`${f.label}: ${f.value}`);
        break;
      case 'bars':
        parts.push(block.title, ...block.rows.map((r) => `${r.label} ${r.count}`), block.summary ?? '');
        break;
      case 'actions':
        for (const b of block.buttons) parts.push(`[${b.label}]`);
        break;
      case 'divider':
        break;
    }
  }
  return parts.join('\n');
}

/** The buttons of a message, to press them. */
export function buttonsOf(message: Message | undefined): Button[] {
  if (!message) return [];
  return message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
}
