import type { z } from 'zod';
import type { FormValues } from '../contract/form.js';
import type { Request } from './request.js';

export type FieldErrors = Record<string, string>;

/** A single text value of a submitted form ('' when absent or a list). */
export const textValue = (values: FormValues, id: string): string => {
  const v = values[id];
  return typeof v === 'string' ? v : '';
};

export const listValue = (values: FormValues, id: string): string[] => {
  const v = values[id];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' && v !== '' ? [v] : [];
};

/**
 * Validates form values with a zod schema and turns each issue into a translated message under its field.
 * Only the first issue of each field is kept: one clear message per field.
 */
export function validateForm<S extends z.ZodType>(
  req: Request,
  schema: S,
  input: unknown,
): { ok: true; value: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!field || errors[field]) continue;
    errors[field] = issueMessage(req, issue);
  }
  return { ok: false, errors };
}

function issueMessage(req: Request, issue: z.core.$ZodIssue): string {
  const { t } = req;
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'number'
        ? t('form.tooLarge', { max: Number(issue.maximum) })
        : t('form.tooLong', { max: Number(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'number') return t('form.tooSmall', { min: Number(issue.minimum) });
      return Number(issue.minimum) <= 1
        ? t('form.required')
        : t('form.tooShort', { min: Number(issue.minimum) });
    case 'invalid_value':
      return t('form.invalidChoice');
    case 'custom':
      return issue.message;
    default:
      return t('form.invalid');
  }
}
