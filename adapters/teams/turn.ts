import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Actor, Place } from '../../src/core/contract/events.js';
import {
  activitySchema,
  actorOf,
  type ConversationKind,
  conversationKind,
  type InboundActivity,
  placeOf,
  tenantOf,
} from './addresses.js';
import type { TeamsDeps } from './deps.js';
import { stringsFor, type TeamsStrings } from './strings.js';

/** One inbound activity, parsed and resolved to Cairn's terms. */
export type Turn = {
  activity: InboundActivity;
  tenantId: string;
  kind: ConversationKind;
  actor: Actor;
  place: Place;
  strings: TeamsStrings;
  /** The platform's delivery id, for the core to drop retries (see `deliveryKey`). */
  eventId: string | undefined;
};

export function readTurn(env: TeamsDeps, ctx: TurnContext): Turn | null {
  const parsed = activitySchema.safeParse(ctx.activity);
  if (!parsed.success) {
    env.logger.warn({ type: ctx.activity?.type }, 'Teams activity without the expected fields ignored');
    return null;
  }
  const activity = parsed.data;
  const tenantId = tenantOf(activity);
  if (!tenantId) {
    env.logger.warn({ type: activity.type }, 'Teams activity without a tenant ignored');
    return null;
  }
  return {
    activity,
    tenantId,
    kind: conversationKind(activity),
    actor: actorOf(activity, tenantId),
    place: placeOf(activity, tenantId),
    strings: stringsFor(activity.locale, env.defaultLanguage),
    eventId: activity.id ? deliveryKey(tenantId, activity.conversation.id, activity.id) : undefined,
  };
}

/**
 * Teams activity ids are unique only within a conversation (two chats can each get the same id in the
 * same millisecond): the key covers the tenant, the conversation and the id. Hashed, because a personal
 * chat's id stands for a person, and these keys are stored for two days and logged when a retry is
 * dropped.
 */
export function deliveryKey(tenantId: string, conversationId: string, activityId: string): string {
  const digest = createHash('sha256').update(`${tenantId}\n${conversationId}\n${activityId}`).digest();
  return `teams:${digest.subarray(0, 16).toString('base64url')}`;
}
