import { and, asc, eq, isNull } from 'drizzle-orm';
import type { TeamsConversationRecord, TeamsConversationRecords } from '../../src/ports/adapter-state.js';
import type { Db } from '../client.js';
import { teamsConversations } from '../schema.js';

/** The Teams adapter's conversation references (see adapters/teams/conversation-store.ts). */
export type TeamsConversationRepository = TeamsConversationRecords & {
  listByTenant(tenantId: string): TeamsConversationRecord[];
};

export function createTeamsConversationRepository(db: Db): TeamsConversationRepository {
  return {
    get(key) {
      return db.select().from(teamsConversations).where(eq(teamsConversations.key, key)).get();
    },
    put(record) {
      const { key, ...rest } = record;
      db.insert(teamsConversations)
        .values(record)
        .onConflictDoUpdate({ target: teamsConversations.key, set: rest })
        .run();
    },
    delete(key) {
      db.delete(teamsConversations).where(eq(teamsConversations.key, key)).run();
    },
    deleteByTenant(tenantId) {
      db.delete(teamsConversations).where(eq(teamsConversations.tenantId, tenantId)).run();
    },
    markUnreachableReported(key, at) {
      const result = db
        .update(teamsConversations)
        .set({ unreachableReportedAt: at })
        .where(and(eq(teamsConversations.key, key), isNull(teamsConversations.unreachableReportedAt)))
        .run();
      return result.changes > 0;
    },
    listByTenant(tenantId) {
      return db
        .select()
        .from(teamsConversations)
        .where(eq(teamsConversations.tenantId, tenantId))
        .orderBy(asc(teamsConversations.key))
        .all();
    },
  };
}
