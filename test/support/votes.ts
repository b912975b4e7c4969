import { buttonsOf, type MemoryUser } from '../../adapters/memory/platform.js';
import { TALLY_BASE } from '../../db/repositories/checkins.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import type { BallotRound } from '../../src/core/domain/vote.js';
import type { Harness } from './harness.js';

/** The ballots a user received (messages carrying the Vote button). */
export const ballotsOf = (user: MemoryUser): Message[] =>
  user.directs.filter((m) => buttonsOf(m).some((b) => b.action === ACTION.voteOpen));

/** The group's open ballot, or fails. */
export function openBallotOf(h: Harness, groupId: string): BallotRound {
  const round = h.store.votes.openRoundsOf(groupId)[0];
  if (!round) throw new Error('no open ballot');
  return round;
}

/** Presses "Vote" with the round's id and submits these choices (case ids). */
export async function vote(user: MemoryUser, roundId: string, choices: string[]) {
  const opened = await user.press({ action: ACTION.voteOpen, value: roundId });
  if (opened.kind !== 'form') return { opened, submitted: undefined };
  const submitted = await user.submit({ choices });
  return { opened, submitted };
}

/** The ballot's counters straight from the database (stored as 2^40 + count), by case id, on either engine. */
export function ballotCounts(h: Harness, roundId: string): Record<string, number> {
  const rows = h.query(
    'SELECT case_id, count FROM case_vote_tally WHERE round_id = ? ORDER BY case_id',
    roundId,
  );
  return Object.fromEntries(rows.map((r) => [String(r.case_id), Number(r.count) - TALLY_BASE]));
}

/** Participation tokens stored (of a round, or of every round), on either engine. */
export const ballotTokens = (h: Harness, roundId?: string): number =>
  Number(
    (roundId
      ? h.query('SELECT count(*) AS n FROM case_vote_participation WHERE round_id = ?', roundId)
      : h.query('SELECT count(*) AS n FROM case_vote_participation'))[0]!.n,
  );

/** A group's case ids by title. */
export function caseIds(h: Harness, groupId: string): Record<string, string> {
  const rows = h.query('SELECT id, title FROM cases WHERE group_id = ?', groupId);
  return Object.fromEntries(rows.map((r) => [String(r.title), String(r.id)]));
}
