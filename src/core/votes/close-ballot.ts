import { isVoteReleasable } from '../domain/vote.js';
import type { CoreDeps } from '../kernel/deps.js';

/**
 * Closes a ballot round: counts the voters (its tokens), decides release (at least 3 voters), deletes every
 * token, and below the threshold sets every counter back to zero, so nothing computed from so few ballots
 * is kept. Then the WAL is checkpointed and truncated (as soon as no other connection reads it) and the file
 * is rewritten later, off the request path (store.requestWipe), so no token survives in it.
 * The result reaches the facilitators in their digest and in `/cairn cases`.
 */
export function closeBallot(deps: CoreDeps, roundId: string): boolean {
  const { store, clock } = deps;
  const closed = store.transaction(() => {
    const round = store.votes.getRound(roundId);
    if (round?.status !== 'open') return false;
    const voters = store.votes.participationCount(round.id);
    const released = isVoteReleasable(voters);
    if (!store.votes.close(round.id, clock.now(), released ? voters : null, released)) return false;
    store.votes.deleteParticipation(round.id);
    if (!released) store.votes.clearCounts(round.id);
    // Ballots still waiting to be sent (an outage) would now only lead to "this vote is closed".
    store.outbox.deleteByIdPrefix(`ballot:${round.id}:`);
    return true;
  });
  if (closed) {
    store.checkpoint();
    store.requestWipe(clock.now());
    deps.logger.info({ roundId }, 'ballot closed');
  }
  return closed;
}

/** Closes the open ballot of a session, if any (the digest does, just before it is composed). */
export function closeBallotOfSession(deps: CoreDeps, sessionId: string): void {
  const round = deps.store.votes.roundOfSession(sessionId);
  if (round?.status === 'open') closeBallot(deps, round.id);
}

/** Ballots whose time has come, or whose session was cancelled or has started. */
export function closeDueBallots(deps: CoreDeps, now: Date): number {
  let closed = 0;
  for (const round of deps.store.votes.listOpen()) {
    const session = deps.store.sessions.get(round.sessionId);
    const over = round.closesAt <= now || session?.status !== 'scheduled' || session.startsAt <= now;
    if (over && closeBallot(deps, round.id)) closed++;
  }
  return closed;
}
