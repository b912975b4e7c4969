import { z } from 'zod';
import type { FormField, FormValues } from '../contract/form.js';
import {
  DEFAULT_GUIDE_MINUTES,
  GUIDE_MINUTES_MAX,
  GUIDE_STEPS,
  type GuideMinutes,
  type GuideStep,
} from '../domain/guide.js';
import { textValue, validateForm } from '../kernel/form-validation.js';
import type { Request } from '../kernel/request.js';

/** Minutes offered for a step (plus the group's current value). */
const MINUTE_CHOICES = [3, 5, 10, 15, 20, 25, 30, 35, 40, 45, 60, 90];

/** The set-up form's field id for a step's minutes. */
export const guideFieldId = (step: GuideStep): string => `guide${step[0]!.toUpperCase()}${step.slice(1)}`;

/**
 * The session guide's six durations in the set-up form, kept together (other settings share the form):
 * one list per step, the group's current minutes chosen.
 */
export function guideSetupFields(req: Request, current: GuideMinutes | undefined): FormField[] {
  const { t } = req;
  return GUIDE_STEPS.map((step, i) => {
    const minutes = current?.[i] ?? DEFAULT_GUIDE_MINUTES[i]!;
    const choices = [...new Set([...MINUTE_CHOICES, minutes])].sort((a, b) => a - b);
    return {
      id: guideFieldId(step),
      kind: 'select',
      label: t('guide.setup.label', { step: t(`guide.step.${step}`) }),
      ...(i === 0 ? { hint: t('guide.setup.hint') } : {}),
      required: true,
      options: choices.map((m) => ({ value: String(m), label: t('guide.minutes', { minutes: m }) })),
      initial: String(minutes),
    } satisfies FormField;
  });
}

/**
 * The six durations as submitted. A field the form did not carry (a form opened before Cairn learned them)
 * keeps the group's current value.
 */
export function readGuideMinutes(
  req: Request,
  values: FormValues,
  current: GuideMinutes | undefined,
): { ok: true; value: GuideMinutes } | { ok: false; errors: Record<string, string> } {
  const minute = z.coerce.number().int().min(1).max(GUIDE_MINUTES_MAX);
  const schema = z.object(Object.fromEntries(GUIDE_STEPS.map((s) => [guideFieldId(s), minute])));
  const input = Object.fromEntries(
    GUIDE_STEPS.map((s, i) => [
      guideFieldId(s),
      textValue(values, guideFieldId(s)) || String(current?.[i] ?? DEFAULT_GUIDE_MINUTES[i]),
    ]),
  );
  const parsed = validateForm(req, schema, input);
  if (!parsed.ok) return parsed;
  return { ok: true, value: GUIDE_STEPS.map((s) => Number(parsed.value[guideFieldId(s)])) };
}
