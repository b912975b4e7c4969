import type { Note, NoteKind } from '../../domain/note.js';

export interface NoteRepository {
  get(id: string): Note | undefined;
  insert(note: Note): void;
  /** Deletes one note; false when there was none. */
  delete(id: string): boolean;
  /** A person's notes, newest first; only the takeaways of a session when `sessionId` is given. */
  listByAuthor(authorId: string, options?: { sessionId?: string; limit?: number }): Note[];
  /** How many notes a person wrote at or after `since` (ever when null), of one kind when given. */
  countByAuthor(authorId: string, since: Date | null, kind?: NoteKind): number;
  /** The sessions a person wrote takeaways about, with how many, latest note first. */
  takeawaySessions(authorId: string): { sessionId: string; count: number }[];
  /** Takeaways sent to the facilitators about these sessions, oldest first. */
  listShared(sessionIds: string[]): Note[];
  /** Each (author, group) that has notes, group null for notes written outside a group (retention walks them). */
  listAuthorGroups(): { authorId: string; groupId: string | null }[];
  /** Deletes a person's notes written before `before`, in one group (or with no group when null). */
  deleteOlderThan(authorId: string, groupId: string | null, before: Date): number;
  deleteByAuthor(authorId: string): number;
  /** The member's own keeping period, in months (null: their group's rule). */
  keepMonths(personId: string): number | null;
  setKeepMonths(personId: string, months: number | null): void;
}
