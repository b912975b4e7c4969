import type { ActionPlan } from '../../domain/plan.js';

export interface PlanRepository {
  get(id: string): ActionPlan | undefined;
  getByCase(caseId: string): ActionPlan | undefined;
  insert(plan: ActionPlan): void;
  update(plan: ActionPlan): void;
  /** A person's plans, latest written first. */
  listByAuthor(authorId: string): ActionPlan[];
  /** A group's plans, latest written first. */
  listByGroup(groupId: string, limit: number): ActionPlan[];
  /** Plans whose author has not reported yet and whose follow-up is not dismissed. */
  listAwaitingFollowUp(): ActionPlan[];
  /** Reports of a group the author let a digest carry (shared or announced), not carried yet. */
  /** Reports to carry: not carried yet, or carried by the digest of `sessionId` (which is being rewritten). */
  listReportsToDigest(groupId: string, sessionId: string): ActionPlan[];
  markDigested(planIds: string[], sessionId: string): void;
  deleteByAuthor(authorId: string): number;
}
