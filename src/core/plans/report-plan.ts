import { z } from 'zod';
import type { FormValues } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import { message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import {
  type ActionPlan,
  PLAN_TEXT_MAX,
  REPORT_OUTCOMES,
  REPORT_SHARES,
  reportContentSchema,
} from '../domain/plan.js';
import { openState, sealState } from '../kernel/form-state.js';
import { textValue, validateForm } from '../kernel/form-validation.js';
import { failureFormReply, failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';

const stateSchema = z.object({ planId: z.string() });

/** A plan of mine (anything else is told it does not exist). */
export function ownPlan(req: Request, planId: string): ActionPlan | undefined {
  if (!req.stored) return undefined;
  const plan = req.deps.store.plans.get(planId);
  return plan && plan.authorId === req.person.id ? plan : undefined;
}

/** "Tell how it went": the report form (once per plan). */
export function openReportForm(req: Request, planId: string): Reply {
  const plan = ownPlan(req, planId);
  if (!plan) return failureReply(req, 'PLAN.NOT_FOUND');
  if (plan.report) return failureReply(req, 'PLAN.ALREADY_REPORTED');
  const { t, deps } = req;
  const c = deps.store.cases.get(plan.caseId);
  return {
    kind: 'form',
    form: {
      id: FORM.planReport,
      title: t('report.formTitle'),
      submitLabel: t('report.save'),
      closeLabel: t('form.cancel'),
      intro: [
        ...(c ? [{ type: 'heading' as const, text: c.title }] : []),
        text(t('followUp.yourPlan', { what: plan.what })),
      ],
      state: sealState(req, { planId: plan.id }),
      fields: [
        {
          id: 'outcome',
          kind: 'select',
          label: t('report.outcome'),
          required: true,
          options: REPORT_OUTCOMES.map((o) => ({ value: o, label: t(`report.outcome.${o}`) })),
        },
        {
          id: 'happened',
          kind: 'multiline',
          label: t('report.happened'),
          required: true,
          maxLength: PLAN_TEXT_MAX,
        },
        {
          id: 'learned',
          kind: 'multiline',
          label: t('report.learned'),
          required: false,
          maxLength: PLAN_TEXT_MAX,
        },
        {
          id: 'share',
          kind: 'select',
          label: t('report.share'),
          hint: t('report.shareHint'),
          required: true,
          options: REPORT_SHARES.map((s) => ({ value: s, label: t(`report.share.${s}`) })),
          initial: 'no',
        },
      ],
    },
  };
}

/** The report, submitted: kept with the plan; the next session's digest carries what the author allowed. */
export function submitReport(req: Request, sealed: string, values: FormValues): Reply {
  const state = openState(req, stateSchema, sealed);
  if (!state) return failureFormReply(req, 'FORM.EXPIRED');
  const plan = ownPlan(req, state.planId);
  if (!plan) return failureFormReply(req, 'PLAN.NOT_FOUND');
  const parsed = validateForm(req, reportContentSchema, {
    outcome: textValue(values, 'outcome') || undefined,
    happened: textValue(values, 'happened'),
    learned: textValue(values, 'learned'),
    share: textValue(values, 'share') || undefined,
  });
  if (!parsed.ok) return { kind: 'form.errors', errors: parsed.errors };
  const { store, clock, logger } = req.deps;
  const saved = store.transaction(() => {
    const current = store.plans.get(plan.id);
    if (!current || current.report) return false;
    store.plans.update({
      ...current,
      report: { ...parsed.value, reportedAt: clock.now(), digestedFor: null },
      updatedAt: clock.now(),
    });
    return true;
  });
  if (!saved) return failureFormReply(req, 'PLAN.ALREADY_REPORTED');
  logger.info({ planId: plan.id, share: parsed.value.share }, 'action plan report saved');
  const { t } = req;
  return {
    kind: 'form.done',
    message: message(
      t('report.saved'),
      text(t('report.saved')),
      text(t(`report.saved.${parsed.value.share}`)),
    ),
  };
}
