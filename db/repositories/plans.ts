import { and, desc, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { ActionPlan } from '../../src/core/domain/plan.js';
import type { PlanRepository } from '../../src/core/ports/repositories/plans.js';
import type { Db } from '../client.js';
import { actionPlans } from '../schema.js';

type Row = typeof actionPlans.$inferSelect;

/** Maps a row to a plan, its report present once reported (shared with the PostgreSQL twin). */
export const toPlan = (row: Row): ActionPlan => {
  const { outcome, happened, learned, share, reportedAt, digestedFor, ...rest } = row;
  return {
    ...rest,
    report:
      outcome && share && reportedAt
        ? { outcome, happened: happened ?? '', learned: learned ?? '', share, reportedAt, digestedFor }
        : null,
  };
};

export const toPlanRow = (plan: ActionPlan): Row => {
  const { report, ...rest } = plan;
  return {
    ...rest,
    outcome: report?.outcome ?? null,
    happened: report?.happened ?? null,
    learned: report?.learned ?? null,
    share: report?.share ?? null,
    reportedAt: report?.reportedAt ?? null,
    digestedFor: report?.digestedFor ?? null,
  };
};

export function createPlanRepository(db: Db): PlanRepository {
  return {
    get(id) {
      const row = db.select().from(actionPlans).where(eq(actionPlans.id, id)).get();
      return row ? toPlan(row) : undefined;
    },
    getByCase(caseId) {
      const row = db.select().from(actionPlans).where(eq(actionPlans.caseId, caseId)).get();
      return row ? toPlan(row) : undefined;
    },
    insert(plan) {
      db.insert(actionPlans).values(toPlanRow(plan)).run();
    },
    update(plan) {
      const { id, ...rest } = toPlanRow(plan);
      db.update(actionPlans).set(rest).where(eq(actionPlans.id, id)).run();
    },
    listByAuthor(authorId) {
      return db
        .select()
        .from(actionPlans)
        .where(eq(actionPlans.authorId, authorId))
        .orderBy(desc(actionPlans.createdAt), desc(actionPlans.id))
        .all()
        .map(toPlan);
    },
    listByGroup(groupId, limit) {
      return db
        .select()
        .from(actionPlans)
        .where(eq(actionPlans.groupId, groupId))
        .orderBy(desc(actionPlans.createdAt), desc(actionPlans.id))
        .limit(limit)
        .all()
        .map(toPlan);
    },
    listAwaitingFollowUp() {
      return db
        .select()
        .from(actionPlans)
        .where(and(isNull(actionPlans.reportedAt), ne(actionPlans.followUp, 'dismissed')))
        .all()
        .map(toPlan);
    },
    listReportsToDigest(groupId, sessionId) {
      return db
        .select()
        .from(actionPlans)
        .where(
          and(
            eq(actionPlans.groupId, groupId),
            isNotNull(actionPlans.reportedAt),
            ne(actionPlans.share, 'no'),
            or(isNull(actionPlans.digestedFor), eq(actionPlans.digestedFor, sessionId)),
          ),
        )
        .orderBy(actionPlans.reportedAt, actionPlans.id)
        .all()
        .map(toPlan);
    },
    markDigested(planIds, sessionId) {
      if (planIds.length === 0) return;
      db.update(actionPlans).set({ digestedFor: sessionId }).where(inArray(actionPlans.id, planIds)).run();
    },
    deleteByAuthor(authorId) {
      return db.delete(actionPlans).where(eq(actionPlans.authorId, authorId)).run().changes;
    },
  };
}
