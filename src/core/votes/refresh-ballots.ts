import type { Language } from '../contract/language.js';
import type { Message } from '../contract/message.js';
import type { Case } from '../domain/case.js';
import type { CoreDeps } from '../kernel/deps.js';
import { languageFor } from '../kernel/request.js';
import { ballotCases, proposedFor } from './ballot-cases.js';
import { ballotMessage } from './open-ballot.js';

/**
 * A case changed after its group's ballot opened (withdrawn, edited, made "facilitator only"): the ballots
 * still waiting in the outbox are written again with the cases the ballot offers now, so that no message
 * carries a case its author took back or an excerpt they rewrote. Runs in the caller's transaction.
 */
export function refreshPendingBallots(deps: CoreDeps, changed: Case): void {
  const { store, clock } = deps;
  const group = store.groups.get(changed.groupId);
  if (!group) return;
  // A ballot offers the cases of its session, and those waiting for one when it is the group's next.
  const sessions = new Set<string>();
  if (changed.sessionId) sessions.add(changed.sessionId);
  const next = store.sessions.listUpcoming(group.id, clock.now())[0];
  if (next) sessions.add(next.id);
  for (const sessionId of sessions) {
    const round = store.votes.roundOfSession(sessionId);
    const session = store.sessions.get(sessionId);
    if (round?.status !== 'open' || !session) continue;
    const proposed = proposedFor(deps, group, session);
    const visible = ballotCases(deps, round);
    const plan = {
      visible,
      hidden: proposed.filter((c) => c.visibility !== 'group').length,
      proposed: proposed.length,
      perSession: store.caseChoice.settingsOf(group.id).casesPerSession,
      closesAt: round.closesAt,
      maxChoices: round.maxChoices,
    };
    const messages = new Map<Language, Message>();
    for (const { person, role } of store.memberships.listByGroup(group.id)) {
      if (role !== 'member') continue;
      const lang = languageFor(deps, person);
      let msg = messages.get(lang);
      if (!msg) {
        msg = ballotMessage(group, session, round, plan, lang);
        messages.set(lang, msg);
      }
      store.outbox.replacePending(`ballot:${round.id}:${person.id}`, msg);
    }
  }
}
