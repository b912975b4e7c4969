import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import { teamsConversations } from '../schema.js';

type Row = typeof teamsConversations.$inferSelect;

/**
 * The Teams adapter's conversation references, in the shape it declares (adapters/teams/storage.ts).
 */
export function createTeamsConversationRepository(db: Db) {
  return {
    get(key: string): Row | undefined {
      return db.select().from(teamsConversations).where(eq(teamsConversations.key, key)).get();
    },
    put(record: Row): void {
      const { key, ...rest } = record;
      db.insert(teamsConversations)
        .values(record)
        .onConflictDoUpdate({ target: teamsConversations.key, set: rest })
        .run();
    },
    delete(key: string): void {
      db.delete(teamsConversations).where(eq(teamsConversations.key, key)).run();
    },
    deleteByTenant(tenantId: string): void {
      db.delete(teamsConversations).where(eq(teamsConversations.tenantId, tenantId)).run();
    },
    markUnreachableReported(key: string, at: Date): boolean {
      const result = db
        .update(teamsConversations)
        .set({ unreachableReportedAt: at })
        .where(and(eq(teamsConversations.key, key), isNull(teamsConversations.unreachableReportedAt)))
        .run();
      return result.changes > 0;
    },
    listTenants(): string[] {
      return db
        .selectDistinct({ tenantId: teamsConversations.tenantId })
        .from(teamsConversations)
        .all()
        .map((r) => r.tenantId);
    },
    listByTenant(tenantId: string): Row[] {
      return db
        .select()
        .from(teamsConversations)
        .where(eq(teamsConversations.tenantId, tenantId))
        .orderBy(asc(teamsConversations.key))
        .all();
    },
  };
}
