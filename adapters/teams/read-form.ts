import { z } from 'zod';
import type { Form, FormField, FormValues } from '../../src/core/contract/form.js';
import type { Block } from '../../src/core/contract/message.js';
import { INPUT_PREFIX, VERB } from './payloads.js';

/**
 * A submitted dialog carries its form's skeleton (ids, kinds, labels, options; never the initial values,
 * which may be long and private), so that field errors can re-render it without server-side state.
 * The skeleton comes back from the client like any payload: it is parsed, and it only ever shapes what
 * the person who submitted it sees. The sealed `state` is what the core trusts, and it checks it again.
 */
const INTRO_MAX_CHARS = 6_000;
const INTRO_MAX_BLOCKS = 40;

const text = z.string().max(4_000);
const option = z.object({ value: z.string().max(200), label: text });
const base = { id: z.string().min(1).max(64), label: text, hint: text.optional(), required: z.boolean() };

const fieldSchema = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('text'),
    maxLength: z.number().int().positive(),
    placeholder: text.optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('multiline'),
    maxLength: z.number().int().positive(),
    placeholder: text.optional(),
  }),
  z.object({ ...base, kind: z.literal('select'), options: z.array(option).max(200) }),
  z.object({ ...base, kind: z.literal('multiselect'), options: z.array(option).max(200) }),
  z.object({ ...base, kind: z.literal('checkbox'), optionLabel: text }),
  z.object({ ...base, kind: z.literal('date') }),
  z.object({ ...base, kind: z.literal('time') }),
]);

const blockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text }),
  z.object({ type: z.literal('text'), text }),
  z.object({ type: z.literal('context'), text }),
  z.object({ type: z.literal('divider') }),
]);

const skeletonSchema = z.object({
  id: z.string().min(1).max(64),
  title: text,
  submitLabel: text,
  closeLabel: text.optional(),
  intro: z.array(blockSchema).max(INTRO_MAX_BLOCKS).optional(),
  fields: z.array(fieldSchema).max(40),
});

export type FormSkeleton = z.infer<typeof skeletonSchema>;

const submissionSchema = z
  .object({
    verb: z.literal(VERB.form),
    formId: z.string().min(1).max(64),
    state: z.string().min(1).max(4_000),
    form: skeletonSchema,
  })
  .loose();

export type DialogSubmission = { formId: string; state: string; values: FormValues; form: Form };

/** The form as carried in the submit button: no initial values; the intro only when it is short. */
export function skeletonOf(form: Form): FormSkeleton {
  const fields = form.fields.map(({ initial: _initial, ...rest }: FormField) => rest);
  const intro = (form.intro ?? []).filter(isPlainBlock);
  // Kept when it is short enough to travel, and always in a shape the reader below accepts back (a
  // skeleton it refused would lose the whole submission).
  const keepIntro =
    intro.length > 0 &&
    JSON.stringify(intro).length <= INTRO_MAX_CHARS &&
    skeletonSchema.shape.intro.safeParse(intro).success;
  return {
    id: form.id,
    title: form.title,
    submitLabel: form.submitLabel,
    ...(form.closeLabel ? { closeLabel: form.closeLabel } : {}),
    ...(keepIntro ? { intro } : {}),
    fields,
  };
}

type PlainBlock = Extract<Block, { type: 'heading' | 'text' | 'context' | 'divider' }>;
const isPlainBlock = (b: Block): b is PlainBlock =>
  b.type === 'heading' || b.type === 'text' || b.type === 'context' || b.type === 'divider';

/** Reads a dialog's submission (`task/submit` or `composeExtension/submitAction` data); null if malformed. */
export function readDialogSubmission(data: unknown): DialogSubmission | null {
  const parsed = submissionSchema.safeParse(data);
  if (!parsed.success) return null;
  const { formId, state, form } = parsed.data;
  const raw = parsed.data as Record<string, unknown>;
  const values: FormValues = {};
  for (const field of form.fields) {
    const input = raw[`${INPUT_PREFIX}${field.id}`];
    const value = typeof input === 'string' ? input : typeof input === 'boolean' ? String(input) : '';
    switch (field.kind) {
      case 'multiselect':
        values[field.id] = value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);
        break;
      case 'checkbox':
        values[field.id] = value === 'true' ? 'true' : '';
        break;
      default:
        values[field.id] = value;
    }
  }
  return { formId, state, values, form: { ...form, state } };
}
