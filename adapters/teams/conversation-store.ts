import { z } from 'zod';
import type { Clock } from '../../src/core/contract/clock.js';
import type { TeamsConversationRecords } from './storage.js';

/**
 * What Cairn keeps to write to a conversation later: a trimmed Bot Framework ConversationReference (no
 * names, no message ids). A personal record without `conversation` is a *contact*: Cairn knows the
 * person's Teams id and service URL but has no 1:1 chat with them yet.
 */
export const storedReferenceSchema = z.object({
  serviceUrl: z.string().min(1),
  channelId: z.literal('msteams'),
  bot: z.object({ id: z.string().min(1), name: z.string().optional() }),
  conversation: z
    .object({
      id: z.string().min(1),
      conversationType: z.string().optional(),
      tenantId: z.string().optional(),
      isGroup: z.boolean().optional(),
    })
    .optional(),
  user: z.object({ id: z.string().min(1), aadObjectId: z.string().optional() }).optional(),
  /** The team of a channel: channel members are the team's members, and uninstalling the team removes it. */
  teamId: z.string().optional(),
});

export type StoredReference = z.infer<typeof storedReferenceSchema>;
export type Conversation = NonNullable<StoredReference['conversation']>;
export type WithConversation = StoredReference & { conversation: Conversation };

export const hasConversation = (ref: StoredReference | undefined): ref is WithConversation =>
  Boolean(ref?.conversation);

export class ConversationStore {
  constructor(
    private readonly records: TeamsConversationRecords,
    private readonly clock: Clock,
  ) {}

  get(key: string): StoredReference | undefined {
    const record = this.records.get(key);
    return record ? parse(record.reference) : undefined;
  }

  /** A person's 1:1 chat with Cairn (written to or created): replaces any earlier record. */
  rememberPersonal(userRef: string, tenantId: string, ref: WithConversation): void {
    const current = this.records.get(userRef);
    if (current && !current.unreachableReportedAt && sameJson(current.reference, ref)) return;
    this.put(userRef, tenantId, 'personal', ref, null);
  }

  /** How to reach a person Cairn has no 1:1 chat with yet; never overwrites a real conversation. */
  rememberContact(userRef: string, tenantId: string, ref: Omit<StoredReference, 'conversation'>): void {
    const current = this.records.get(userRef);
    if (current && hasConversation(parse(current.reference))) return;
    if (current && sameJson(current.reference, ref)) return;
    this.put(userRef, tenantId, 'personal', ref, current?.unreachableReportedAt ?? null);
  }

  rememberSpace(address: string, tenantId: string, ref: WithConversation): void {
    const current = this.records.get(address);
    if (current && sameJson(current.reference, ref)) return;
    this.put(address, tenantId, 'space', ref, null);
  }

  forget(key: string): void {
    this.records.delete(key);
  }

  /** A conversation of this tenant, for its service URL and bot account (to create a new 1:1 chat). */
  anyInTenant(tenantId: string): StoredReference | undefined {
    const records = this.records.listByTenant(tenantId);
    const preferred = records.find((r) => r.kind === 'space') ?? records[0];
    return preferred ? parse(preferred.reference) : undefined;
  }

  spacesOfTeam(tenantId: string, teamId: string): string[] {
    return this.records
      .listByTenant(tenantId)
      .filter((r) => r.kind === 'space' && parse(r.reference)?.teamId === teamId)
      .map((r) => r.key);
  }

  hasSpaces(tenantId: string): boolean {
    return this.records.listByTenant(tenantId).some((r) => r.kind === 'space');
  }

  /**
   * Whether Cairn is still in any conversation of the tenant (a group chat, a team, or a person's 1:1 chat):
   * when none is left, the app was removed from the tenant.
   */
  hasConversations(tenantId: string): boolean {
    return this.conversationsOf(tenantId).length > 0;
  }

  /** The tenant's conversations Cairn is in (contacts without a chat left out), with their keys. */
  conversationsOf(tenantId: string): { key: string; ref: WithConversation }[] {
    return this.records.listByTenant(tenantId).flatMap((r) => {
      const ref = parse(r.reference);
      return hasConversation(ref) ? [{ key: r.key, ref }] : [];
    });
  }

  tenants(): string[] {
    return this.records.listTenants();
  }

  purgeTenant(tenantId: string): void {
    this.records.deleteByTenant(tenantId);
  }

  /** True the first time a person is found unreachable (since they were last reachable). */
  markUnreachable(userRef: string, tenantId: string): boolean {
    const now = this.clock.now();
    if (!this.records.get(userRef)) {
      this.records.put({
        key: userRef,
        tenantId,
        kind: 'personal',
        reference: '{}',
        unreachableReportedAt: null,
        updatedAt: now,
      });
    }
    return this.records.markUnreachableReported(userRef, now);
  }

  private put(
    key: string,
    tenantId: string,
    kind: 'personal' | 'space',
    ref: StoredReference | Omit<StoredReference, 'conversation'>,
    unreachableReportedAt: Date | null,
  ): void {
    this.records.put({
      key,
      tenantId,
      kind,
      reference: JSON.stringify(ref),
      unreachableReportedAt,
      updatedAt: this.clock.now(),
    });
  }
}

function parse(json: string): StoredReference | undefined {
  try {
    const parsed = storedReferenceSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const sameJson = (stored: string, ref: object): boolean => stored === JSON.stringify(ref);
