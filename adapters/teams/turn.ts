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
  /** The platform's delivery id, for the core to drop retries. */
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
    eventId: activity.id ? `teams:${activity.id}` : undefined,
  };
}
