import { and, asc, eq, sql } from 'drizzle-orm';
import { type Group, reminderOffsetsSchema } from '../../src/core/domain/group.js';
import { guideMinutesSchema } from '../../src/core/domain/guide.js';
import type { GroupRepository } from '../../src/core/ports/repositories/groups.js';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { groupSuspensions, groups } from '../schema.js';

type GroupRow = typeof groups.$inferSelect;

/** Maps a row to a Group, validating the JSON column (a bad value must not reach the scheduler). */
export function toGroup(row: GroupRow): Group {
  let offsets: unknown;
  try {
    offsets = JSON.parse(row.reminderOffsets);
  } catch {
    throw new Error(`group ${row.id}: reminder_offsets is not valid JSON`);
  }
  const parsed = reminderOffsetsSchema.safeParse(offsets);
  if (!parsed.success) throw new Error(`group ${row.id}: reminder_offsets does not match its schema`);
  let minutes: unknown;
  try {
    minutes = JSON.parse(row.guideMinutes);
  } catch {
    throw new Error(`group ${row.id}: guide_minutes is not valid JSON`);
  }
  const guideMinutes = guideMinutesSchema.safeParse(minutes);
  if (!guideMinutes.success) throw new Error(`group ${row.id}: guide_minutes does not match its schema`);
  return { ...row, reminderOffsets: parsed.data, guideMinutes: guideMinutes.data };
}

// Validated on the way in too, so a bad value fails where it was written rather than on every read.
export const toGroupRow = (group: Group): GroupRow => ({
  ...group,
  reminderOffsets: JSON.stringify(reminderOffsetsSchema.parse(group.reminderOffsets)),
  guideMinutes: JSON.stringify(guideMinutesSchema.parse(group.guideMinutes)),
});

export function createGroupRepository(db: Db): GroupRepository {
  const byId = prepared(() =>
    db
      .select()
      .from(groups)
      .where(eq(groups.id, sql.placeholder('id')))
      .prepare(),
  );
  const bySpace = prepared(() =>
    db
      .select()
      .from(groups)
      .where(eq(groups.spaceAddress, sql.placeholder('spaceAddress')))
      .prepare(),
  );
  return {
    get(id) {
      const row = byId().get({ id });
      return row && toGroup(row);
    },
    findBySpace(spaceAddress) {
      const row = bySpace().get({ spaceAddress });
      return row && toGroup(row);
    },
    insert(group) {
      db.insert(groups).values(toGroupRow(group)).run();
    },
    update(group) {
      const { id, ...rest } = toGroupRow(group);
      db.update(groups).set(rest).where(eq(groups.id, id)).run();
    },
    delete(id) {
      // Memberships, sessions, cases and opt-outs follow through ON DELETE CASCADE.
      db.delete(groups).where(eq(groups.id, id)).run();
    },
    listAll() {
      return db.select().from(groups).orderBy(asc(groups.createdAt), asc(groups.id)).all().map(toGroup);
    },
    listByWorkspace(platform, workspace) {
      return db
        .select()
        .from(groups)
        .where(and(eq(groups.platform, platform), eq(groups.workspace, workspace)))
        .orderBy(asc(groups.createdAt), asc(groups.id))
        .all()
        .map(toGroup);
    },
    suspend(suspension) {
      return db.insert(groupSuspensions).values(suspension).onConflictDoNothing().run().changes === 1;
    },
    resume(groupId) {
      return db.delete(groupSuspensions).where(eq(groupSuspensions.groupId, groupId)).run().changes === 1;
    },
    suspensionOf(groupId) {
      return db.select().from(groupSuspensions).where(eq(groupSuspensions.groupId, groupId)).get();
    },
    listSuspensions() {
      return db.select().from(groupSuspensions).orderBy(asc(groupSuspensions.since)).all();
    },
  };
}
