import { z } from 'zod';
import type { FormValues } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import { context, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { NOTE_TEXT_MAX, noteTextSchema } from '../domain/note.js';
import type { Session } from '../domain/session.js';
import { formatDate } from '../i18n/format.js';
import { groupOfRequest } from '../kernel/access.js';
import { openState, sealState } from '../kernel/form-state.js';
import { textValue, validateForm } from '../kernel/form-validation.js';
import { failureFormReply, failureReply } from '../kernel/replies.js';
import { ensureStored, type Request } from '../kernel/request.js';
import type { Result } from '../kernel/result.js';
import { fail, ok } from '../kernel/result.js';
import { tellFacilitators } from '../kernel/tell-facilitators.js';
import { sharedTakeawayPrefix } from './delete-note.js';
import { ownNote } from './notebook.js';

const stateSchema = z.object({ sessionId: z.string(), newId: z.string() });
const takeawaySchema = z.object({ text: noteTextSchema, share: z.boolean() });

/** A session that has taken place, of one of the person's groups. */
function sessionOfMine(req: Request, sessionId: string): Result<Session> {
  const session = req.deps.store.sessions.get(sessionId);
  if (!session || session.startsAt > req.deps.clock.now()) return fail('TAKEAWAY.NOT_FOUND');
  return groupOfRequest(req, session.groupId).ok ? ok(session) : fail('TAKEAWAY.NOT_FOUND');
}

/** "Write what I take away": a private note about the session; optionally sent, named, to the facilitators. */
export function openTakeawayForm(req: Request, sessionId: string): Reply {
  const session = sessionOfMine(req, sessionId);
  if (!session.ok) return failureReply(req, session);
  const { t, deps } = req;
  const zone = deps.store.groups.get(session.value.groupId)!.timeZone;
  return {
    kind: 'form',
    form: {
      id: FORM.takeaway,
      title: t('takeaway.formTitle'),
      submitLabel: t('note.save'),
      closeLabel: t('form.cancel'),
      intro: [text(t('takeaway.formIntro', { date: formatDate(session.value.startsAt, req.lang, zone) }))],
      state: sealState(req, { sessionId, newId: deps.ids.newId() }),
      fields: [
        {
          id: 'text',
          kind: 'multiline',
          label: t('takeaway.text'),
          hint: t('takeaway.textHint'),
          required: true,
          maxLength: NOTE_TEXT_MAX,
        },
        {
          id: 'share',
          kind: 'checkbox',
          label: t('takeaway.shareLabel'),
          optionLabel: t('takeaway.shareOption'),
          hint: t('takeaway.shareHint'),
          required: false,
          initial: false,
        },
      ],
    },
  };
}

export function submitTakeaway(req: Request, sealed: string, values: FormValues): Reply {
  const state = openState(req, stateSchema, sealed);
  if (!state) return failureFormReply(req, 'FORM.EXPIRED');
  const session = sessionOfMine(req, state.sessionId);
  if (!session.ok) return failureFormReply(req, session);
  const parsed = validateForm(req, takeawaySchema, {
    text: textValue(values, 'text'),
    share: textValue(values, 'share') === 'true',
  });
  if (!parsed.ok) return { kind: 'form.errors', errors: parsed.errors };
  const { store, clock, logger } = req.deps;
  const { text: written, share } = parsed.value;
  const group = store.groups.get(session.value.groupId)!;
  const now = clock.now();
  const stored = store.transaction(() => {
    if (store.notes.get(state.newId)) return false;
    const author = ensureStored(req);
    store.notes.insert({
      id: state.newId,
      authorId: author.id,
      groupId: group.id,
      sessionId: session.value.id,
      kind: 'takeaway',
      text: written,
      noticed: '',
      sharedAt: share ? now : null,
      createdAt: now,
    });
    // Named, by the member's choice: free text identifies people, so it is never passed off as anonymous.
    if (share)
      tellFacilitators(
        req.deps,
        group.id,
        (ft, facilitator, lang) => {
          const params = {
            name: author.displayName,
            date: formatDate(session.value.startsAt, lang, group.timeZone),
          };
          return {
            id: `${sharedTakeawayPrefix(state.newId)}${facilitator.id}`,
            message: message(
              ft('takeaway.forFacilitatorFallback', params),
              text(ft('takeaway.forFacilitator', params)),
              text(written),
              context(ft('takeaway.forFacilitatorHint')),
            ),
          };
        },
        { except: author.id },
      );
    return true;
  });
  const { t } = req;
  if (!stored) {
    // The same form sent again (a retry, a double click): it was saved the first time, as it was then.
    const first = ownNote(req, state.newId);
    if (!first) return failureFormReply(req, 'FORM.EXPIRED');
    return {
      kind: 'form.done',
      message: message(t(first.sharedAt ? 'takeaway.savedShared' : 'takeaway.saved')),
    };
  }
  logger.info({ noteId: state.newId, shared: share }, 'takeaway saved');
  return { kind: 'form.done', message: message(share ? t('takeaway.savedShared') : t('takeaway.saved')) };
}
