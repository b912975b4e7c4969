import { z } from 'zod';
import type { FormValues } from '../contract/form.js';
import { ACTION } from '../contract/ids.js';
import { actions, context, type Message, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { type Note, noteNoticedSchema, noteTextSchema } from '../domain/note.js';
import { openState } from '../kernel/form-state.js';
import { textValue, validateForm } from '../kernel/form-validation.js';
import { failureFormReply, failureReply } from '../kernel/replies.js';
import { ensureStored, type Request } from '../kernel/request.js';
import { noteGroup } from './notebook.js';
import { noteStateSchema, openNoteForm } from './open-note-form.js';

const noteSchema = z.object({ text: noteTextSchema, noticed: noteNoticedSchema });

/** `/cairn note <text>` saves at once; `/cairn note` alone opens the form. */
export function noteCommand(req: Request, args: string): Reply {
  if (!args) return openNoteForm(req);
  // The words after "note" are never empty here (parseCommand trims them): only the length can be wrong.
  const parsed = noteTextSchema.safeParse(args);
  if (!parsed.success) return failureReply(req, 'NOTE.TOO_LONG');
  const group = noteGroup(req);
  if (!group.ok) return failureReply(req, group);
  storeNote(req, { id: req.deps.ids.newId(), groupId: group.value, text: parsed.data, noticed: '' });
  return { kind: 'message', message: savedMessage(req) };
}

/** The note form, submitted. */
export function submitNote(req: Request, sealed: string, values: FormValues): Reply {
  const state = openState(req, noteStateSchema, sealed);
  if (!state) return failureFormReply(req, 'FORM.EXPIRED');
  const group = noteGroup(req, state.groupId);
  if (!group.ok) return failureFormReply(req, group);
  const parsed = validateForm(req, noteSchema, {
    text: textValue(values, 'text'),
    noticed: textValue(values, 'noticed'),
  });
  if (!parsed.ok) return { kind: 'form.errors', errors: parsed.errors };
  storeNote(req, { id: state.newId, groupId: group.value, ...parsed.value });
  return { kind: 'form.done', message: savedMessage(req) };
}

/** Stores a note unless this id is already stored (a form sent twice): a note is written once. */
function storeNote(req: Request, note: Pick<Note, 'id' | 'groupId' | 'text' | 'noticed'>): void {
  const { store, clock, logger } = req.deps;
  const stored = store.transaction(() => {
    if (store.notes.get(note.id)) return false;
    const author = ensureStored(req);
    store.notes.insert({
      ...note,
      authorId: author.id,
      sessionId: null,
      kind: 'note',
      sharedAt: null,
      createdAt: clock.now(),
    });
    return true;
  });
  if (stored) logger.info({ noteId: note.id }, 'note saved');
}

function savedMessage(req: Request): Message {
  const { t } = req;
  const count = req.deps.store.notes.countByAuthor(req.person.id, null);
  return message(
    t('note.saved'),
    text(t('note.saved')),
    context(t('note.savedCount', { count })),
    actions({ action: ACTION.notesList, label: t('notes.open'), value: '' }),
  );
}
