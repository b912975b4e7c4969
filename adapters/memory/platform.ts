import {
  type Capabilities,
  type ChatPlatform,
  DeliveryError,
  GoneError,
  type PlatformUser,
  type RateLimit,
  type SendGuard,
  type SpaceFacts,
} from '../../src/core/contract/chat-platform.js';
import type { InboundEvent } from '../../src/core/contract/events.js';
import type { Message } from '../../src/core/contract/message.js';
import type { Reply } from '../../src/core/contract/reply.js';
import { MemoryUser } from './user.js';

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
  readonly capabilities: Capabilities = {
    ephemeral: true,
    updateMessage: true,
    files: true,
    images: { scale: 1 },
  };
  readonly commandPrefix = '/cairn ';
  readonly deliveries: Delivery[] = [];
  private readonly users = new Map<string, string>();
  private readonly spaces = new Map<string, Set<string>>();
  private readonly spaceFacts = new Map<string, SpaceFacts>();
  /** Spaces Cairn was removed from (their members can no longer be listed). */
  private readonly without = new Set<string>();
  private readonly sessions = new Map<string, MemoryUser>();
  private readonly failures: DeliveryError[] = [];
  private silentSends = 0;
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

  /** A space with these members; Cairn is in it and it is not shared outside unless `facts` says so. */
  addSpace(address: string, members: string[], facts: Partial<SpaceFacts> = {}): void {
    this.spaces.set(address, new Set(members));
    this.spaceFacts.set(address, { cairnIsMember: true, sharedOutside: false, ...facts });
  }

  /** Changes what the platform tells of a space (Cairn removed or invited, the space shared). */
  setSpaceFacts(address: string, facts: Partial<SpaceFacts>): void {
    const current = this.spaceFacts.get(address) ?? { cairnIsMember: true, sharedOutside: false };
    this.spaceFacts.set(address, { ...current, ...facts });
  }

  /** Someone leaves a space without the platform telling Cairn (an event lost). */
  removeSilently(address: string, userRef: string): void {
    this.spaces.get(address)?.delete(userRef);
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

  /** Someone removes Cairn from a space; the core hears of it like it would from Slack or Teams. */
  async removeCairn(address: string): Promise<void> {
    this.without.add(address);
    await this.dispatch({ kind: 'space.removed', platform: this.id, space: address });
  }

  /** Cairn is added back to a space. */
  async addCairn(address: string): Promise<void> {
    this.without.delete(address);
    await this.dispatch({ kind: 'space.added', platform: this.id, space: address });
  }

  /**
   * Membership changes the core does not hear of (events lost while Cairn was down): only a reconciliation
   * finds them.
   */
  quietlyJoin(address: string, userRef: string): void {
    this.spaces.get(address)?.add(userRef);
  }

  quietlyLeave(address: string, userRef: string): void {
    this.spaces.get(address)?.delete(userRef);
  }

  quietlyRemoveCairn(address: string): void {
    this.without.add(address);
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

  /** The failures planned with `failNext` and not used yet are dropped: sends work again. */
  stopFailing(): void {
    this.failures.length = 0;
  }

  /** The next `count` sends never answer (a connection dropped without a word); nothing is delivered. */
  neverAnswerNext(count = 1): void {
    this.silentSends += count;
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

  async sendDirect(userRef: string, message: Message, guard?: SendGuard): Promise<string> {
    guard?.();
    await this.answerIfAsked();
    return this.record('direct', userRef, message);
  }

  async postToSpace(spaceAddress: string, message: Message, guard?: SendGuard): Promise<string> {
    if (!this.spaces.has(spaceAddress) || this.without.has(spaceAddress))
      throw new DeliveryError('permanent', 'space not found');
    guard?.();
    await this.answerIfAsked();
    return this.record('space', spaceAddress, message);
  }

  async updateMessage(messageRef: string, message: Message, guard?: SendGuard): Promise<void> {
    guard?.();
    const original = this.deliveries.find((d) => d.ref === messageRef && d.kind !== 'update');
    if (!original) throw new DeliveryError('permanent', 'message not found');
    this.failIfAsked();
    this.deliveries.push({ kind: 'update', address: original.address, ref: messageRef, message });
  }

  async listSpaceMembers(spaceAddress: string): Promise<PlatformUser[]> {
    if (this.without.has(spaceAddress)) throw new GoneError('Cairn is not in this space');
    return [...(this.spaces.get(spaceAddress) ?? [])].map((ref) => this.platformUser(ref));
  }

  async describeSpace(spaceAddress: string): Promise<SpaceFacts> {
    const facts = this.spaceFacts.get(spaceAddress);
    // Like Slack for a private channel Cairn was never invited to: the space cannot even be seen.
    if (!facts) throw new DeliveryError('permanent', 'space not found');
    return facts;
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

  private answerIfAsked(): Promise<void> {
    if (this.silentSends === 0) return Promise.resolve();
    this.silentSends--;
    return new Promise(() => {});
  }

  private failIfAsked(): void {
    const failure = this.failures.shift();
    if (failure) throw failure;
  }
}

export { buttonsOf, messageText } from './message-text.js';
export { MemoryUser };
