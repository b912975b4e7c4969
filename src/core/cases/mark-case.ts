import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import type { Case } from '../domain/case.js';
import { facilitatorGroup } from '../kernel/access.js';
import type { CoreDeps } from '../kernel/deps.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { promptActionPlan } from '../plans/prompt-action-plan.js';
import { planPromptNow } from '../plans/rules.js';
import { beingGuided, sessionAfter } from './rules.js';

type Mark = 'selected' | 'postponed' | 'presented';
const MARKS: Mark[] = ['selected', 'postponed', 'presented'];

/** A facilitator marks a case selected, postponed (it moves to the following session) or presented. */
export function markCase(req: Request, value: string): Reply {
  const [caseId = '', status = ''] = value.split(':');
  const mark = MARKS.find((m) => m === status);
  const c = req.deps.store.cases.get(caseId);
  if (!c || !mark) return failureReply(req, 'CASE.NOT_FOUND');
  const access = facilitatorGroup(req, c.groupId);
  if (!access.ok)
    return failureReply(req, access.code === 'GROUP.NOT_FACILITATOR' ? access : 'CASE.NOT_FOUND');
  if (c.status === 'withdrawn') return failureReply(req, 'CASE.NOT_FOUND');
  // Its guide marks it presented when it ends; moving it elsewhere meanwhile would leave the guide astray.
  if (mark === 'postponed' && beingGuided(req.deps, c)) return failureReply(req, 'CASE.BEING_GUIDED');
  applyCaseMark(req.deps, c, mark);
  return {
    kind: 'message',
    message: message(req.t('cases.marked', { title: c.title, status: req.t(`case.status.${mark}`) })),
  };
}

/**
 * Marks a case selected, postponed (it moves to the following session) or presented; the caller has
 * checked who may. Also what the session guide does when a case's guide ends.
 */
export function applyCaseMark(deps: CoreDeps, c: Case, mark: Mark): Case {
  const { store, clock } = deps;
  let sessionId = c.sessionId;
  if (mark === 'postponed') {
    const current = c.sessionId ? store.sessions.get(c.sessionId) : undefined;
    sessionId = sessionAfter(deps, c.groupId, current)?.id ?? null;
  }
  const now = clock.now();
  const marked = { ...c, status: mark, sessionId, updatedAt: now };
  store.transaction(() => {
    store.cases.update(marked);
    // The author's "Write my action plan": at once when the session is over, else at the end of its day.
    if (mark === 'presented' && planPromptNow(deps, c, now)) promptActionPlan(deps, c.id, now);
  });
  return marked;
}
