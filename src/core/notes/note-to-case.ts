import { openCaseForm } from '../cases/open-case-form.js';
import type { Reply } from '../contract/reply.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { ownNote } from './notebook.js';

/** "Turn into a case": the case form, with the note (and what was noticed) as the situation. */
export function noteToCase(req: Request, noteId: string): Reply {
  const note = ownNote(req, noteId);
  if (!note) return failureReply(req, 'NOTE.NOT_FOUND');
  const situation = note.noticed ? `${note.text}\n\n${note.noticed}` : note.text;
  return openCaseForm(req, { situation });
}
