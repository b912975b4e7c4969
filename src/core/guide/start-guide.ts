import type { FormValues } from '../contract/form.js';
import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { enqueueSpacePost } from '../delivery/enqueue.js';
import { isProposed } from '../domain/case.js';
import { displayKey, type Guide } from '../domain/guide.js';
import { openState } from '../kernel/form-state.js';
import { textValue } from '../kernel/form-validation.js';
import { failureFormReply, failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { liveMessage } from './guide-message.js';
import { startStateSchema } from './open-guide.js';
import { guideOutboxId, sessionInWindow } from './rules.js';

/** The start form, submitted with the case chosen. */
export function submitGuideStart(req: Request, sealed: string, values: FormValues): Reply {
  const state = openState(req, startStateSchema, sealed);
  if (!state) return failureFormReply(req, 'FORM.EXPIRED');
  const started = startGuide(req, state.groupId, state.sessionId, textValue(values, 'case'));
  if (!started.ok) return failureFormReply(req, started);
  return { kind: 'form.done', message: message(req.t('guide.started', { title: started.value })) };
}

/** *Guide this case*: the next case selected for the session, offered when a guide ends. */
export function startNextCase(req: Request, value: string): Reply {
  const [sessionId = '', caseId = ''] = value.split(':');
  const session = req.deps.store.sessions.get(sessionId);
  if (!session) return failureReply(req, 'SESSION.NOT_FOUND');
  const started = startGuide(req, session.groupId, sessionId, caseId);
  if (!started.ok) return failureReply(req, started);
  return { kind: 'message', message: message(req.t('guide.started', { title: started.value })) };
}

/**
 * Starts the guide of a case in its group's space: everything is checked again at this moment (the person
 * facilitates the group, the session is on, the case can still be presented, no guide runs there). The
 * case is marked selected for the session; the live message is posted through the outbox. Returns the
 * case's title.
 */
function startGuide(req: Request, groupId: string, sessionId: string, caseId: string): Result<string> {
  const { store, clock, ids } = req.deps;
  const group = store.groups.get(groupId);
  const role = group && req.stored ? store.memberships.get(group.id, req.person.id)?.role : undefined;
  if (!group || !role) return fail('GROUP.NOT_FOUND');
  if (role !== 'facilitator') return fail('GROUP.NOT_FACILITATOR');
  const now = clock.now();
  if (sessionInWindow(req.deps, group.id, now)?.id !== sessionId) return fail('GUIDE.NO_SESSION');
  const c = store.cases.get(caseId);
  if (!c || c.groupId !== group.id) return fail('CASE.NOT_FOUND');
  if (!isProposed(c)) return fail('GUIDE.CASE_UNAVAILABLE');
  return store.transaction(() => {
    if (store.guides.findRunning(group.id)) return fail('GUIDE.ALREADY_RUNNING');
    const id = ids.newId();
    const draft: Guide = {
      id,
      groupId: group.id,
      sessionId,
      caseId: c.id,
      status: 'running',
      step: 0,
      minutes: [...group.guideMinutes],
      spentSeconds: [],
      stepStartedAt: now,
      extraMinutes: 0,
      pausedAt: null,
      pausedMs: 0,
      startedAt: now,
      endedAt: null,
      endedBy: null,
      postId: guideOutboxId({ id, caseId: c.id }, 'post'),
      editId: null,
      edits: 0,
      shown: '',
    };
    const guide = { ...draft, shown: displayKey(draft, now) };
    // The unique index is the last word on "one guide per space" (another instance, the same instant).
    if (!store.guides.insert(guide)) return fail('GUIDE.ALREADY_RUNNING');
    if (c.status !== 'selected' || c.sessionId !== sessionId)
      store.cases.update({ ...c, status: 'selected', sessionId, updatedAt: now });
    enqueueSpacePost(req.deps, guide.postId, group, liveMessage(req.deps, guide, group, now));
    req.deps.logger.info({ guideId: guide.id, groupId: group.id }, 'guide started');
    return ok(c.title);
  });
}
