import { z } from 'zod';
import type { FormValues } from '../contract/form.js';
import { ACTION } from '../contract/ids.js';
import { actions, context, type Message, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { type Case, type CaseContent, caseContentSchema } from '../domain/case.js';
import type { Group } from '../domain/group.js';
import { type Translate, translator } from '../i18n/catalogue.js';
import { formatDateTime } from '../i18n/format.js';
import { groupOfRequest } from '../kernel/access.js';
import { openState } from '../kernel/form-state.js';
import { textValue, validateForm } from '../kernel/form-validation.js';
import { failureFormReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { ensureStored, languageFor } from '../kernel/request.js';
import { tellFacilitators } from '../kernel/tell-facilitators.js';
import { caseBlocks } from './case-blocks.js';
import { caseStateSchema } from './open-case-form.js';
import { refreshQueuedAbout } from './refresh-queued.js';
import { caseEditable } from './rules.js';

/** The case form, submitted: a new case goes to the group's facilitators; an edit replaces the text. */
export function submitCase(req: Request, sealed: string, values: FormValues): Reply {
  const state = openState(req, caseStateSchema, sealed);
  if (!state) return failureFormReply(req, 'FORM.EXPIRED');
  const groupId = state.groupId ?? textValue(values, 'group');
  const access = groupOfRequest(req, groupId);
  if (!access.ok) {
    return state.groupId
      ? failureFormReply(req, access)
      : { kind: 'form.errors', errors: { group: req.t('form.invalidChoice') } };
  }
  const parsed = validateForm(req, caseContentSchema.extend({ charter: caseCharterSchema(req) }), {
    title: textValue(values, 'title'),
    kind: textValue(values, 'kind') || undefined,
    situation: textValue(values, 'situation'),
    stakes: textValue(values, 'stakes'),
    tried: textValue(values, 'tried'),
    expectations: textValue(values, 'expectations'),
    urgency: textValue(values, 'urgency') || undefined,
    visibility: textValue(values, 'visibility') || undefined,
    charter: textValue(values, 'charter'),
  });
  if (!parsed.ok) return { kind: 'form.errors', errors: parsed.errors };
  const { charter: _charter, ...content } = parsed.value;
  const group = access.value.group;
  return state.caseId
    ? saveEdit(req, state.caseId, group, content)
    : create(req, group, content, state.sessionId, state.newId);
}

/** A checkbox arrives as 'true' when ticked; anything else means the charter was not confirmed. */
const caseCharterSchema = (req: Request) =>
  z.string().refine((v) => v === 'true', { message: req.t('case.charterRequired') });

function create(
  req: Request,
  group: Group,
  content: CaseContent,
  wantedSession?: string,
  newId?: string,
): Reply {
  const { store, clock, ids } = req.deps;
  const now = clock.now();
  const upcoming = store.sessions.listUpcoming(group.id, now);
  const session = upcoming.find((s) => s.id === wantedSession) ?? upcoming[0];
  const c: Case = {
    ...content,
    id: newId ?? ids.newId(),
    groupId: group.id,
    sessionId: session?.id ?? null,
    authorId: '',
    status: 'submitted',
    createdAt: now,
    updatedAt: now,
    clientRequest: null,
  };
  const stored = store.transaction(() => {
    // This form was already sent (a double tap, a replayed request): nothing more is stored.
    if (store.cases.get(c.id)) return false;
    const author = ensureStored(req);
    c.authorId = author.id;
    store.cases.insert(c);
    tellFacilitators(
      req.deps,
      group.id,
      (ft, facilitator) => ({
        id: `case-submitted:${c.id}:${facilitator.id}`,
        message: submittedNotice(ft, c, author.displayName),
      }),
      { except: author.id },
    );
    return true;
  });
  if (!stored) return failureFormReply(req, 'FORM.EXPIRED');
  req.deps.logger.info({ caseId: c.id, groupId: group.id }, 'case submitted');
  const { t } = req;
  const when = session ? formatDateTime(session.startsAt, req.lang, group.timeZone) : null;
  return {
    kind: 'form.done',
    message: message(
      t('case.submitted', { title: c.title }),
      text(t('case.submitted', { title: c.title })),
      context(when ? t('case.forSession', { when }) : t('case.noSessionYet')),
      actions({ action: ACTION.casesList, label: t('case.myCases'), value: group.id }),
    ),
  };
}

function saveEdit(req: Request, caseId: string, group: Group, content: CaseContent): Reply {
  const { store, clock } = req.deps;
  const c = store.cases.get(caseId);
  if (!c || c.groupId !== group.id || !req.stored || c.authorId !== req.person.id) {
    return failureFormReply(req, 'CASE.NOT_FOUND');
  }
  if (!caseEditable(req.deps, c)) return failureFormReply(req, 'CASE.LOCKED');
  store.transaction(() => {
    const updated = { ...c, ...content, updatedAt: clock.now() };
    store.cases.update(updated);
    // Messages not yet sent carry the case as it is now: the facilitators' notice, and the digests and
    // ballots (without it, if made "facilitator only").
    for (const { person, role } of store.memberships.listByGroup(group.id)) {
      if (role !== 'facilitator') continue;
      const ft = translator(languageFor(req.deps, person));
      store.outbox.replacePending(
        `case-submitted:${c.id}:${person.id}`,
        submittedNotice(ft, updated, req.person.displayName),
      );
    }
    refreshQueuedAbout(req.deps, updated);
  });
  return { kind: 'form.done', message: message(req.t('case.updated', { title: content.title })) };
}

/** What each facilitator receives about a new case: the case in full, with its author's name. */
function submittedNotice(ft: Translate, c: Case, authorName: string): Message {
  const fallback = ft('case.newForFacilitator', { author: authorName, title: c.title });
  return message(fallback, text(fallback), ...caseBlocks(ft, c, authorName));
}
