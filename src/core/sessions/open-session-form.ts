import { z } from 'zod';
import type { Form, FormField } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import type { Reply } from '../contract/reply.js';
import { isoDate, isoTime } from '../i18n/format.js';
import { facilitatedGroups, facilitatorGroup, groupOfRequest } from '../kernel/access.js';
import { sealState } from '../kernel/form-state.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { sessionChangeRefusal } from './rules.js';

export const DURATION_CHOICES = [60, 90, 120, 150, 180, 210, 240];
export const sessionStateSchema = z.object({
  groupId: z.string().optional(),
  sessionId: z.string().optional(),
  /** The id the first new session will take: the same form sent twice schedules once. */
  newId: z.string().optional(),
});

/** `/cairn session`: the form to schedule a session (one-off or recurring), facilitators only. */
export function openSessionForm(req: Request): Reply {
  const facilitated = facilitatedGroups(req);
  let groupId: string | undefined;
  if (req.place.kind === 'space') {
    const found = groupOfRequest(req);
    if (!found.ok) return failureReply(req, found);
    if (found.value.role !== 'facilitator') return failureReply(req, 'GROUP.NOT_FACILITATOR');
    groupId = found.value.group.id;
  } else if (facilitated.length === 0) {
    return failureReply(req, req.stored && groupOfRequest(req).ok ? 'GROUP.NOT_FACILITATOR' : 'GROUP.NONE');
  } else if (facilitated.length === 1) {
    groupId = facilitated[0]!.group.id;
  }
  const { t } = req;
  const fields: FormField[] = [];
  if (!groupId) {
    fields.push({
      id: 'group',
      kind: 'select',
      label: t('session.group'),
      required: true,
      options: facilitated.map((g) => ({ value: g.group.id, label: g.group.name })),
    });
  }
  fields.push(...whenFields(req), ...recurrenceFields(req));
  const form: Form = {
    id: FORM.session,
    title: t('session.title'),
    submitLabel: t('session.submit'),
    closeLabel: t('form.cancel'),
    state: sealState(req, { groupId, newId: req.deps.ids.newId() }),
    fields,
  };
  return { kind: 'form', form };
}

/** The same form to change a scheduled session. */
export function openSessionEditForm(req: Request, sessionId: string): Reply {
  const session = req.deps.store.sessions.get(sessionId);
  if (session?.status !== 'scheduled') return failureReply(req, 'SESSION.NOT_FOUND');
  const access = facilitatorGroup(req, session.groupId);
  if (!access.ok) return failureReply(req, access);
  const refusal = sessionChangeRefusal(req.deps, session);
  if (refusal) return failureReply(req, refusal);
  const zone = access.value.group.timeZone;
  const form: Form = {
    id: FORM.session,
    title: req.t('session.editTitle'),
    submitLabel: req.t('session.save'),
    closeLabel: req.t('form.cancel'),
    state: sealState(req, { groupId: session.groupId, sessionId }),
    fields: whenFields(req, {
      date: isoDate(session.startsAt, zone),
      time: isoTime(session.startsAt, zone),
      duration: String(session.durationMinutes),
      place: session.place,
    }),
  };
  return { kind: 'form', form };
}

function whenFields(
  req: Request,
  initial: { date?: string; time?: string; duration?: string; place?: string } = {},
): FormField[] {
  const { t } = req;
  return [
    { id: 'date', kind: 'date', label: t('session.date'), required: true, initial: initial.date },
    {
      id: 'time',
      kind: 'time',
      label: t('session.time'),
      hint: t('session.timeHint'),
      required: true,
      initial: initial.time,
    },
    {
      id: 'duration',
      kind: 'select',
      label: t('session.duration'),
      required: true,
      options: DURATION_CHOICES.map((m) => ({ value: String(m), label: t('session.minutes', { count: m }) })),
      initial: initial.duration ?? '180',
    },
    {
      id: 'place',
      kind: 'text',
      label: t('session.place'),
      hint: t('session.placeHint'),
      required: true,
      maxLength: 300,
      initial: initial.place,
    },
  ];
}

function recurrenceFields(req: Request): FormField[] {
  const { t } = req;
  return [
    {
      id: 'everyWeeks',
      kind: 'select',
      label: t('session.repeat'),
      required: true,
      options: [
        { value: '0', label: t('session.once') },
        ...[1, 2, 3, 4, 5, 6, 8].map((n) => ({
          value: String(n),
          label: t('session.everyWeeks', { count: n }),
        })),
      ],
      initial: '0',
    },
    {
      id: 'count',
      kind: 'select',
      label: t('session.count'),
      hint: t('session.countHint'),
      required: false,
      // A list, not free text: a series of 1 to 52 sessions cannot be mistyped.
      options: Array.from({ length: 52 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })),
    },
  ];
}
