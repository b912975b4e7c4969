import type { Synthesis, SynthesisPost } from '../../domain/synthesis.js';

export interface SynthesisRepository {
  get(id: string): Synthesis | undefined;
  insert(s: Synthesis): void;
  update(s: Synthesis): void;
  addPost(post: SynthesisPost): void;
  listPosts(synthesisId: string): SynthesisPost[];
  /** Posted syntheses of a group, latest first. */
  listForGroup(groupId: string, limit: number): Synthesis[];
  listByAuthor(authorId: string): Synthesis[];
  delete(id: string): void;
  /** Drafts never confirmed (an abandoned preview) are dropped after a while. */
  deleteDraftsBefore(before: Date): number;
  /** A person's unposted drafts (their own writing, which nobody else can reach). */
  deleteDraftsByAuthor(authorId: string): number;
  /**
   * A group is deleted: it leaves every synthesis's targets, and a synthesis left with no target (nowhere
   * posted any more) is deleted with its text.
   */
  detachGroup(groupId: string): void;
}
