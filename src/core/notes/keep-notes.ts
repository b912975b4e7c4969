import { z } from 'zod';
import type { FormValues } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { NOTE_KEEP_CHOICES } from '../domain/note.js';
import { groupsOf } from '../kernel/access.js';
import { openState, sealState } from '../kernel/form-state.js';
import { textValue } from '../kernel/form-validation.js';
import { failureFormReply, failureReply } from '../kernel/replies.js';
import { ensureStored, type Request } from '../kernel/request.js';
import { expireNotes, keepingMonths } from './expire-notes.js';

const stateSchema = z.object({ keep: z.literal(true) });

/** The rule of the person's groups (the shortest), which their own choice may only shorten. */
const groupRule = (req: Request): number => Math.min(...groupsOf(req).map((g) => g.group.retentionMonths));

const choices = (req: Request): number[] => NOTE_KEEP_CHOICES.filter((m) => m < groupRule(req));

/** "Keep my notes less long": the member chooses a shorter keeping period than their group's. */
export function openKeepForm(req: Request): Reply {
  if (groupsOf(req).length === 0) return failureReply(req, 'GROUP.NONE');
  const { t } = req;
  const own = req.deps.store.notes.keepMonths(req.person.id);
  return {
    kind: 'form',
    form: {
      id: FORM.notesKeep,
      title: t('notes.keepTitle'),
      submitLabel: t('notes.keepSave'),
      closeLabel: t('form.cancel'),
      intro: [{ type: 'text', text: t('notes.keepIntro', { months: groupRule(req) }) }],
      state: sealState(req, { keep: true }),
      fields: [
        {
          id: 'months',
          kind: 'select',
          label: t('notes.keepLabel'),
          required: true,
          options: [
            { value: 'group', label: t('notes.keepGroup', { months: groupRule(req) }) },
            ...choices(req).map((m) => ({ value: String(m), label: t('notes.keepMonths', { months: m }) })),
          ],
          initial: own && own < groupRule(req) ? String(own) : 'group',
        },
      ],
    },
  };
}

/** The choice, saved; notes now older than it are deleted at once. */
export function submitKeep(req: Request, sealed: string, values: FormValues): Reply {
  if (!openState(req, stateSchema, sealed)) return failureFormReply(req, 'FORM.EXPIRED');
  if (groupsOf(req).length === 0) return failureFormReply(req, 'GROUP.NONE');
  const chosen = textValue(values, 'months');
  const months = chosen === 'group' ? null : Number(chosen);
  if (months !== null && !choices(req).includes(months))
    return { kind: 'form.errors', errors: { months: req.t('form.invalidChoice') } };
  const { store, clock } = req.deps;
  const person = ensureStored(req);
  const deleted = store.transaction(() => {
    store.notes.setKeepMonths(person.id, months);
    return expireNotes(req.deps, clock.now(), person.id);
  });
  if (deleted > 0) store.checkpoint();
  return {
    kind: 'form.done',
    message: message(req.t('notes.keepSaved', { months: keepingMonths(req.deps, person.id) })),
  };
}
