import type { Group } from '../domain/group.js';
import type { Note } from '../domain/note.js';
import type { Person } from '../domain/person.js';
import { groupOfRequest, groupsOf } from '../kernel/access.js';
import type { CoreDeps } from '../kernel/deps.js';
import type { Request } from '../kernel/request.js';
import { fail, ok, type Result } from '../kernel/result.js';

/**
 * The group a new note belongs to: the space's group, or the person's only group. Someone in several
 * groups writing in a direct conversation keeps the note outside any group (it then follows the shortest
 * retention of their groups). Someone in no group has no notebook.
 */
export function noteGroup(req: Request, groupId?: string | null): Result<string | null> {
  if (groupsOf(req).length === 0) return fail('GROUP.NONE');
  if (groupId === null) return ok(null);
  const found = groupOfRequest(req, groupId);
  if (found.ok) return ok(found.value.group.id);
  return found.code === 'GROUP.CHOOSE' ? ok(null) : found;
}

/** The start of the latest session of a group that has started, or null. */
export function lastSessionStart(deps: CoreDeps, groupId: string, now: Date): Date | null {
  return deps.store.sessions.listPast(groupId, now, 1)[0]?.startsAt ?? null;
}

/** How many situations a person noted since the latest session of a group (ever, before its first). */
export function notesSinceLastSession(deps: CoreDeps, person: Person, group: Group, now: Date): number {
  if (!person.id) return 0;
  return deps.store.notes.countByAuthor(person.id, lastSessionStart(deps, group.id, now), 'note');
}

/** A note to its author only: anything else is told it does not exist. */
export function ownNote(req: Request, noteId: string): Note | undefined {
  if (!req.stored) return undefined;
  const note = req.deps.store.notes.get(noteId);
  return note && note.authorId === req.person.id ? note : undefined;
}

/** Text shortened for a list, on a word boundary when one is near. */
export function preview(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.7 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
