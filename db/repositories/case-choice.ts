import { and, eq, inArray } from 'drizzle-orm';
import { type CaseChoiceSettings, DEFAULT_CASE_CHOICE } from '../../src/core/domain/group.js';
import type { CaseChoiceRepository } from '../../src/core/ports/repositories/case-choice.js';
import type { Db } from '../client.js';
import { caseChoiceSettings, cases, membershipStarts, memberships, sessions } from '../schema.js';

export function createCaseChoiceRepository(db: Db): CaseChoiceRepository {
  return {
    settingsOf(groupId) {
      const row = db.select().from(caseChoiceSettings).where(eq(caseChoiceSettings.groupId, groupId)).get();
      if (!row) return { ...DEFAULT_CASE_CHOICE };
      const settings: CaseChoiceSettings = {
        casesPerSession: row.casesPerSession,
        voteWhenMore: row.voteWhenMore,
        cycleStartsOn: row.cycleStartsOn,
      };
      return settings;
    },
    saveSettings(groupId, settings) {
      db.insert(caseChoiceSettings)
        .values({ groupId, ...settings })
        .onConflictDoUpdate({ target: caseChoiceSettings.groupId, set: settings })
        .run();
    },
    recordJoin(groupId, personId, at) {
      const member = db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.groupId, groupId), eq(memberships.personId, personId)))
        .get();
      if (!member) return;
      db.insert(membershipStarts).values({ groupId, personId, since: at }).onConflictDoNothing().run();
    },
    joinedAt(groupId) {
      const rows = db.select().from(membershipStarts).where(eq(membershipStarts.groupId, groupId)).all();
      return new Map(rows.map((r) => [r.personId, r.since] as const));
    },
    presentations(groupId) {
      const rows = db
        .select({
          caseId: cases.id,
          authorId: cases.authorId,
          sessionId: cases.sessionId,
          updatedAt: cases.updatedAt,
        })
        .from(cases)
        .where(and(eq(cases.groupId, groupId), eq(cases.status, 'presented')))
        .all();
      const sessionIds = rows.map((r) => r.sessionId).filter((id): id is string => id !== null);
      const starts = new Map(
        (sessionIds.length
          ? db
              .select({ id: sessions.id, startsAt: sessions.startsAt })
              .from(sessions)
              .where(inArray(sessions.id, sessionIds))
              .all()
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
