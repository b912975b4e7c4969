import { z } from 'zod';

/** A note is a situation jotted as it happens; a takeaway is what someone keeps from a session. */
export const NOTE_KINDS = ['note', 'takeaway'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const NOTE_TEXT_MAX = 3000;

/** How long a member may choose to keep their notes, in months (never longer than their group's rule). */
export const NOTE_KEEP_CHOICES = [1, 3, 6] as const;

/** What the author wrote; validated at every boundary (command, form, message action). */
export const noteTextSchema = z.string().trim().min(1).max(NOTE_TEXT_MAX);
export const noteNoticedSchema = z.string().trim().max(NOTE_TEXT_MAX);

/**
 * One entry of a member's private notebook. Only its author ever reads it; a takeaway the author chose to
 * send to the facilitators for the synthesis (`sharedAt`) is the one exception, by the author's choice.
 */
export type Note = {
  id: string;
  authorId: string;
  /** The group it was written in (null: written in a direct conversation by someone in several groups). */
  groupId: string | null;
  /** The session a takeaway is about. */
  sessionId: string | null;
  kind: NoteKind;
  text: string;
  /** What I felt or noticed (optional). */
  noticed: string;
  /** When a takeaway was sent, named, to the facilitators for the synthesis. */
  sharedAt: Date | null;
  createdAt: Date;
};
