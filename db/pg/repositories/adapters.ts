import { and, asc, eq, isNull } from 'drizzle-orm';
import type { createSlackInstallationRepository } from '../../repositories/slack-installations.js';
import type { createTeamsConversationRepository } from '../../repositories/teams-conversations.js';
import { type Async, bin, changed, type PgDb } from '../db.js';
import { slackInstallations, teamsConversations } from '../schema.js';

export function createPgSlackInstallationRepository(
  db: PgDb,
): Async<ReturnType<typeof createSlackInstallationRepository>> {
  return {
    async get(key) {
      const [row] = await db.select().from(slackInstallations).where(eq(slackInstallations.key, key));
      return row;
    },
    async put(record) {
      const { key, ...rest } = record;
      await db
        .insert(slackInstallations)
        .values(record)
        .onConflictDoUpdate({ target: slackInstallations.key, set: rest });
    },
    async delete(key) {
      await db.delete(slackInstallations).where(eq(slackInstallations.key, key));
    },
    async list() {
      return db
        .select()
        .from(slackInstallations)
        .orderBy(asc(bin(slackInstallations.key)));
    },
  };
}

export function createPgTeamsConversationRepository(
  db: PgDb,
): Async<ReturnType<typeof createTeamsConversationRepository>> {
  return {
    async get(key) {
      const [row] = await db.select().from(teamsConversations).where(eq(teamsConversations.key, key));
      return row;
    },
    async put(record) {
      const { key, ...rest } = record;
      await db
        .insert(teamsConversations)
        .values(record)
        .onConflictDoUpdate({ target: teamsConversations.key, set: rest });
    },
    async delete(key) {
      await db.delete(teamsConversations).where(eq(teamsConversations.key, key));
    },
    async deleteByTenant(tenantId) {
      await db.delete(teamsConversations).where(eq(teamsConversations.tenantId, tenantId));
    },
    async markUnreachableReported(key, at) {
      const result = await db
        .update(teamsConversations)
        .set({ unreachableReportedAt: at })
        .where(and(eq(teamsConversations.key, key), isNull(teamsConversations.unreachableReportedAt)));
      return changed(result) > 0;
    },
    async listTenants() {
      const rows = await db
        .select({ tenantId: teamsConversations.tenantId })
        .from(teamsConversations)
        .groupBy(teamsConversations.tenantId)
        .orderBy(asc(bin(teamsConversations.tenantId)));
      return rows.map((r) => r.tenantId);
    },
    async listByTenant(tenantId) {
      return db
        .select()
        .from(teamsConversations)
        .where(eq(teamsConversations.tenantId, tenantId))
        .orderBy(asc(bin(teamsConversations.key)));
    },
  };
}
