import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import type { PersonRepository } from '../../../src/core/ports/repositories/people.js';
import type { SessionRepository } from '../../../src/core/ports/repositories/sessions.js';
import { type Async, bin, type KeyLock, noLock, type PgDb } from '../db.js';
import { people, sessions } from '../schema.js';

export function createPgPersonRepository(db: PgDb, lock: KeyLock = noLock): Async<PersonRepository> {
  return {
    async get(id) {
      await lock(`people:${id}`);
      const [row] = await db.select().from(people).where(eq(people.id, id));
      return row;
    },
    async findByUserRef(platform, userRef) {
      await lock(`people-ref:${platform}:${userRef}`);
      const [row] = await db
        .select()
        .from(people)
        .where(and(eq(people.platform, platform), eq(people.userRef, userRef)));
      return row;
    },
    async insert(person) {
      await db.insert(people).values(person);
    },
    async update(person) {
      const { id, ...rest } = person;
      await db.update(people).set(rest).where(eq(people.id, id));
    },
    async delete(id) {
      await db.delete(people).where(eq(people.id, id));
    },
    async listByWorkspace(platform, workspace) {
      return db
        .select()
        .from(people)
        .where(and(eq(people.platform, platform), eq(people.workspace, workspace)))
        .orderBy(asc(people.createdAt), asc(bin(people.id)));
    },
    async listWorkspaces(platform) {
      const rows = await db
        .select({ workspace: people.workspace })
        .from(people)
        .where(eq(people.platform, platform))
        .groupBy(people.workspace)
        .orderBy(asc(bin(people.workspace)));
      return rows.map((r) => r.workspace);
    },
  };
}

const scheduled = () => eq(sessions.status, 'scheduled');

export function createPgSessionRepository(db: PgDb, lock: KeyLock = noLock): Async<SessionRepository> {
  return {
    async get(id) {
      await lock(`sessions:${id}`);
      const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
      return row;
    },
    async insert(session) {
      await db.insert(sessions).values(session);
    },
    async update(session) {
      const { id, ...rest } = session;
      await db.update(sessions).set(rest).where(eq(sessions.id, id));
    },
    async listUpcoming(groupId, from) {
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.groupId, groupId), scheduled(), gte(sessions.startsAt, from)))
        .orderBy(asc(sessions.startsAt), asc(bin(sessions.id)));
    },
    async listPast(groupId, before, limit) {
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.groupId, groupId), scheduled(), lt(sessions.startsAt, before)))
        .orderBy(desc(sessions.startsAt), desc(bin(sessions.id)))
        .limit(limit);
    },
    async listStartingBetween(from, to) {
      return db
        .select()
        .from(sessions)
        .where(and(scheduled(), gte(sessions.startsAt, from), lt(sessions.startsAt, to)))
        .orderBy(asc(sessions.startsAt), asc(bin(sessions.id)));
    },
    async deleteByGroup(groupId) {
      await db.delete(sessions).where(eq(sessions.groupId, groupId));
    },
  };
}
