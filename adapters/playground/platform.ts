import {
  type Capabilities,
  type ChatPlatform,
  DeliveryError,
  type PlatformUser,
  type SpaceFacts,
} from '../../src/core/contract/chat-platform.js';
import type { Clock } from '../../src/core/contract/clock.js';
import type { Message } from '../../src/core/contract/message.js';

export const PLAYGROUND_PLATFORM = 'playground';
export const PLAYGROUND_WORKSPACE = 'demo';
/** How many entries a conversation keeps (the oldest go first); the page is a demo, not an archive. */
const MAX_ENTRIES = 300;

export type Persona = { ref: string; name: string };
export type Space = { address: string; members: Set<string> };

export type Entry = {
  id: string;
  conversation: string;
  author: { kind: 'cairn' } | { kind: 'person'; ref: string };
  at: Date;
  /** When set, only this persona sees the entry. */
  visibleTo?: string;
  edited: boolean;
  message?: Message;
  text?: string;
};

export const directConversation = (ref: string): string => `dm:${ref}`;
export const spaceConversation = (address: string): string => `space:${address}`;

/**
 * The playground as a chat platform: personas, the group's space, each persona's direct conversation with
 * Cairn, and every message delivered, kept in memory. Like the memory adapter it is a real adapter: the
 * core sends to it through the outbox exactly as it would to Slack or Teams.
 */
export class PlaygroundPlatform implements ChatPlatform {
  readonly id = PLAYGROUND_PLATFORM;
  /** Pictures are shown inline, from a data URI (the page's Content-Security-Policy allows `img-src data:`). */
  readonly capabilities: Capabilities = {
    ephemeral: true,
    updateMessage: true,
    files: true,
    images: { scale: 1 },
  };
  readonly commandPrefix = '/cairn ';
  readonly workspace = PLAYGROUND_WORKSPACE;
  private readonly personas = new Map<string, Persona>();
  private readonly spaces = new Map<string, Space>();
  private readonly conversations = new Map<string, Entry[]>();
  private readonly listeners = new Set<() => void>();
  private seq = 0;
  /** Messages Cairn delivered (sent or updated), so the time control knows when something arrived. */
  deliveries = 0;

  constructor(private readonly clock: Clock) {}

  // --- personas and spaces

  addPersona(persona: Persona): void {
    this.personas.set(persona.ref, persona);
    this.changed();
  }

  persona(ref: string): Persona | undefined {
    return this.personas.get(ref);
  }

  listPersonas(): Persona[] {
    return [...this.personas.values()];
  }

  addSpace(address: string, members: string[]): void {
    this.spaces.set(address, { address, members: new Set(members) });
    this.changed();
  }

  space(address: string): Space | undefined {
    return this.spaces.get(address);
  }

  spacesOf(ref: string): Space[] {
    return [...this.spaces.values()].filter((s) => s.members.has(ref));
  }

  /** Forgets everything (a demo reset). */
  clear(): void {
    this.personas.clear();
    this.spaces.clear();
    this.conversations.clear();
    this.changed();
  }

  // --- conversations

  /** Entries of a conversation that `viewer` may see, oldest first. */
  entries(conversation: string, viewer: string): Entry[] {
    return (this.conversations.get(conversation) ?? []).filter(
      (e) => e.visibleTo === undefined || e.visibleTo === viewer,
    );
  }

  /** Whether `ref` takes part in a conversation (their own direct one, or a space they are in). */
  canSee(ref: string, conversation: string): boolean {
    if (conversation === directConversation(ref)) return true;
    return this.spacesOf(ref).some((s) => spaceConversation(s.address) === conversation);
  }

  findEntry(id: string): Entry | undefined {
    for (const entries of this.conversations.values()) {
      const found = entries.find((e) => e.id === id);
      if (found) return found;
    }
    return undefined;
  }

  append(entry: Omit<Entry, 'id' | 'at' | 'edited'>): Entry {
    const full: Entry = { ...entry, id: `pg-msg-${++this.seq}`, at: this.clock.now(), edited: false };
    let list = this.conversations.get(entry.conversation);
    if (!list) {
      list = [];
      this.conversations.set(entry.conversation, list);
    }
    list.push(full);
    if (list.length > MAX_ENTRIES) list.splice(0, list.length - MAX_ENTRIES);
    this.changed();
    return full;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  // --- ChatPlatform

  async sendDirect(userRef: string, message: Message): Promise<string> {
    if (!this.personas.has(userRef)) throw new DeliveryError('permanent', 'unknown persona');
    this.deliveries++;
    return this.append({ conversation: directConversation(userRef), author: { kind: 'cairn' }, message }).id;
  }

  async postToSpace(spaceAddress: string, message: Message): Promise<string> {
    if (!this.spaces.has(spaceAddress)) throw new DeliveryError('permanent', 'space not found');
    this.deliveries++;
    return this.append({ conversation: spaceConversation(spaceAddress), author: { kind: 'cairn' }, message })
      .id;
  }

  async updateMessage(messageRef: string, message: Message): Promise<void> {
    const entry = this.findEntry(messageRef);
    if (!entry) throw new DeliveryError('permanent', 'message not found');
    entry.message = message;
    entry.edited = true;
    this.deliveries++;
    this.changed();
  }

  async describeSpace(spaceAddress: string): Promise<SpaceFacts> {
    if (!this.spaces.has(spaceAddress)) throw new DeliveryError('permanent', 'space not found');
    return { cairnIsMember: true, sharedOutside: false };
  }

  async listSpaceMembers(spaceAddress: string): Promise<PlatformUser[]> {
    const space = this.spaces.get(spaceAddress);
    if (!space) throw new DeliveryError('permanent', 'space not found');
    return [...space.members].map((ref) => ({
      userRef: ref,
      displayName: this.personas.get(ref)?.name ?? ref,
      workspace: this.workspace,
    }));
  }
}
