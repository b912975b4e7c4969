import { ACTION } from '../contract/ids.js';
import type { Language } from '../contract/language.js';
import { actions, type Block, context, heading, type Message, message, text } from '../contract/message.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import type { Group } from '../domain/group.js';
import { GUIDE_OPENS_BEFORE_MS } from '../domain/guide.js';
import type { Session } from '../domain/session.js';
import { atLocalTime, localDay } from '../domain/times.js';
import { type Translate, translator } from '../i18n/catalogue.js';
import { formatDate } from '../i18n/format.js';
import type { CoreDeps } from '../kernel/deps.js';
import { languageFor } from '../kernel/request.js';

/** One occurrence per session: scheduled, carried by the check-in prompt, or sent by the session guide. */
export const takeawayKey = (sessionId: string): string => `takeaway:${sessionId}`;

/** The day after the session at 09:00 in the group's time zone (when the scheduled check-in opens too). */
export const takeawayDueAt = (session: Session, zone: string): Date =>
  atLocalTime(localDay(session.startsAt, zone, 1), '09:00', zone);

/**
 * Enqueues at once, to every member of the session's group, "What do I take away from this session?"
 * Idempotent with the scheduled prompt and with the check-in prompt that carries it (one occurrence key):
 * nobody gets it twice. Safe inside or outside a transaction. Returns how many were enqueued (none for a
 * session that is not yet under way).
 */
export function promptTakeaway(deps: CoreDeps, sessionId: string, now: Date): number {
  const { store } = deps;
  return store.transaction(() => {
    const session = store.sessions.get(sessionId);
    const group = session ? store.groups.get(session.groupId) : undefined;
    // A session whose guide may already run (from 30 minutes before its start) counts as under way.
    if (!session || !group || session.startsAt.getTime() - GUIDE_OPENS_BEFORE_MS > now.getTime()) return 0;
    if (!store.occurrences.tryRecord(takeawayKey(session.id), now, 'done')) return 0;
    return sendTakeawayPrompts(deps, group, session);
  });
}

function sendTakeawayPrompts(deps: CoreDeps, group: Group, session: Session): number {
  let count = 0;
  const messages = new Map<Language, Message>();
  for (const { person, role } of deps.store.memberships.listByGroup(group.id)) {
    if (role !== 'member') continue;
    const lang = languageFor(deps, person);
    let msg = messages.get(lang);
    if (!msg) {
      msg = takeawayMessage(translator(lang), lang, group, session);
      messages.set(lang, msg);
    }
    if (
      enqueueDirect(deps, `${takeawayKey(session.id)}:${person.id}`, person, msg, {
        groupId: group.id,
        audience: 'member',
      })
    )
      count++;
  }
  deps.logger.info(
    { groupId: group.id, sessionId: session.id, recipients: count },
    'takeaway prompts enqueued',
  );
  return count;
}

function takeawayMessage(t: Translate, lang: Language, group: Group, session: Session): Message {
  const date = formatDate(session.startsAt, lang, group.timeZone);
  return message(
    t('takeaway.fallback', { group: group.name }),
    heading(t('takeaway.title')),
    text(t('takeaway.body', { group: group.name, date })),
    actions({
      action: ACTION.takeawayWrite,
      label: t('takeaway.write'),
      value: session.id,
      style: 'primary',
    }),
    context(t('takeaway.privateNote')),
  );
}

/** The same question inside the check-in prompt of the round that opens after the session. */
export function takeawayBlocks(t: Translate, lang: Language, group: Group, session: Session): Block[] {
  const date = formatDate(session.startsAt, lang, group.timeZone);
  return [
    text(t('takeaway.inCheckin', { date })),
    actions({ action: ACTION.takeawayWrite, label: t('takeaway.write'), value: session.id }),
  ];
}
