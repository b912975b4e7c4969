import { ACTION } from '../contract/ids.js';
import { actions, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import type { FollowUpState } from '../domain/plan.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { followUpDate } from './plan-blocks.js';
import { ownPlan } from './report-plan.js';
import { followUpDueAt } from './rules.js';

/** "Not now" (pause), "Ask me again" (resume), "Stop the follow-up" (dismiss): the author's choice. */
export function setFollowUp(req: Request, planId: string, state: FollowUpState): Reply {
  const plan = ownPlan(req, planId);
  if (!plan) return failureReply(req, 'PLAN.NOT_FOUND');
  if (plan.report) return failureReply(req, 'PLAN.ALREADY_REPORTED');
  const now = req.deps.clock.now();
  req.deps.store.plans.update({ ...plan, followUp: state, updatedAt: now });
  const zone = req.deps.store.groups.get(plan.groupId)?.timeZone;
  // Resumed after its date: the follow-up of that date went already (or goes at once), none comes later.
  if (state === 'active' && zone && followUpDueAt(plan, zone) <= now) {
    const line = req.t('plan.followUpPassed', { date: followUpDate(plan, req.lang, zone) });
    return {
      kind: 'message',
      message: message(
        line,
        text(line),
        actions({ action: ACTION.planReport, label: req.t('followUp.report'), value: plan.id }),
      ),
    };
  }
  return { kind: 'message', message: message(req.t(`followUp.set.${state}`)) };
}
