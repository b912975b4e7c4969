import { z } from 'zod';
import type { FormField, FormValues } from '../contract/form.js';
import {
  type CaseChoiceSettings,
  DEFAULT_CASE_CHOICE,
  MAX_CASES_PER_SESSION,
  MIN_CASES_PER_SESSION,
} from '../domain/group.js';
import { parseLocal } from '../domain/times.js';
import { textValue } from '../kernel/form-validation.js';
import type { Request } from '../kernel/request.js';

/**
 * The set-up form's fields for choosing cases (issue 19), kept together: cases per session, whether the
 * group votes when more are proposed, and when the rotation's cycle began.
 */
export function caseChoiceFields(
  req: Request,
  current: CaseChoiceSettings = DEFAULT_CASE_CHOICE,
): FormField[] {
  const { t } = req;
  const counts = Array.from(
    { length: MAX_CASES_PER_SESSION - MIN_CASES_PER_SESSION + 1 },
    (_, i) => MIN_CASES_PER_SESSION + i,
  );
  return [
    {
      id: 'casesPerSession',
      kind: 'select',
      label: t('setup.casesPerSession'),
      hint: t('setup.casesPerSessionHint'),
      required: true,
      options: counts.map((n) => ({ value: String(n), label: String(n) })),
      initial: String(current.casesPerSession),
    },
    {
      id: 'voteWhenMore',
      kind: 'checkbox',
      label: t('setup.voteWhenMore'),
      optionLabel: t('setup.voteWhenMoreOption'),
      required: false,
      initial: current.voteWhenMore,
    },
    {
      id: 'cycleStart',
      kind: 'date',
      label: t('setup.cycleStart'),
      hint: t('setup.cycleStartHint'),
      required: false,
      ...(current.cycleStartsOn ? { initial: current.cycleStartsOn } : {}),
    },
  ];
}

/** The schema of those fields' values, for the set-up form's validation. */
export const caseChoiceSchema = (req: Request) => ({
  casesPerSession: z.coerce.number().int().min(MIN_CASES_PER_SESSION).max(MAX_CASES_PER_SESSION),
  voteWhenMore: z.string().transform((v) => v === 'true'),
  cycleStart: z
    .string()
    .trim()
    .refine((d) => d === '' || (/^\d{4}-\d{2}-\d{2}$/.test(d) && parseLocal(d, '00:00', 'UTC') !== null), {
      message: req.t('form.badDate'),
    })
    .transform((d) => d || null),
});

/** Those fields' raw values, as submitted (an absent checkbox is unticked). */
export const caseChoiceValues = (values: FormValues) => ({
  casesPerSession: textValue(values, 'casesPerSession'),
  voteWhenMore: textValue(values, 'voteWhenMore'),
  cycleStart: textValue(values, 'cycleStart'),
});

export const toCaseChoice = (v: {
  casesPerSession: number;
  voteWhenMore: boolean;
  cycleStart: string | null;
}): CaseChoiceSettings => ({
  casesPerSession: v.casesPerSession,
  voteWhenMore: v.voteWhenMore,
  cycleStartsOn: v.cycleStart,
});
