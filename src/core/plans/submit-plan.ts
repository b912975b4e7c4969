import { DateTime } from 'luxon';
import { z } from 'zod';
import type { FormValues } from '../contract/form.js';
import { message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { type ActionPlan, FOLLOW_UP_STATES, planContentSchema } from '../domain/plan.js';
import { formatDate } from '../i18n/format.js';
import { openState } from '../kernel/form-state.js';
import { textValue, validateForm } from '../kernel/form-validation.js';
import { failureFormReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { caseForPlan, planStateSchema } from './open-plan-form.js';
import { followUpDueAt, planDateBounds } from './rules.js';

/** The plan form, submitted: the plan of the case is written, or replaced (its report, if any, stays). */
export function submitPlan(req: Request, sealed: string, values: FormValues): Reply {
  const state = openState(req, planStateSchema, sealed);
  if (!state) return failureFormReply(req, 'FORM.EXPIRED');
  const found = caseForPlan(req, state.caseId);
  if (!found.ok) return failureFormReply(req, found);
  const { c, group } = found.value;
  const { t, deps } = req;
  const now = deps.clock.now();
  const bounds = planDateBounds(deps, group, now);
  const zone = group.timeZone;
  const shown = (iso: string) => formatDate(DateTime.fromISO(iso, { zone }).toJSDate(), req.lang, zone);
  // The date the plan already has is kept as it is (a plan edited after its follow-up, or its report):
  // only a new date must fall within the bounds.
  const kept = deps.store.plans.getByCase(c.id)?.followUpOn;
  const schema = planContentSchema.extend({
    followUpOn: z
      .string()
      .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && DateTime.fromISO(d, { zone }).isValid, {
        message: t('plan.dateInvalid'),
        abort: true,
      })
      .refine((d) => d === kept || d >= bounds.min, { message: t('plan.dateInPast'), abort: true })
      .refine((d) => d === kept || d <= bounds.max, {
        message: t('plan.dateTooLate', { max: shown(bounds.max) }),
      }),
    followUp: z.enum(FOLLOW_UP_STATES),
  });
  const parsed = validateForm(req, schema, {
    what: textValue(values, 'what'),
    withWhom: textValue(values, 'withWhom'),
    support: textValue(values, 'support'),
    visibility: textValue(values, 'visibility') || undefined,
    followUpOn: textValue(values, 'followUpOn'),
    followUp: textValue(values, 'followUp') || undefined,
  });
  if (!parsed.ok) return { kind: 'form.errors', errors: parsed.errors };
  const { store } = deps;
  const saved = store.transaction((): ActionPlan | null => {
    const existing = store.plans.getByCase(c.id);
    // A plan form opened twice for the same case: the later submission edits the plan the earlier wrote.
    if (existing) {
      const plan = { ...existing, ...parsed.value, updatedAt: now };
      store.plans.update(plan);
      return plan;
    }
    const plan: ActionPlan = {
      ...parsed.value,
      id: state.newId,
      caseId: c.id,
      authorId: req.person.id,
      groupId: group.id,
      report: null,
      createdAt: now,
      updatedAt: now,
    };
    if (store.plans.get(plan.id)) return null;
    store.plans.insert(plan);
    return plan;
  });
  if (!saved) return failureFormReply(req, 'FORM.EXPIRED');
  deps.logger.info({ planId: saved.id, caseId: c.id }, 'action plan saved');
  const lines = [t('plan.saved', { title: c.title })];
  if (saved.report) lines.push(t('plan.savedReported'));
  // Its follow-up already went (or goes at once): promise nothing on a date that has passed.
  else if (saved.followUp === 'active' && followUpDueAt(saved, zone) <= now)
    lines.push(t('plan.followUpPassed', { date: shown(saved.followUpOn) }));
  else lines.push(t(`plan.savedFollowUp.${saved.followUp}`, { date: shown(saved.followUpOn) }));
  lines.push(t(`plan.savedVisibility.${saved.visibility}`));
  return { kind: 'form.done', message: message(lines[0]!, ...lines.map((l) => text(l))) };
}
