import type { BarRow, Block } from '../contract/message.js';
import type { Case } from '../domain/case.js';
import { type BallotRound, MIN_VOTERS, type VoteOutcome } from '../domain/vote.js';
import type { Translate } from '../i18n/catalogue.js';
import type { CoreDeps } from '../kernel/deps.js';

/**
 * What the latest ballot of a session tells, for facilitators only: nothing while it is open (no count is
 * shown before the close), "too few votes" below the threshold, else the counts per case.
 */
export function voteOutcome(deps: CoreDeps, sessionId: string | null): VoteOutcome | undefined {
  if (!sessionId) return undefined;
  const round = deps.store.votes.roundOfSession(sessionId);
  return round ? outcomeOf(deps, round) : undefined;
}

function outcomeOf(deps: CoreDeps, round: BallotRound): VoteOutcome {
  // The cases the group voted on: a case proposed later, or for the facilitator only, was not among them.
  const onBallot = () => new Set(deps.store.votes.ballotCases(round.id));
  if (round.status === 'open') return { kind: 'open', closesAt: round.closesAt, onBallot: onBallot() };
  if (!round.released || round.voters === null) return { kind: 'tooFew', onBallot: onBallot() };
  return { kind: 'counted', counts: deps.store.votes.counts(round.id), voters: round.voters };
}

/** The votes a case received, when a released count exists for it. */
export const votesFor = (outcome: VoteOutcome | undefined, caseId: string): number | undefined =>
  outcome?.kind === 'counted' ? outcome.counts.get(caseId) : undefined;

/** The short label beside a case in the facilitators' queue and digest. */
export function voteLabel(t: Translate, outcome: VoteOutcome | undefined, caseId: string): string {
  if (!outcome) return t('vote.label.offBallot');
  if (outcome.kind !== 'counted' && !outcome.onBallot.has(caseId)) return t('vote.label.offBallot');
  if (outcome.kind === 'open') return t('vote.label.open');
  if (outcome.kind === 'tooFew') return t('vote.label.tooFew');
  const count = outcome.counts.get(caseId);
  return count === undefined ? t('vote.label.offBallot') : t('vote.label.votes', { count });
}

/**
 * The result as the facilitators read it: bars per case still proposed, most votes first, or "too few
 * votes", or that the vote is still open (no count before the close).
 */
export function voteResultBlocks(
  deps: CoreDeps,
  t: Translate,
  outcome: VoteOutcome | undefined,
  formatUntil: (d: Date) => string,
): Block[] {
  if (!outcome) return [];
  if (outcome.kind === 'open')
    return [{ type: 'context', text: t('vote.openUntil', { until: formatUntil(outcome.closesAt) }) }];
  if (outcome.kind === 'tooFew') return [{ type: 'context', text: t('vote.tooFew', { min: MIN_VOTERS }) }];
  const cases = [...outcome.counts.keys()]
    .map((id) => deps.store.cases.get(id))
    .filter((c): c is Case => c !== undefined && c.status !== 'withdrawn');
  const max = Math.max(1, ...cases.map((c) => outcome.counts.get(c.id) ?? 0));
  // Most votes first; a tie in the order the cases were proposed.
  const rows: BarRow[] = cases
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .map((c) => ({ label: c.title, count: outcome.counts.get(c.id) ?? 0, max }))
    .sort((a, b) => b.count - a.count);
  if (rows.length === 0) return [];
  return [
    {
      type: 'bars',
      title: t('vote.resultTitle'),
      rows,
      summary: t('vote.resultSummary', { voters: outcome.voters }),
    },
  ];
}
