import { and, asc, eq, inArray } from 'drizzle-orm';
import { type CaseChoiceSettings, DEFAULT_CASE_CHOICE } from '../../../src/core/domain/group.js';
import type { CaseChoiceRepository } from '../../../src/core/ports/repositories/case-choice.js';
import { type Async, bin, type KeyLock, noLock, type PgDb } from '../db.js';
import { caseChoiceSettings, cases, membershipStarts, memberships, sessions } from '../schema.js';

/** The PostgreSQL twin of db/repositories/case-choice.ts: a group's vote settings and the rotation's facts. */
export function createPgCaseChoiceRepository(
  db: PgDb,
  // No decision here is read-then-write across instances (settings are upserted, joins kept if known).
  _lock: KeyLock = noLock,
): Async<CaseChoiceRepository> {
  return {
    async settingsOf(groupId) {
      const [row] = await db.select().from(caseChoiceSettings).where(eq(caseChoiceSettings.groupId, groupId));
      if (!row) return { ...DEFAULT_CASE_CHOICE };
      const settings: CaseChoiceSettings = {
        casesPerSession: row.casesPerSession,
        voteWhenMore: row.voteWhenMore,
        cycleStartsOn: row.cycleStartsOn,
      };
      return settings;
    },
    async saveSettings(groupId, settings) {
      await db
        .insert(caseChoiceSettings)
        .values({ groupId, ...settings })
        .onConflictDoUpdate({ target: caseChoiceSettings.groupId, set: settings });
    },
    async recordJoin(groupId, personId, at) {
      const [member] = await db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.groupId, groupId), eq(memberships.personId, personId)));
      if (!member) return;
      await db.insert(membershipStarts).values({ groupId, personId, since: at }).onConflictDoNothing();
    },
    async joinedAt(groupId) {
      // In key order, as SQLite reads them through the primary key's index.
      const rows = await db
        .select()
        .from(membershipStarts)
        .where(eq(membershipStarts.groupId, groupId))
        .orderBy(asc(bin(membershipStarts.personId)));
      return new Map(rows.map((r) => [r.personId, r.since] as const));
    },
    async presentations(groupId) {
      // Oldest case first (SQLite reads them in the order they were stored; the rotation needs none).
      const rows = await db
        .select({
          caseId: cases.id,
          authorId: cases.authorId,
          sessionId: cases.sessionId,
          updatedAt: cases.updatedAt,
        })
        .from(cases)
        .where(and(eq(cases.groupId, groupId), eq(cases.status, 'presented')))
        .orderBy(asc(cases.createdAt), asc(bin(cases.id)));
      const sessionIds = [...new Set(rows.map((r) => r.sessionId).filter((id): id is string => id !== null))];
      const starts = new Map(
        (sessionIds.length
          ? await db
              .select({ id: sessions.id, startsAt: sessions.startsAt })
              .from(sessions)
              .where(inArray(sessions.id, sessionIds))
          : []
        ).map((s) => [s.id, s.startsAt] as const),
      );
      return rows.map((r) => ({
        authorId: r.authorId,
        caseId: r.caseId,
        at: (r.sessionId && starts.get(r.sessionId)) || r.updatedAt,
      }));
    },
  };
}
