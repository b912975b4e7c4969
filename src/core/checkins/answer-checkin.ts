import { z } from 'zod';
import type { Form, FormValues } from '../contract/form.js';
import { ACTION, FORM } from '../contract/ids.js';
import { actions, type Block, context, heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { CHECKIN_QUESTIONS, type CheckinAnswers } from '../domain/checkin.js';
import type { Group } from '../domain/group.js';
import { formatDateTime } from '../i18n/format.js';
import { groupsOf } from '../kernel/access.js';
import { openState, sealState } from '../kernel/form-state.js';
import { textValue } from '../kernel/form-validation.js';
import { failureFormReply, failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { supportContactsText } from './request-contact.js';

const stateSchema = z.object({ roundId: z.string().min(1) });

/** The check-in form for a round, from the prompt's button or `/cairn checkin`. */
export function openCheckinForm(req: Request, roundId?: string): Reply {
  const { store, clock } = req.deps;
  const memberOf = groupsOf(req).filter((g) => g.role === 'member');
  let round = roundId ? store.checkins.getRound(roundId) : undefined;
  if (!roundId) {
    const open = memberOf.map((g) => store.checkins.openRoundOf(g.group.id)).filter((r) => r !== undefined);
    if (open.length > 1)
      return chooseRound(
        req,
        open.map((r) => r.id),
      );
    round = open[0];
  }
  if (!round || !memberOf.some((g) => g.group.id === round.groupId))
    return failureReply(req, 'CHECKIN.NOT_FOUND');
  if (round.status !== 'open' || round.closesAt <= clock.now()) return failureReply(req, 'CHECKIN.NOT_OPEN');
  if (hasAnswered(req, round.id)) return failureReply(req, 'CHECKIN.ALREADY_ANSWERED');
  const group = memberOf.find((g) => g.group.id === round.groupId)!.group;
  const { t } = req;
  const form: Form = {
    id: FORM.checkin,
    title: t('checkin.formTitle'),
    submitLabel: t('checkin.submit'),
    closeLabel: t('form.cancel'),
    intro: [
      { type: 'text', text: t('checkin.formIntro', { group: group.name }) },
      { type: 'context', text: t('checkin.anonymityNote', { k: round.k }) },
    ],
    state: sealState(req, { roundId: round.id }),
    fields: CHECKIN_QUESTIONS.map((q) => ({
      id: q,
      kind: 'select' as const,
      label: t(`checkin.q.${q}`),
      hint: t(`checkin.q.${q}.hint`),
      required: true,
      options: [1, 2, 3, 4, 5].map((n) => ({
        value: String(n),
        label: t(`checkin.q.${q}.${n as 1 | 2 | 3 | 4 | 5}`),
      })),
    })),
  };
  return { kind: 'form', form };
}

/** Whether this person answered the round, under the current secret or the previous one. */
function hasAnswered(req: Request, roundId: string): boolean {
  return req.deps.secrets
    .participationTokens(roundId, req.actor.userRef)
    .some((t) => req.deps.store.checkins.hasParticipation(roundId, t));
}

function chooseRound(req: Request, roundIds: string[]): Reply {
  const { store } = req.deps;
  const blocks: Block[] = [text(req.t('checkin.chooseGroup'))];
  for (const id of roundIds) {
    const round = store.checkins.getRound(id)!;
    const group = store.groups.get(round.groupId)!;
    blocks.push(actions({ action: ACTION.checkinOpen, label: group.name, value: id }));
  }
  return { kind: 'message', message: message(req.t('checkin.chooseGroup'), ...blocks) };
}

/**
 * One answer: the participation token (HMAC of the user ref under the round's key) and the four counters
 * change in one transaction, or nothing does. Nothing else is written, sent or logged about it. The pages
 * keep no order of writing (counters are overwritten in place, the round's tokens rewritten in key order:
 * see db/repositories/checkins.ts), and the WAL is checkpointed and truncated straight after so it keeps no
 * history of counter changes.
 */
export function recordCheckin(req: Request, sealed: string, values: FormValues): Reply {
  const state = openState(req, stateSchema, sealed);
  if (!state) return failureFormReply(req, 'FORM.EXPIRED');
  const parsed = parseAnswers(req, values);
  if (!parsed.ok) return { kind: 'form.errors', errors: parsed.errors };
  const { store, clock, secrets } = req.deps;
  const round = store.checkins.getRound(state.roundId);
  const membership = round && req.stored ? store.memberships.get(round.groupId, req.person.id) : undefined;
  if (!round || membership?.role !== 'member') return failureFormReply(req, 'CHECKIN.NOT_FOUND');
  const [token, ...previous] = secrets.participationTokens(round.id, req.actor.userRef);
  const outcome = store.transaction(() => {
    const current = store.checkins.getRound(round.id);
    if (current?.status !== 'open' || current.closesAt <= clock.now()) return 'CHECKIN.NOT_OPEN' as const;
    // An answer given before CAIRN_SECRET changed left a token under the previous secret.
    if (previous.some((t) => store.checkins.hasParticipation(round.id, t)))
      return 'CHECKIN.ALREADY_ANSWERED' as const;
    if (!store.checkins.addParticipation(round.id, token)) return 'CHECKIN.ALREADY_ANSWERED' as const;
    for (const q of CHECKIN_QUESTIONS) store.checkins.increment(round.id, q, parsed.value[q]);
    return 'counted' as const;
  });
  if (outcome !== 'counted') return failureFormReply(req, outcome);
  store.checkpoint();
  const group = store.groups.get(round.groupId)!;
  return { kind: 'form.done', message: confirmation(req, group, round.closesAt, parsed.value.overall === 1) };
}

function parseAnswers(
  req: Request,
  values: FormValues,
): { ok: true; value: CheckinAnswers } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const value: Partial<CheckinAnswers> = {};
  for (const q of CHECKIN_QUESTIONS) {
    const raw = textValue(values, q).trim();
    const n = Number(raw);
    if (raw === '') errors[q] = req.t('form.required');
    else if (!/^[1-5]$/.test(raw)) errors[q] = req.t('checkin.badValue');
    else value[q] = n;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: value as CheckinAnswers };
}

/** Shown only to the person, inside the form's response; a hard "overall" adds the support contacts. */
function confirmation(req: Request, group: Group, closesAt: Date, hard: boolean) {
  const { t } = req;
  const blocks: Block[] = [
    heading(t('checkin.thanksTitle')),
    text(t('checkin.thanks', { until: formatDateTime(closesAt, req.lang, group.timeZone) })),
  ];
  if (hard) {
    blocks.push(
      text(t('care.intro')),
      text(supportContactsText(req, group)),
      actions({ action: ACTION.careContact, label: t('care.button'), value: group.id, style: 'primary' }),
      context(t('care.note')),
    );
  }
  return message(t('checkin.thanksTitle'), ...blocks);
}
