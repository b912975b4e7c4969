import { z } from 'zod';
import type { Form, FormValues } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import { context, heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { type BallotRound, checkChoices, MIN_VOTERS } from '../domain/vote.js';
import { formatDateTime } from '../i18n/format.js';
import { groupsOf } from '../kernel/access.js';
import { openState, sealState } from '../kernel/form-state.js';
import { listValue } from '../kernel/form-validation.js';
import { failureFormReply, failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { ballotCaseBlocks, ballotCases } from './ballot-cases.js';

const stateSchema = z.object({ roundId: z.string().min(1) });

/** The round a member may vote in, or why not (another group's, closed, already voted). */
function roundFor(req: Request, roundId: string): Result<BallotRound> {
  const { store, clock, secrets } = req.deps;
  const round = store.votes.getRound(roundId);
  const member = round && groupsOf(req).some((g) => g.group.id === round.groupId && g.role === 'member');
  if (!round || !member) return fail('VOTE.NOT_FOUND');
  if (round.status !== 'open' || round.closesAt <= clock.now()) return fail('VOTE.CLOSED');
  // A ballot cast before CAIRN_SECRET changed left a token under the previous secret.
  if (
    secrets.ballotTokens(round.id, req.actor.userRef).some((t) => store.votes.hasParticipation(round.id, t))
  )
    return fail('VOTE.ALREADY_VOTED');
  return ok(round);
}

/** The ballot form, from the ballot's button or the home: the cases the group may read, choose up to N. */
export function openBallotForm(req: Request, roundId: string): Reply {
  const found = roundFor(req, roundId);
  if (!found.ok) return failureReply(req, found);
  const round = found.value;
  const group = req.deps.store.groups.get(round.groupId)!;
  const cases = ballotCases(req.deps, round);
  // Every case it offered was withdrawn or made "facilitator only" since: no form with nothing to choose.
  if (cases.length === 0) return failureReply(req, 'VOTE.NO_CASES');
  const { t } = req;
  const form: Form = {
    id: FORM.vote,
    title: t('vote.formTitle'),
    submitLabel: t('vote.submit'),
    closeLabel: t('form.cancel'),
    intro: [
      { type: 'text', text: t('vote.formIntro', { group: group.name, max: round.maxChoices }) },
      ...ballotCaseBlocks(t, cases),
      {
        type: 'context',
        text: t('vote.anonymityNote', {
          until: formatDateTime(round.closesAt, req.lang, group.timeZone),
          min: MIN_VOTERS,
        }),
      },
    ],
    state: sealState(req, { roundId: round.id }),
    fields: [
      {
        id: 'choices',
        kind: 'multiselect',
        label: t('vote.choices'),
        hint: t('vote.choicesHint', { max: round.maxChoices }),
        required: true,
        options: cases.map((c) => ({ value: c.id, label: c.title })),
      },
    ],
  };
  return { kind: 'form', form };
}

/**
 * One ballot: the participation token (HMAC of the user ref under the ballot's own key) and one counter per
 * chosen case change in one transaction, or nothing does. Nothing else is written, sent or logged about
 * it; the counters are overwritten in place, the round's tokens rewritten in key order, and the WAL is
 * checkpointed and truncated straight after (see db/repositories/votes.ts).
 */
export function recordBallot(req: Request, sealed: string, values: FormValues): Reply {
  const state = openState(req, stateSchema, sealed);
  if (!state) return failureFormReply(req, 'FORM.EXPIRED');
  const found = roundFor(req, state.roundId);
  if (!found.ok) return failureFormReply(req, found);
  const round = found.value;
  const { store, clock, secrets } = req.deps;
  const onBallot = ballotCases(req.deps, round).map((c) => c.id);
  const checked = checkChoices(listValue(values, 'choices'), onBallot, round.maxChoices);
  if (!checked.ok) {
    const { t } = req;
    const problem = {
      none: t('form.required'),
      tooMany: t('vote.tooMany', { max: round.maxChoices }),
      notOnBallot: t('vote.notOnBallot'),
    }[checked.problem];
    return { kind: 'form.errors', errors: { choices: problem } };
  }
  const [token, ...previous] = secrets.ballotTokens(round.id, req.actor.userRef);
  const outcome = store.transaction(() => {
    const current = store.votes.getRound(round.id);
    if (current?.status !== 'open' || current.closesAt <= clock.now()) return 'VOTE.CLOSED' as const;
    if (previous.some((t) => store.votes.hasParticipation(round.id, t))) return 'VOTE.ALREADY_VOTED' as const;
    if (!store.votes.addParticipation(round.id, token)) return 'VOTE.ALREADY_VOTED' as const;
    for (const caseId of checked.value) store.votes.increment(round.id, caseId);
    return 'counted' as const;
  });
  if (outcome !== 'counted') return failureFormReply(req, outcome);
  store.checkpoint();
  const group = store.groups.get(round.groupId)!;
  const { t } = req;
  const until = formatDateTime(round.closesAt, req.lang, group.timeZone);
  return {
    kind: 'form.done',
    message: message(
      t('vote.thanksTitle'),
      heading(t('vote.thanksTitle')),
      text(t('vote.thanks', { until })),
      context(t('vote.anonymityNote', { until, min: MIN_VOTERS })),
    ),
  };
}
