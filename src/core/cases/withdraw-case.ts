import type { CoreDeps, Request } from '../kernel/deps.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import type { Case } from '../domain/case.js';
import type { Reply } from '../contract/events.js';
import { translator } from '../i18n/catalogue.js';
import { message } from '../contract/message.js';
import { failureReply } from '../kernel/replies.js';
import { languageFor } from '../kernel/request.js';

/** An author may change or withdraw a case until its session starts, unless it was presented. */
export function caseEditable(deps: CoreDeps, c: Case): boolean {
  if (c.status === 'withdrawn' || c.status === 'presented') return false;
  if (!c.sessionId) return true;
  const session = deps.store.sessions.get(c.sessionId);
  return !session || session.startsAt > deps.clock.now();
}

/** The author withdraws their case; the facilitators who received it are told. */
export function withdrawCase(req: Request, caseId: string): Reply {
  const { store, clock } = req.deps;
  const c = store.cases.get(caseId);
  if (!c || !req.stored || c.authorId !== req.person.id) return failureReply(req, 'CASE.NOT_FOUND');
  if (!caseEditable(req.deps, c)) return failureReply(req, 'CASE.LOCKED');
  store.transaction(() => {
    store.cases.update({ ...c, status: 'withdrawn', updatedAt: clock.now() });
    for (const { person, role } of store.memberships.listByGroup(c.groupId)) {
      if (role !== 'facilitator' || person.id === req.person.id) continue;
      const ft = translator(languageFor(req.deps, person));
      const text = ft('case.withdrawnNotice', { title: c.title, author: req.person.displayName });
      enqueueDirect(req.deps, `case-withdrawn:${c.id}:${person.id}`, person, message(text));
    }
  });
  return { kind: 'message', message: message(req.t('case.withdrawn', { title: c.title })) };
}
