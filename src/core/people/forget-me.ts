import { z } from 'zod';
import type { FormValues } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import { message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { guideOutboxPrefix } from '../guide/rules.js';
import type { CoreDeps } from '../kernel/deps.js';
import { openState, sealState } from '../kernel/form-state.js';
import { textValue } from '../kernel/form-validation.js';
import { failureFormReply, failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { sharedTakeawayPrefix } from '../notes/delete-note.js';
import { refreshPendingDigests } from '../reminders/send-case-digest.js';
import { refreshPendingBallots } from '../votes/refresh-ballots.js';
import { unreachablePrefix } from './report-unreachable.js';

const stateSchema = z.object({ forget: z.literal(true) });

/** `/cairn forget-me`: first a confirmation, saying exactly what goes and what stays. */
export function openForgetMe(req: Request): Reply {
  if (!req.stored) return failureReply(req, 'PERSON.UNKNOWN');
  const { t } = req;
  return {
    kind: 'form',
    form: {
      id: FORM.forgetMe,
      title: t('forget.title'),
      submitLabel: t('forget.submit'),
      closeLabel: t('form.cancel'),
      intro: [text(t('forget.what')), text(t('forget.stays'))],
      state: sealState(req, { forget: true }),
      fields: [
        {
          id: 'confirm',
          kind: 'checkbox',
          label: t('forget.confirmLabel'),
          optionLabel: t('forget.confirm'),
          required: true,
        },
      ],
    },
  };
}

/**
 * Confirmed: the person's cases, action plans, notebook, preferences, memberships and identity are deleted,
 * then the file is rewritten.
 */
export function forgetMe(req: Request, sealed: string, values: FormValues): Reply {
  if (!openState(req, stateSchema, sealed)) return failureFormReply(req, 'FORM.EXPIRED');
  if (textValue(values, 'confirm') !== 'true')
    return { kind: 'form.errors', errors: { confirm: req.t('forget.confirmRequired') } };
  if (!req.stored) return failureFormReply(req, 'PERSON.UNKNOWN');
  // The adapter forgets first, so that the checkpoint in erasePerson also clears its records' bytes.
  if (req.deps.platforms.has(req.actor.platform))
    req.deps.platforms.get(req.actor.platform).forgetUser?.(req.actor.userRef);
  erasePerson(req.deps, req.person.id);
  return { kind: 'form.done', message: message(req.t('forget.done')) };
}

/**
 * Deletes everything about a person. Messages already queued to or about them go too; sent messages that
 * quote their name or id keep no body. Deleted bytes are zeroed in place (secure_delete) and the WAL is
 * checkpointed, so they are gone; the whole file is rewritten later, off the request path.
 */
export function erasePerson(deps: CoreDeps, personId: string): void {
  const { store } = deps;
  const person = store.people.get(personId);
  if (!person) return;
  store.transaction(() => {
    const groups = store.memberships.listByPerson(person.id).map((m) => m.group.id);
    for (const c of store.cases.listByAuthor(person.id)) {
      store.outbox.deleteByIdPrefix(`case-submitted:${c.id}:`);
      store.outbox.deleteByIdPrefix(`case-withdrawn:${c.id}:`);
      // A session guide's message names its client: edits still queued go (the guide goes with the case).
      store.outbox.deleteByIdPrefix(guideOutboxPrefix(c.id));
    }
    // Her requests to be contacted name her and carry her id: in every group, one she has left included.
    for (const g of store.groups.listAll()) store.outbox.deleteByIdPrefix(`care:${g.id}:${person.id}:`);
    // The facilitators' notices that she could not be reached name her, and carry her id in theirs.
    store.outbox.deleteByIdPrefix(unreachablePrefix(person.id));
    // Takeaways they sent the facilitators for a synthesis go with their notebook.
    for (const n of store.notes.listByAuthor(person.id))
      if (n.sharedAt) store.outbox.deleteByIdPrefix(sharedTakeawayPrefix(n.id));
    store.outbox.deleteByPerson(person.id);
    const cases = store.cases.listByAuthor(person.id);
    const plans = store.plans.listByAuthor(person.id);
    store.outbox.scrub([
      person.userRef,
      person.displayName,
      ...cases.map((c) => c.title),
      ...plans.flatMap((p) => [p.what, p.report?.happened ?? p.what]),
    ]);
    store.notes.deleteByAuthor(person.id);
    store.plans.deleteByAuthor(person.id);
    store.cases.deleteByAuthor(person.id);
    // Posted syntheses belong to their groups and stay; a draft never posted is the person's own writing.
    store.syntheses.deleteDraftsByAuthor(person.id);
    store.optOuts.deleteByPerson(person.id);
    for (const g of groups) store.memberships.remove(g, person.id);
    store.people.delete(person.id);
    // Digests and ballots still queued for others carry her cases and reports: written again without them,
    // as when a case is withdrawn (a queued row is not scrubbed: it has yet to leave).
    const now = deps.clock.now();
    // Her groups, and those she has left where her cases and plans stayed.
    const touched = new Set([...groups, ...cases.map((c) => c.groupId), ...plans.map((p) => p.groupId)]);
    for (const groupId of touched) {
      const group = store.groups.get(groupId);
      if (!group) continue;
      for (const session of store.sessions.listUpcoming(groupId, now))
        refreshPendingDigests(deps, group, session);
    }
    for (const c of cases) refreshPendingBallots(deps, c);
  });
  store.checkpoint();
  store.requestWipe(deps.clock.now());
  deps.logger.info({}, 'a person was forgotten');
}
