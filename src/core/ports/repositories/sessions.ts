import type { Session } from '../../domain/session.js';

export interface SessionRepository {
  get(id: string): Session | undefined;
  insert(session: Session): void;
  update(session: Session): void;
  /** Scheduled sessions of a group starting at or after `from`, soonest first. */
  listUpcoming(groupId: string, from: Date): Session[];
  /** Scheduled sessions of a group that started before `before`, latest first. */
  listPast(groupId: string, before: Date, limit: number): Session[];
  /** Scheduled sessions of every group starting in [from, to). */
  listStartingBetween(from: Date, to: Date): Session[];
  deleteByGroup(groupId: string): void;
}
