import type { Guide } from '../../domain/guide.js';

/** Session guides: one per case presented with the guide (timings only; see `Guide`). */
export interface GuideRepository {
  get(id: string): Guide | undefined;
  /** Inserts a running guide; false when its group already has one running (nothing written). */
  insert(g: Guide): boolean;
  update(g: Guide): void;
  /** The guide running in a group, if any (at most one: a unique index holds it). */
  findRunning(groupId: string): Guide | undefined;
  /** Every running guide (the minute tick edits them, and ends those left running). */
  listRunning(): Guide[];
  /** A group's guides, running or ended. */
  listByGroup(groupId: string): Guide[];
  /** A session's guides, oldest first. */
  listBySession(sessionId: string): Guide[];
}
