import { ballotOpensAt } from '../domain/vote.js';
import type { CoreDeps } from '../kernel/deps.js';
import { ballotKey, ballotPlan } from './open-ballot.js';

/**
 * When ballots of upcoming sessions open (those that would open with the cases proposed so far), and when
 * open ballots close.
 */
export function voteDueTimes(deps: CoreDeps, now: Date): Date[] {
  const { store } = deps;
  const due: Date[] = [];
  for (const group of store.groups.listAll()) {
    if (!store.caseChoice.settingsOf(group.id).voteWhenMore) continue;
    for (const session of store.sessions.listUpcoming(group.id, now)) {
      const at = ballotOpensAt(session.startsAt, group.timeZone);
      if (at <= now || store.occurrences.has(ballotKey(session, group.timeZone))) continue;
      if (ballotPlan(deps, group, session, at)) due.push(at);
    }
  }
  for (const round of store.votes.listOpen()) if (round.closesAt > now) due.push(round.closesAt);
  return due;
}
