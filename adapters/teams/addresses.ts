import { z } from 'zod';
import type { Actor, Place } from '../../src/core/contract/events.js';

/**
 * Cairn's opaque references for Teams. A person is `teams:<tenant>:<Entra object id>` (stable across
 * bots and conversations; the `29:` id when Teams gives no object id); a space (group chat or standard
 * channel) is `teams:<tenant>:<conversation id>`. Outside this folder they are only stored and compared.
 */
export const TEAMS = 'teams';

export const userRefOf = (tenantId: string, userKey: string): string => `${TEAMS}:${tenantId}:${userKey}`;
export const spaceAddressOf = (tenantId: string, conversationId: string): string =>
  `${TEAMS}:${tenantId}:${conversationId}`;

/** `teams:<tenant>:<id>` -> its parts; null for anything else. */
export function parseAddress(address: string): { tenantId: string; id: string } | null {
  const match = /^teams:([^:]+):(.+)$/.exec(address);
  return match ? { tenantId: match[1]!, id: match[2]! } : null;
}

const account = z
  .object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() })
  .loose();

/** The parts of an inbound activity Cairn reads, checked at the edge. */
export const activitySchema = z
  .object({
    type: z.string(),
    id: z.string().optional(),
    name: z.string().optional(),
    channelId: z.string(),
    serviceUrl: z.string().min(1),
    locale: z.string().optional(),
    from: account,
    recipient: account,
    conversation: z
      .object({
        id: z.string().min(1),
        conversationType: z.string().optional(),
        tenantId: z.string().optional(),
        isGroup: z.boolean().optional(),
      })
      .loose(),
    channelData: z
      .object({
        tenant: z.object({ id: z.string() }).loose().optional(),
        team: z.object({ id: z.string() }).loose().optional(),
        channel: z.object({ id: z.string() }).loose().optional(),
        eventType: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export type InboundActivity = z.infer<typeof activitySchema>;
export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export function tenantOf(a: Pick<InboundActivity, 'channelData' | 'conversation'>): string | undefined {
  return a.channelData?.tenant?.id ?? a.conversation.tenantId;
}

export function conversationKind(a: InboundActivity): ConversationKind {
  const type = a.conversation.conversationType;
  if (type === 'channel' || a.channelData?.channel) return 'channel';
  if (type === 'groupChat' || a.conversation.isGroup) return 'groupChat';
  return 'personal';
}

/** The conversation that stands for the space: the channel itself (not the thread) or the group chat. */
export function spaceConversationId(a: InboundActivity): string {
  if (conversationKind(a) === 'channel')
    return a.channelData?.channel?.id ?? a.conversation.id.split(';')[0]!;
  return a.conversation.id;
}

export const userKeyOf = (user: { id: string; aadObjectId?: string }): string => user.aadObjectId ?? user.id;

export function actorOf(a: InboundActivity, tenantId: string): Actor {
  return {
    platform: TEAMS,
    userRef: userRefOf(tenantId, userKeyOf(a.from)),
    displayName: a.from.name ?? '',
    workspace: tenantId,
    ...(a.locale ? { locale: a.locale } : {}),
  };
}

export function placeOf(a: InboundActivity, tenantId: string): Place {
  return conversationKind(a) === 'personal'
    ? { kind: 'direct' }
    : { kind: 'space', address: spaceAddressOf(tenantId, spaceConversationId(a)) };
}

/** Bots (Cairn included) have `28:` ids; people have `29:` ids. */
export const isBotAccount = (id: string): boolean => id.startsWith('28:');
