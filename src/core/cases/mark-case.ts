import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import type { CaseStatus } from '../domain/case.js';
import { facilitatorGroup } from '../kernel/access.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { promptActionPlan } from '../plans/prompt-action-plan.js';
import { planPromptNow } from '../plans/rules.js';

const MARKS: CaseStatus[] = ['selected', 'postponed', 'presented'];

/** A facilitator marks a case selected, postponed (it moves to the following session) or presented. */
export function markCase(req: Request, value: string): Reply {
  const [caseId = '', status = ''] = value.split(':');
  const mark = MARKS.find((m) => m === status);
  const { store, clock } = req.deps;
  const c = store.cases.get(caseId);
  if (!c || !mark) return failureReply(req, 'CASE.NOT_FOUND');
  const access = facilitatorGroup(req, c.groupId);
  if (!access.ok)
    return failureReply(req, access.code === 'GROUP.NOT_FACILITATOR' ? access : 'CASE.NOT_FOUND');
  if (c.status === 'withdrawn') return failureReply(req, 'CASE.NOT_FOUND');
  let sessionId = c.sessionId;
  if (mark === 'postponed') {
    const current = c.sessionId ? store.sessions.get(c.sessionId) : undefined;
    const after = current && current.startsAt > clock.now() ? current.startsAt : clock.now();
    const following = store.sessions.listUpcoming(c.groupId, new Date(after.getTime() + 1));
    sessionId = following[0]?.id ?? null;
  }
  const now = clock.now();
  store.transaction(() => {
    store.cases.update({ ...c, status: mark, sessionId, updatedAt: now });
    // The author's "Write my action plan": at once when the session is over, else at the end of its day.
    if (mark === 'presented' && planPromptNow(req.deps, c, now)) promptActionPlan(req.deps, c.id, now);
  });
  return {
    kind: 'message',
    message: message(req.t('cases.marked', { title: c.title, status: req.t(`case.status.${mark}`) })),
  };
}
