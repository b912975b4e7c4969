import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { PlanRepository } from '../../../src/core/ports/repositories/plans.js';
import { toPlan, toPlanRow } from '../../repositories/plans.js';
import { type Async, bin, changed, type KeyLock, noLock, type PgDb } from '../db.js';
import { actionPlans } from '../schema.js';

export function createPgPlanRepository(db: PgDb, lock: KeyLock = noLock): Async<PlanRepository> {
  const latestFirst = [desc(actionPlans.createdAt), desc(bin(actionPlans.id))];
  return {
    async get(id) {
      // A plan written once, a report given once: a second submission on another instance reads the first.
      await lock(`plans:${id}`);
      const [row] = await db.select().from(actionPlans).where(eq(actionPlans.id, id));
      return row ? toPlan(row) : undefined;
    },
    async getByCase(caseId) {
      await lock(`plans-case:${caseId}`);
      const [row] = await db.select().from(actionPlans).where(eq(actionPlans.caseId, caseId));
      return row ? toPlan(row) : undefined;
    },
    async insert(plan) {
      await db.insert(actionPlans).values(toPlanRow(plan));
    },
    async update(plan) {
      const { id, ...rest } = toPlanRow(plan);
      await db.update(actionPlans).set(rest).where(eq(actionPlans.id, id));
    },
    async listByAuthor(authorId) {
      const rows = await db
        .select()
        .from(actionPlans)
        .where(eq(actionPlans.authorId, authorId))
        .orderBy(...latestFirst);
      return rows.map(toPlan);
    },
    async listByGroup(groupId, limit) {
      const rows = await db
        .select()
        .from(actionPlans)
        .where(eq(actionPlans.groupId, groupId))
        .orderBy(...latestFirst)
        .limit(limit);
      return rows.map(toPlan);
    },
    async listAwaitingFollowUp() {
      // SQLite returns them in insertion order (no ORDER BY): creation, then id, says the same.
      const rows = await db
        .select()
        .from(actionPlans)
        .where(and(isNull(actionPlans.reportedAt), ne(actionPlans.followUp, 'dismissed')))
        .orderBy(asc(actionPlans.createdAt), asc(bin(actionPlans.id)));
      return rows.map(toPlan);
    },
    async listReportsToDigest(groupId, sessionId) {
      const rows = await db
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
        .orderBy(asc(actionPlans.reportedAt), asc(bin(actionPlans.id)));
      return rows.map(toPlan);
    },
    async markDigested(planIds, sessionId) {
      if (planIds.length === 0) return;
      await db.update(actionPlans).set({ digestedFor: sessionId }).where(inArray(actionPlans.id, planIds));
    },
    async deleteByAuthor(authorId) {
      return changed(await db.delete(actionPlans).where(eq(actionPlans.authorId, authorId)));
    },
  };
}
