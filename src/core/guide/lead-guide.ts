import { ACTION } from '../contract/ids.js';
import { actions, message, text } from '../contract/message.js';
import { NO_REPLY, type Reply } from '../contract/reply.js';
import {
  finishedStepSeconds,
  GUIDE_EXTEND_MINUTES,
  type Guide,
  isLastStep,
  STEP_INDEX,
} from '../domain/guide.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { promptTakeaway } from '../notes/prompt-takeaway.js';
import { promptActionPlan } from '../plans/prompt-action-plan.js';
import { endGuide } from './end-guide.js';
import { nextSelectedCase } from './rules.js';
import { showGuide } from './show-guide.js';

/**
 * The running guide a button is about, if the person pressing it leads it: a member is told that the
 * facilitator leads, someone outside the group learns nothing, an ended guide's button changes nothing.
 * Read inside the caller's transaction, so that two presses at once act one after the other.
 */
function ledGuide(req: Request, guideId: string): Result<Guide> {
  const { store } = req.deps;
  const g = store.guides.get(guideId);
  if (!g) return fail('ACTION.UNKNOWN');
  const role = req.stored ? store.memberships.get(g.groupId, req.person.id)?.role : undefined;
  if (!role) return fail('GROUP.NOT_FOUND');
  if (role !== 'facilitator') return fail('GUIDE.NOT_LEADER');
  if (g.status !== 'running') return fail('GUIDE.ENDED');
  return ok(g);
}

/** Runs a leader's change on a guide in one transaction; the new state is shown by editing the message. */
function lead(req: Request, guideId: string, change: (g: Guide, now: Date) => Guide | null): Reply {
  const { store, clock } = req.deps;
  const failure = store.transaction(() => {
    const found = ledGuide(req, guideId);
    if (!found.ok) return found;
    const now = clock.now();
    const changed = change(found.value, now);
    if (changed) showGuide(req.deps, changed, now);
    return null;
  });
  // Success shows in the space (the message changes for everyone); nothing private to say.
  return failure ? failureReply(req, failure) : NO_REPLY;
}

/** *Next step*. The value carries the step it was pressed on: a second press of the same button is ignored. */
export function nextStep(req: Request, value: string): Reply {
  const [guideId = '', from = ''] = value.split(':');
  return lead(req, guideId, (g, now) => {
    if (String(g.step) !== from || isLastStep(g)) return null;
    const next: Guide = {
      ...g,
      step: g.step + 1,
      spentSeconds: [...g.spentSeconds, finishedStepSeconds(g, now)],
      stepStartedAt: now,
      extraMinutes: 0,
      pausedAt: null,
      pausedMs: 0,
    };
    // The prompts go in the same transaction as the step: written once, whatever happens next.
    if (next.step === STEP_INDEX.actionPlan) promptActionPlan(req.deps, g.caseId, now);
    if (next.step === STEP_INDEX.learned) promptTakeaway(req.deps, g.sessionId, now);
    return next;
  });
}

/** *+5 min* on the current step (pressed on an earlier step, it changes nothing). */
export function extendStep(req: Request, value: string): Reply {
  const [guideId = '', from = ''] = value.split(':');
  return lead(req, guideId, (g) =>
    String(g.step) === from ? { ...g, extraMinutes: g.extraMinutes + GUIDE_EXTEND_MINUTES } : null,
  );
}

/** *Pause* and *Resume*: the countdown stops while paused. */
export function pauseGuide(req: Request, value: string): Reply {
  const [guideId = '', what = ''] = value.split(':');
  return lead(req, guideId, (g, now) => {
    if (what === 'pause' && !g.pausedAt) return { ...g, pausedAt: now };
    if (what === 'resume' && g.pausedAt)
      return { ...g, pausedAt: null, pausedMs: g.pausedMs + (now.getTime() - g.pausedAt.getTime()) };
    return null;
  });
}

/**
 * *End*: the guide ends (see endGuide). The facilitator is told privately, and offered the next case
 * selected for the session when there is one.
 */
export function finishGuide(req: Request, guideId: string): Reply {
  const { store, clock } = req.deps;
  const ended = store.transaction(() => {
    const found = ledGuide(req, guideId);
    if (!found.ok) return found;
    return ok(endGuide(req.deps, found.value, clock.now(), 'facilitator', req.person));
  });
  if (!ended.ok) return failureReply(req, ended);
  const { t } = req;
  const next = nextSelectedCase(req.deps, ended.value.sessionId);
  if (!next) return { kind: 'message', message: message(t('guide.ended')) };
  return {
    kind: 'message',
    message: message(
      t('guide.ended'),
      text(t('guide.ended')),
      text(t('guide.ended.next', { title: next.title })),
      actions({
        action: ACTION.guideStartCase,
        label: t('guide.button.startNext'),
        value: `${ended.value.sessionId}:${next.id}`,
        style: 'primary',
      }),
    ),
  };
}
