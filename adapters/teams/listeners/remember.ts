import { z } from 'zod';
import { leavesNoTrace } from '../../../src/core/contract/anonymity.js';
import { isBotAccount, spaceAddressOf, spaceConversationId } from '../addresses.js';
import type { StoredReference } from '../conversation-store.js';
import type { TeamsDeps } from '../deps.js';
import type { Turn } from '../turn.js';

const memberList = z.array(z.object({ id: z.string(), aadObjectId: z.string().optional() }).loose());
export const membershipChange = z
  .object({
    action: z.string().optional(),
    membersAdded: memberList.optional(),
    membersRemoved: memberList.optional(),
  })
  .loose();

/** The event takes Cairn out of this conversation (nothing to remember then). */
export function isRemoval(turn: Turn): boolean {
  const a = turn.activity;
  const change = membershipChange.safeParse(a);
  if (!change.success) return false;
  if (a.type === 'installationUpdate' && change.data.action === 'remove') return true;
  if (change.data.membersRemoved?.some((m) => m.id === a.recipient.id)) return true;
  return ['channelDeleted', 'teamDeleted', 'teamHardDeleted'].includes(a.channelData?.eventType ?? '');
}

const cardData = z.record(z.string(), z.unknown());
const submitted = z.object({ value: cardData }).loose();

/**
 * Opening or submitting the anonymous check-in (see `leavesNoTrace`): not even a refreshed conversation
 * reference is written around it.
 */
export function isCheckinAnswer(turn: Turn): boolean {
  const parsed = submitted.safeParse(turn.activity);
  if (!parsed.success) return false;
  const inDialog = cardData.safeParse(parsed.data.value.data);
  const data = inDialog.success ? inDialog.data : parsed.data.value;
  return leavesNoTrace(data);
}

/**
 * Every activity refreshes how to write back: the person's 1:1 chat, or the space (group chat, channel)
 * and how to reach the person who wrote there. References are trimmed: no names, no message ids.
 */
export function rememberConversation(env: TeamsDeps, turn: Turn): void {
  if (isRemoval(turn) || isCheckinAnswer(turn)) return;
  const a = turn.activity;
  const base: Pick<StoredReference, 'serviceUrl' | 'channelId' | 'bot'> = {
    serviceUrl: a.serviceUrl,
    channelId: 'msteams',
    bot: { id: a.recipient.id },
  };
  const fromPerson = !isBotAccount(a.from.id) && a.from.id !== a.recipient.id;
  const user = { id: a.from.id, ...(a.from.aadObjectId ? { aadObjectId: a.from.aadObjectId } : {}) };
  if (turn.kind === 'personal') {
    if (!fromPerson) return;
    env.store.rememberPersonal(turn.actor.userRef, turn.tenantId, {
      ...base,
      conversation: { id: a.conversation.id, conversationType: 'personal', tenantId: turn.tenantId },
      user,
    });
    return;
  }
  const conversationId = spaceConversationId(a);
  const teamId = a.channelData?.team?.id;
  env.store.rememberSpace(spaceAddressOf(turn.tenantId, conversationId), turn.tenantId, {
    ...base,
    conversation: {
      id: conversationId,
      conversationType: turn.kind,
      tenantId: turn.tenantId,
      isGroup: true,
    },
    ...(teamId ? { teamId } : {}),
  });
  if (fromPerson) env.store.rememberContact(turn.actor.userRef, turn.tenantId, { ...base, user });
}
