import type { Case } from '../../domain/case.js';

export interface CaseRepository {
  get(id: string): Case | undefined;
  insert(c: Case): void;
  update(c: Case): void;
  listByAuthor(authorId: string): Case[];
  listBySession(sessionId: string): Case[];
  /** Cases of a group with no session yet (submitted while none was scheduled). */
  listUnscheduled(groupId: string): Case[];
  deleteByAuthor(authorId: string): number;
  /** Deletes a group's cases whose session (or creation, if none) is before `before`. */
  deleteExpired(groupId: string, before: Date): number;
  deleteByGroup(groupId: string): void;
}
