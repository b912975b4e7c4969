import { z } from 'zod';
import type { Form, FormField } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import type { Reply } from '../contract/reply.js';
import {
  CASE_KINDS,
  CASE_URGENCIES,
  CASE_VISIBILITIES,
  type Case,
  LONG_TEXT_MAX,
  TITLE_MAX,
} from '../domain/case.js';
import { groupOfRequest, groupsOf } from '../kernel/access.js';
import { sealState } from '../kernel/form-state.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { caseEditable } from './rules.js';

export const caseStateSchema = z.object({
  groupId: z.string().optional(),
  sessionId: z.string().optional(),
  caseId: z.string().optional(),
  /** The id the new case will take: the same form sent twice stores one case. */
  newId: z.string().optional(),
});

/** `/cairn case [title]` or a reminder's "Submit a case": the co-development case form. */
export function openCaseForm(
  req: Request,
  opts: { title?: string; sessionId?: string; situation?: string } = {},
): Reply {
  let groupId: string | undefined;
  let sessionId = opts.sessionId;
  if (sessionId) {
    const session = req.deps.store.sessions.get(sessionId);
    const found = session ? groupOfRequest(req, session.groupId) : undefined;
    if (!session || !found?.ok) return failureReply(req, 'SESSION.NOT_FOUND');
    groupId = session.groupId;
  } else {
    const found = groupOfRequest(req);
    if (found.ok) groupId = found.value.group.id;
    else if (found.code !== 'GROUP.CHOOSE') return failureReply(req, found);
  }
  if (sessionId && req.deps.store.sessions.get(sessionId)!.startsAt <= req.deps.clock.now())
    sessionId = undefined;
  const fields = caseFields(req, {
    title: opts.title?.slice(0, TITLE_MAX),
    situation: opts.situation?.slice(0, LONG_TEXT_MAX),
  });
  if (!groupId) {
    fields.unshift({
      id: 'group',
      kind: 'select',
      label: req.t('case.group'),
      required: true,
      options: groupsOf(req).map((g) => ({ value: g.group.id, label: g.group.name })),
    });
  }
  const form: Form = {
    id: FORM.case,
    title: req.t('case.formTitle'),
    submitLabel: req.t('case.submit'),
    closeLabel: req.t('form.cancel'),
    intro: [{ type: 'text', text: req.t('case.formIntro') }],
    state: sealState(req, { groupId, sessionId, newId: req.deps.ids.newId() }),
    fields,
  };
  return { kind: 'form', form };
}

/** The same form, filled with a case its author may still change. */
export function openCaseEditForm(req: Request, caseId: string): Reply {
  const c = req.deps.store.cases.get(caseId);
  if (!c || !req.stored || c.authorId !== req.person.id) return failureReply(req, 'CASE.NOT_FOUND');
  if (!caseEditable(req.deps, c)) return failureReply(req, 'CASE.LOCKED');
  const form: Form = {
    id: FORM.case,
    title: req.t('case.editTitle'),
    submitLabel: req.t('case.save'),
    closeLabel: req.t('form.cancel'),
    state: sealState(req, { groupId: c.groupId, caseId: c.id }),
    fields: caseFields(req, c),
  };
  return { kind: 'form', form };
}

function caseFields(req: Request, initial: Partial<Case>): FormField[] {
  const { t } = req;
  const long = (id: 'situation' | 'stakes' | 'tried' | 'expectations'): FormField => ({
    id,
    kind: 'multiline',
    label: t(`case.${id}`),
    hint: t(`case.${id}Hint`),
    required: true,
    maxLength: LONG_TEXT_MAX,
    initial: initial[id],
  });
  return [
    {
      id: 'title',
      kind: 'text',
      label: t('case.title'),
      hint: t('case.titleHint'),
      placeholder: t('case.titlePlaceholder'),
      required: true,
      maxLength: TITLE_MAX,
      initial: initial.title,
    },
    {
      id: 'kind',
      kind: 'select',
      label: t('case.kind'),
      required: true,
      options: CASE_KINDS.map((k) => ({ value: k, label: t(`case.kind.${k}`) })),
      initial: initial.kind,
    },
    long('situation'),
    long('stakes'),
    long('tried'),
    long('expectations'),
    {
      id: 'urgency',
      kind: 'select',
      label: t('case.urgency'),
      required: true,
      options: CASE_URGENCIES.map((u) => ({ value: u, label: t(`case.urgency.${u}`) })),
      initial: initial.urgency ?? 'medium',
    },
    {
      id: 'visibility',
      kind: 'select',
      label: t('case.visibility'),
      hint: t('case.visibilityHint'),
      required: true,
      options: CASE_VISIBILITIES.map((v) => ({ value: v, label: t(`case.visibility.${v}`) })),
      initial: initial.visibility ?? 'facilitator',
    },
    {
      id: 'charter',
      kind: 'checkbox',
      label: t('case.charter'),
      optionLabel: t('case.charterOption'),
      required: true,
      initial: initial.id !== undefined,
    },
  ];
}
