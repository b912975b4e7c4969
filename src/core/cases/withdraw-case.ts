import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { tellFacilitators } from '../kernel/tell-facilitators.js';
import { refreshQueuedAbout } from './refresh-queued.js';
import { caseEditable } from './rules.js';

/**
 * The author withdraws their case; the facilitators who received it are told. What still waits in the outbox
 * with its text stops travelling: its notifications are deleted (a facilitator whose copy had not left yet
 * never hears of the case), the digests of its session and the ballots not yet sent rewritten.
 */
export function withdrawCase(req: Request, caseId: string): Reply {
  const { store, clock } = req.deps;
  const c = store.cases.get(caseId);
  if (!c || !req.stored || c.authorId !== req.person.id) return failureReply(req, 'CASE.NOT_FOUND');
  if (!caseEditable(req.deps, c)) return failureReply(req, 'CASE.LOCKED');
  store.transaction(() => {
    store.cases.update({ ...c, status: 'withdrawn', updatedAt: clock.now() });
    const notice = (facilitatorId: string) => `case-submitted:${c.id}:${facilitatorId}`;
    const unsent = (facilitatorId: string) => {
      const status = store.outbox.get(notice(facilitatorId))?.status;
      return status === 'pending' || status === 'sending' || status === 'dead';
    };
    const neverTold = new Set(
      store.memberships
        .listByGroup(c.groupId)
        .filter((m) => m.role === 'facilitator' && unsent(m.person.id))
        .map((m) => m.person.id),
    );
    store.outbox.deleteUnsentByIdPrefix(`case-submitted:${c.id}:`);
    refreshQueuedAbout(req.deps, c);
    tellFacilitators(
      req.deps,
      c.groupId,
      (ft, facilitator) => ({
        id: `case-withdrawn:${c.id}:${facilitator.id}`,
        message: message(ft('case.withdrawnNotice', { title: c.title, author: req.person.displayName })),
      }),
      { except: req.person.id, skip: (facilitator) => neverTold.has(facilitator.id) },
    );
  });
  return { kind: 'message', message: message(req.t('case.withdrawn', { title: c.title })) };
}
