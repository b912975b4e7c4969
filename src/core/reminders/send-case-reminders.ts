import { ACTION } from '../contract/ids.js';
import type { Language } from '../contract/language.js';
import { actions, type Button, context, heading, type Message, message, text } from '../contract/message.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import type { Group, ReminderOffset } from '../domain/group.js';
import type { Session } from '../domain/session.js';
import { reminderDueAt } from '../domain/times.js';
import { translator } from '../i18n/catalogue.js';
import { formatDateTime, isoDate } from '../i18n/format.js';
import type { CoreDeps } from '../kernel/deps.js';
import { languageFor } from '../kernel/request.js';
import { notesSinceLastSession } from '../notes/notebook.js';

const HORIZON_DAYS = 61;
/**
 * Sessions whose reminders are committed together: each stays atomic on its own (a savepoint), and a
 * fan-out to thousands of groups costs one disk sync per batch rather than one per group.
 */
const SESSIONS_PER_COMMIT = 50;

/**
 * One occurrence per session, local day of the session and offset: a session moved to another day gets its
 * reminders again before the new date; a change of start time within the day sends nothing twice.
 */
export const reminderKey = (session: Session, zone: string, o: ReminderOffset): string =>
  `reminder:${session.id}:${isoDate(session.startsAt, zone)}:${o.daysBefore}d${o.time}`;

export const reminderKeys = (group: Group, session: Session): string[] =>
  group.reminderOffsets.map((o) => reminderKey(session, group.timeZone, o));

/**
 * When a session is scheduled or moved, or the group's reminder days change, the reminders this creates
 * whose time has already passed are recorded as skipped: catching up is for times Cairn missed while down,
 * not for times that did not exist yet (members would get an extra reminder right after the change).
 * `existedBefore` lists the keys the session had before the change; those keep their normal course.
 */
export function skipPassedReminders(
  deps: CoreDeps,
  group: Group,
  session: Session,
  now: Date,
  existedBefore: string[] = [],
): void {
  if (session.startsAt <= now) return;
  for (const offset of group.reminderOffsets) {
    const key = reminderKey(session, group.timeZone, offset);
    if (existedBefore.includes(key) || reminderDueAt(session.startsAt, offset, group.timeZone) > now)
      continue;
    deps.store.occurrences.tryRecord(key, now, 'skipped');
  }
}

/**
 * Case-preparation reminders that are due. Each (session, offset) is an occurrence recorded under a unique
 * key in the same transaction as its outbox rows, so a double tick, a second instance or a restart sends
 * it once. When several offsets of one session fell due while Cairn was down, only the latest goes out.
 * Sessions that have started get nothing.
 */
export function sendDueCaseReminders(deps: CoreDeps, now: Date): number {
  const { store } = deps;
  let sent = 0;
  // A session starting at `now` has started (as for editing cases): only later ones are reminded.
  const sessions = store.sessions.listStartingBetween(
    new Date(now.getTime() + 1),
    new Date(now.getTime() + HORIZON_DAYS * 86_400_000),
  );
  for (let i = 0; i < sessions.length; i += SESSIONS_PER_COMMIT) {
    store.transaction(() => {
      for (const session of sessions.slice(i, i + SESSIONS_PER_COMMIT))
        sent += remindSession(deps, session, now);
    });
  }
  return sent;
}

function remindSession(deps: CoreDeps, session: Session, now: Date): number {
  const { store } = deps;
  const group = store.groups.get(session.groupId);
  if (!group) return 0;
  const due = group.reminderOffsets
    .map((offset) => ({
      offset,
      at: reminderDueAt(session.startsAt, offset, group.timeZone),
      key: reminderKey(session, group.timeZone, offset),
    }))
    .filter((o) => o.at <= now && !store.occurrences.has(o.key))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  if (due.length === 0) return 0;
  const latest = due[due.length - 1]!;
  return store.transaction(() => {
    for (const stale of due.slice(0, -1)) store.occurrences.tryRecord(stale.key, now, 'skipped');
    if (!store.occurrences.tryRecord(latest.key, now, 'done')) return 0;
    return fanOutReminder(deps, group, session, latest.key, now);
  });
}

function fanOutReminder(deps: CoreDeps, group: Group, session: Session, key: string, now: Date): number {
  const { store } = deps;
  const withCase = new Set(
    store.cases
      .listBySession(session.id)
      .filter((c) => c.status !== 'withdrawn')
      .map((c) => c.authorId),
  );
  let count = 0;
  // Everyone reading the same language with the same number of notes gets the same message: render it once.
  const messages = new Map<string, Message>();
  for (const { person, role } of store.memberships.listByGroup(group.id)) {
    if (role !== 'member') continue;
    if (person.pausedUntil && person.pausedUntil > now) continue;
    if (withCase.has(person.id) || store.optOuts.has(session.id, person.id)) continue;
    const lang = languageFor(deps, person);
    const notes = notesSinceLastSession(deps, person, group, now);
    let msg = messages.get(`${lang}:${notes}`);
    if (!msg) {
      msg = reminderMessage(group, session, lang, notes);
      messages.set(`${lang}:${notes}`, msg);
    }
    // Useless once the session has started: dropped then rather than delivered late.
    const options = { groupId: group.id, audience: 'member' as const, expiresAt: session.startsAt };
    if (enqueueDirect(deps, `${key}:${person.id}`, person, msg, options)) count++;
  }
  deps.logger.info(
    { groupId: group.id, sessionId: session.id, recipients: count },
    'case reminders enqueued',
  );
  return count;
}

/** The reminder; with notes written since the last session, it says how many and offers to read them. */
export function reminderMessage(group: Group, session: Session, lang: Language, notes = 0): Message {
  const t = translator(lang);
  const when = formatDateTime(session.startsAt, lang, group.timeZone);
  const buttons: Button[] = [
    { action: ACTION.caseOpen, label: t('reminder.submit'), value: session.id, style: 'primary' },
    { action: ACTION.reminderSkip, label: t('reminder.skip'), value: session.id },
  ];
  if (notes > 0) buttons.push({ action: ACTION.notesList, label: t('reminder.lookAtNotes'), value: '' });
  return message(
    t('reminder.fallback', { group: group.name, when }),
    heading(t('reminder.title', { group: group.name })),
    text(t('reminder.when', { when, place: session.place })),
    text(t('reminder.goodCase')),
    ...(notes > 0 ? [text(t('reminder.notesSince', { count: notes }))] : []),
    actions(...buttons),
    context(t('reminder.pauseHint')),
  );
}
