import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { tellFacilitators } from '../kernel/tell-facilitators.js';
import { caseEditable } from './rules.js';

/** The author withdraws their case; the facilitators who received it are told. */
export function withdrawCase(req: Request, caseId: string): Reply {
  const { store, clock } = req.deps;
  const c = store.cases.get(caseId);
  if (!c || !req.stored || c.authorId !== req.person.id) return failureReply(req, 'CASE.NOT_FOUND');
  if (!caseEditable(req.deps, c)) return failureReply(req, 'CASE.LOCKED');
  store.transaction(() => {
    store.cases.update({ ...c, status: 'withdrawn', updatedAt: clock.now() });
    tellFacilitators(
      req.deps,
      c.groupId,
      (ft, facilitator) => ({
        id: `case-withdrawn:${c.id}:${facilitator.id}`,
        message: message(ft('case.withdrawnNotice', { title: c.title, author: req.person.displayName })),
      }),
      { except: req.person.id },
    );
  });
  return { kind: 'message', message: message(req.t('case.withdrawn', { title: c.title })) };
}
