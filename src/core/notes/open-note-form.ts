import { z } from 'zod';
import type { Form } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import type { Reply } from '../contract/reply.js';
import { NOTE_TEXT_MAX } from '../domain/note.js';
import { sealState } from '../kernel/form-state.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { noteGroup } from './notebook.js';

export const noteStateSchema = z.object({
  groupId: z.string().nullable(),
  /** The id the note will take: the same form sent twice stores one note. */
  newId: z.string(),
});

/** `/cairn note` alone, "Write a note", or Teams' "Save as a note" message action (text pre-filled). */
export function openNoteForm(req: Request, opts: { text?: string } = {}): Reply {
  const group = noteGroup(req);
  if (!group.ok) return failureReply(req, group);
  const { t } = req;
  const form: Form = {
    id: FORM.note,
    title: t('note.formTitle'),
    submitLabel: t('note.save'),
    closeLabel: t('form.cancel'),
    intro: [{ type: 'text', text: t('note.formIntro') }],
    state: sealState(req, { groupId: group.value, newId: req.deps.ids.newId() }),
    fields: [
      {
        id: 'text',
        kind: 'multiline',
        label: t('note.text'),
        hint: t('note.textHint'),
        required: true,
        maxLength: NOTE_TEXT_MAX,
        initial: opts.text ? opts.text.slice(0, NOTE_TEXT_MAX) : undefined,
      },
      {
        id: 'noticed',
        kind: 'multiline',
        label: t('note.noticed'),
        hint: t('note.noticedHint'),
        required: false,
        maxLength: NOTE_TEXT_MAX,
      },
    ],
  };
  return { kind: 'form', form };
}
