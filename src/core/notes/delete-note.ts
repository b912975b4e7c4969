import { ACTION } from '../contract/ids.js';
import { actions, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { ownNote } from './notebook.js';

/** The outbox ids of a takeaway sent to the facilitators (one per facilitator). */
export const sharedTakeawayPrefix = (noteId: string): string => `takeaway-shared:${noteId}:`;

/**
 * "Delete" on a note: it goes at once, with any message about it not sent yet, and the WAL is checkpointed
 * so that its text is not left in the file (secure_delete overwrites the row in place).
 */
export function deleteNote(req: Request, noteId: string): Reply {
  const note = ownNote(req, noteId);
  if (!note) return failureReply(req, 'NOTE.NOT_FOUND');
  const { store, logger } = req.deps;
  store.transaction(() => {
    store.notes.delete(note.id);
    store.outbox.deleteByIdPrefix(sharedTakeawayPrefix(note.id));
  });
  store.checkpoint();
  logger.info({ noteId: note.id }, 'note deleted');
  const { t } = req;
  return {
    kind: 'message',
    message: message(
      t('notes.deleted'),
      text(t('notes.deleted')),
      actions({ action: ACTION.notesList, label: t('notes.open'), value: '' }),
    ),
  };
}
