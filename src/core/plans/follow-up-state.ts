import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import type { FollowUpState } from '../domain/plan.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { ownPlan } from './report-plan.js';

/** "Not now" (pause), "Ask me again" (resume), "Stop the follow-up" (dismiss): the author's choice. */
export function setFollowUp(req: Request, planId: string, state: FollowUpState): Reply {
  const plan = ownPlan(req, planId);
  if (!plan) return failureReply(req, 'PLAN.NOT_FOUND');
  if (plan.report) return failureReply(req, 'PLAN.ALREADY_REPORTED');
  req.deps.store.plans.update({ ...plan, followUp: state, updatedAt: req.deps.clock.now() });
  return { kind: 'message', message: message(req.t(`followUp.set.${state}`)) };
}
