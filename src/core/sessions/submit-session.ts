import { z } from 'zod';
import { sessionForWaiting } from '../cases/rules.js';
import type { FormValues } from '../contract/form.js';
import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { enqueueSpacePost } from '../delivery/enqueue.js';
import { isProposed } from '../domain/case.js';
import type { Group } from '../domain/group.js';
import type { Session } from '../domain/session.js';
import { parseLocal, plusWeeks } from '../domain/times.js';
import { translator } from '../i18n/catalogue.js';
import { formatDateTime } from '../i18n/format.js';
import { facilitatedGroups, facilitatorGroup } from '../kernel/access.js';
import type { CoreDeps } from '../kernel/deps.js';
import { openState } from '../kernel/form-state.js';
import { textValue, validateForm } from '../kernel/form-validation.js';
import { failureFormReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { reminderKeys, skipPassedReminders } from '../reminders/send-case-reminders.js';
import { DURATION_CHOICES, sessionStateSchema } from './open-session-form.js';
import { sessionChangeRefusal } from './rules.js';

export const MAX_RECURRENCE = 52;

/** The session form, submitted: schedules one or several sessions, or changes one. */
export function submitSession(req: Request, sealed: string, values: FormValues): Reply {
  const state = openState(req, sessionStateSchema, sealed);
  if (!state) return failureFormReply(req, 'FORM.EXPIRED');
  const groupId = state.groupId ?? textValue(values, 'group');
  const access = facilitatorGroup(req, groupId);
  if (!access.ok) {
    const mine = facilitatedGroups(req);
    if (!state.groupId && mine.length > 0)
      return { kind: 'form.errors', errors: { group: req.t('form.invalidChoice') } };
    return failureFormReply(req, access);
  }
  const group = access.value.group;
  const { t } = req;
  const now = req.deps.clock.now();
  const editing = state.sessionId !== undefined;
  const schema = z
    .object({
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: t('form.badDate') }),
      time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: t('form.badTime') }),
      duration: z.coerce
        .number()
        .int()
        .refine((d) => DURATION_CHOICES.includes(d), { message: t('form.invalidChoice') }),
      place: z.string().trim().min(1).max(300),
      everyWeeks: z.coerce.number().int().min(0).max(8),
      count: z.string().trim().max(3),
    })
    .superRefine((v, ctx) => {
      const startsAt = parseLocal(v.date, v.time, group.timeZone);
      if (!startsAt) ctx.addIssue({ code: 'custom', path: ['date'], message: t('form.badDate') });
      else if (startsAt <= now)
        ctx.addIssue({ code: 'custom', path: ['date'], message: t('session.inPast') });
      if (v.everyWeeks > 0) {
        const n = Number(v.count);
        if (v.count === '' || !Number.isInteger(n) || n < 1 || n > MAX_RECURRENCE) {
          ctx.addIssue({
            code: 'custom',
            path: ['count'],
            message: t('session.badCount', { max: MAX_RECURRENCE }),
          });
        }
      }
    });
  const parsed = validateForm(req, schema, {
    date: textValue(values, 'date'),
    time: textValue(values, 'time'),
    duration: textValue(values, 'duration'),
    place: textValue(values, 'place'),
    everyWeeks: editing ? '0' : textValue(values, 'everyWeeks') || '0',
    count: editing ? '' : textValue(values, 'count'),
  });
  if (!parsed.ok) return { kind: 'form.errors', errors: parsed.errors };
  const input = parsed.value;
  const startsAt = parseLocal(input.date, input.time, group.timeZone)!;

  if (state.sessionId) return saveEdit(req, group, state.sessionId, startsAt, input.duration, input.place);

  const count = input.everyWeeks > 0 ? Number(input.count) : 1;
  const seriesId = count > 1 ? req.deps.ids.newId() : null;
  const sessions: Session[] = Array.from({ length: count }, (_, i) => ({
    id: (i === 0 ? state.newId : undefined) ?? req.deps.ids.newId(),
    groupId: group.id,
    startsAt: plusWeeks(startsAt, i * input.everyWeeks, group.timeZone),
    durationMinutes: input.duration,
    place: input.place,
    status: 'scheduled',
    seriesId,
  }));
  const { store } = req.deps;
  const stored = store.transaction(() => {
    // This form was already sent (a double tap, a replayed request): nothing more is scheduled.
    if (store.sessions.get(sessions[0]!.id)) return false;
    for (const s of sessions) {
      store.sessions.insert(s);
      skipPassedReminders(req.deps, group, s, now);
    }
    attachUnscheduledCases(req.deps, group, sessions);
    return true;
  });
  if (!stored) return failureFormReply(req, 'FORM.EXPIRED');
  req.deps.logger.info({ groupId: group.id, sessions: count }, 'sessions scheduled');
  const when = formatDateTime(startsAt, req.lang, group.timeZone);
  return {
    kind: 'form.done',
    message: message(
      count > 1
        ? t('session.scheduledSeries', { group: group.name, when, count, weeks: input.everyWeeks })
        : t('session.scheduled', { group: group.name, when }),
    ),
  };
}

function saveEdit(
  req: Request,
  group: Group,
  sessionId: string,
  startsAt: Date,
  duration: number,
  place: string,
): Reply {
  const { store, clock } = req.deps;
  const session = store.sessions.get(sessionId);
  if (!session || session.groupId !== group.id || session.status !== 'scheduled') {
    return failureFormReply(req, 'SESSION.NOT_FOUND');
  }
  const refusal = sessionChangeRefusal(req.deps, session);
  if (refusal) return failureFormReply(req, refusal);
  store.transaction(() => {
    const updated = { ...session, startsAt, durationMinutes: duration, place };
    store.sessions.update(updated);
    skipPassedReminders(req.deps, group, updated, clock.now(), reminderKeys(group, session));
    // Members learn of a new date, time or place in the group's space (reminders follow the new date).
    if (startsAt.getTime() !== session.startsAt.getTime() || place !== session.place) {
      const gt = translator(group.language);
      const notice = gt('sessions.changedNotice', {
        from: formatDateTime(session.startsAt, group.language, group.timeZone),
        when: formatDateTime(startsAt, group.language, group.timeZone),
        place,
      });
      enqueueSpacePost(
        req.deps,
        `session-changed:${session.id}:${clock.now().getTime()}`,
        group,
        message(notice),
      );
    }
  });
  const when = formatDateTime(startsAt, req.lang, group.timeZone);
  return { kind: 'form.done', message: message(req.t('session.updated', { group: group.name, when })) };
}

/**
 * Cases waiting for a session (submitted while none was scheduled, or left by a cancelled one, selected
 * ones included) go to the group's next session; postponed ones to the session after the one they were
 * postponed from (cases/rules.ts). `scheduled`: the sessions just added, if any.
 */
export function attachUnscheduledCases(
  deps: CoreDeps,
  group: Group,
  scheduled: readonly Session[] = [],
): void {
  const { store, clock } = deps;
  const upcoming = store.sessions.listUpcoming(group.id, clock.now());
  if (upcoming.length === 0) return;
  for (const c of store.cases.listUnscheduled(group.id)) {
    const session = sessionForWaiting(c, upcoming, scheduled);
    if (session && isProposed(c)) store.cases.update({ ...c, sessionId: session.id, updatedAt: clock.now() });
  }
}
