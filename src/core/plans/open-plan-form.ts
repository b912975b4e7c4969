import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Form } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import type { Reply } from '../contract/reply.js';
import type { Case } from '../domain/case.js';
import type { Group } from '../domain/group.js';
import { FOLLOW_UP_STATES, PLAN_SHORT_MAX, PLAN_TEXT_MAX, PLAN_VISIBILITIES } from '../domain/plan.js';
import { formatDate } from '../i18n/format.js';
import { groupOfRequest } from '../kernel/access.js';
import { sealState } from '../kernel/form-state.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { planDateBounds, presentedCases } from './rules.js';

export const planStateSchema = z.object({ caseId: z.string(), newId: z.string() });

/** `/cairn plan`: the plan of my most recent presented case, to write or edit. */
export function planCommand(req: Request): Reply {
  const latest = req.stored ? presentedCases(req.deps, req.person.id)[0] : undefined;
  if (!latest) return failureReply(req, 'PLAN.NO_CASE');
  return openPlanForm(req, latest.id);
}

/** A case of mine, not withdrawn, in a group I am still in: the one a plan may be written for. */
export function caseForPlan(req: Request, caseId: string): Result<{ c: Case; group: Group }> {
  const c = req.deps.store.cases.get(caseId);
  // Someone else's case, or no case at all: the same answer, which says nothing about the case.
  if (!c || !req.stored || c.authorId !== req.person.id) return fail('PLAN.NOT_YOUR_CASE');
  if (c.status === 'withdrawn') return fail('CASE.NOT_FOUND');
  const access = groupOfRequest(req, c.groupId);
  return access.ok ? ok({ c, group: access.value.group }) : access;
}

/** "Write my action plan" (the case's id), or `/cairn plan`: the form, filled when a plan exists. */
export function openPlanForm(req: Request, caseId: string): Reply {
  const found = caseForPlan(req, caseId);
  if (!found.ok) return failureReply(req, found);
  const { c, group } = found.value;
  const { t, deps } = req;
  const plan = deps.store.plans.getByCase(c.id);
  const bounds = planDateBounds(deps, group, deps.clock.now());
  const shown = (iso: string) =>
    formatDate(DateTime.fromISO(iso, { zone: group.timeZone }).toJSDate(), req.lang, group.timeZone);
  const form: Form = {
    id: FORM.plan,
    title: plan ? t('plan.editTitle') : t('plan.formTitle'),
    submitLabel: t('plan.save'),
    closeLabel: t('form.cancel'),
    intro: [
      { type: 'heading', text: c.title },
      { type: 'text', text: t('plan.formIntro') },
    ],
    state: sealState(req, { caseId: c.id, newId: plan?.id ?? deps.ids.newId() }),
    fields: [
      {
        id: 'what',
        kind: 'multiline',
        label: t('plan.what'),
        hint: t('plan.whatHint'),
        required: true,
        maxLength: PLAN_TEXT_MAX,
        initial: plan?.what,
      },
      {
        id: 'withWhom',
        kind: 'text',
        label: t('plan.withWhom'),
        hint: t('plan.withWhomHint'),
        required: false,
        maxLength: PLAN_SHORT_MAX,
        initial: plan?.withWhom || undefined,
      },
      {
        id: 'followUpOn',
        kind: 'date',
        label: t('plan.byWhen'),
        hint: t('plan.byWhenHint', { max: shown(bounds.max) }),
        required: true,
        initial: plan?.followUpOn ?? bounds.initial,
      },
      {
        id: 'support',
        kind: 'multiline',
        label: t('plan.support'),
        hint: t('plan.supportHint'),
        required: false,
        maxLength: PLAN_TEXT_MAX,
        initial: plan?.support || undefined,
      },
      {
        id: 'visibility',
        kind: 'select',
        label: t('plan.visibility'),
        required: true,
        options: PLAN_VISIBILITIES.map((v) => ({ value: v, label: t(`plan.visibility.${v}`) })),
        initial: plan?.visibility ?? 'me',
      },
      {
        id: 'followUp',
        kind: 'select',
        label: t('plan.followUp'),
        required: true,
        options: FOLLOW_UP_STATES.map((s) => ({ value: s, label: t(`plan.followUp.${s}`) })),
        initial: plan?.followUp ?? 'active',
      },
    ],
  };
  return { kind: 'form', form };
}
