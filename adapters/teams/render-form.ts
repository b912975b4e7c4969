import type { Form, FormField } from '../../src/core/contract/form.js';
import type { Message } from '../../src/core/contract/message.js';
import { escapeMarkdown, plainText } from './escape.js';
import { INPUT_PREFIX, VERB } from './payloads.js';
import { skeletonOf } from './read-form.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  attachmentOf,
  type CardAttachment,
  type CardElement,
  renderBlocks,
  renderCard,
} from './render-message.js';
import type { TeamsStrings } from './strings.js';

/** A dialog (task module) as Teams expects it in a `task/fetch` or `task/submit` answer. */
export type DialogInfo = { title: string; width: 'small' | 'medium' | 'large'; card: CardAttachment };

export type DialogValues = Record<string, string | string[] | undefined>;

/**
 * A neutral form as an Adaptive Card dialog. `errors` (field id -> text) are shown under their fields and
 * `values` (what the person submitted) replace the initial values, so nothing typed is lost.
 */
export function renderFormDialog(
  form: Form,
  strings: TeamsStrings,
  options: { errors?: Record<string, string>; values?: DialogValues } = {},
): DialogInfo {
  const body: CardElement[] = [...renderBlocks(form.intro ?? [], 'dialog')];
  for (const field of form.fields) {
    const value = options.values ? options.values[field.id] : initialOf(field);
    body.push(inputOf(field, value, strings));
    if (field.hint)
      body.push({
        type: 'TextBlock',
        text: escapeMarkdown(field.hint),
        wrap: true,
        size: 'Small',
        isSubtle: true,
        spacing: 'None',
      });
    const error = options.errors?.[field.id];
    if (error) {
      body.push({
        type: 'TextBlock',
        text: escapeMarkdown(error),
        wrap: true,
        color: 'Attention',
        spacing: 'None',
      });
    }
  }
  // Errors for ids that are not fields (a form-level problem) go at the end, above the buttons.
  for (const [id, error] of Object.entries(options.errors ?? {})) {
    if (!form.fields.some((f) => f.id === id))
      body.push({ type: 'TextBlock', text: escapeMarkdown(error), wrap: true, color: 'Attention' });
  }
  const actions: CardElement[] = [
    {
      type: 'Action.Submit',
      title: plainText(form.submitLabel),
      style: 'positive',
      data: { verb: VERB.form, formId: form.id, state: form.state, form: skeletonOf(form) },
    },
  ];
  if (form.closeLabel) {
    actions.push({
      type: 'Action.Submit',
      title: plainText(form.closeLabel),
      associatedInputs: 'none',
      data: { verb: VERB.cancel },
    });
  }
  const card: AdaptiveCard = { ...adaptiveCard(body, form.title), actions };
  return { title: plainText(form.title).slice(0, 80), width: 'medium', card: attachmentOf(card) };
}

/** A message shown inside a dialog (the answer to a button, or what replaces a submitted form). */
export function renderMessageDialog(message: Message, strings: TeamsStrings): DialogInfo {
  return { title: strings.dialogTitle, width: 'medium', card: attachmentOf(renderCard(message, 'dialog')) };
}

/** The card sent in a chat when a typed command opens a form: one button that opens the dialog. */
export function renderOpenFormCard(form: Form, token: string): AdaptiveCard {
  const title = plainText(form.title);
  return adaptiveCard(
    [
      { type: 'TextBlock', text: escapeMarkdown(form.title), wrap: true, size: 'Medium', weight: 'Bolder' },
      {
        type: 'ActionSet',
        actions: [
          {
            type: 'Action.Submit',
            title,
            style: 'positive',
            data: { verb: VERB.open, token, msteams: { type: 'task/fetch' } },
          },
        ],
      },
    ],
    form.title,
  );
}

function initialOf(field: FormField): string | string[] | undefined {
  if (field.kind === 'checkbox') return field.initial ? 'true' : '';
  return field.initial;
}

function inputOf(field: FormField, value: string | string[] | undefined, strings: TeamsStrings): CardElement {
  const base = {
    id: `${INPUT_PREFIX}${field.id}`,
    label: plainText(field.label),
    isRequired: field.required,
    ...(field.required ? { errorMessage: strings.required } : {}),
  };
  const single = typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? '') : undefined;
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return {
        type: 'Input.Text',
        ...base,
        isMultiline: field.kind === 'multiline',
        maxLength: field.maxLength,
        ...(field.placeholder ? { placeholder: plainText(field.placeholder) } : {}),
        ...(single !== undefined ? { value: single } : {}),
      };
    case 'select':
    case 'multiselect': {
      const multi = field.kind === 'multiselect';
      const selected = Array.isArray(value) ? value.join(',') : single;
      return {
        type: 'Input.ChoiceSet',
        ...base,
        style: 'compact',
        isMultiSelect: multi,
        choices: field.options.map((o) => ({ title: plainText(o.label), value: o.value })),
        ...(selected ? { value: selected } : {}),
      };
    }
    case 'checkbox':
      return {
        type: 'Input.Toggle',
        ...base,
        title: plainText(field.optionLabel),
        valueOn: 'true',
        valueOff: 'false',
        value: single === 'true' ? 'true' : 'false',
      };
    case 'date':
      return { type: 'Input.Date', ...base, ...(single ? { value: single } : {}) };
    case 'time':
      return { type: 'Input.Time', ...base, ...(single ? { value: single } : {}) };
  }
}
