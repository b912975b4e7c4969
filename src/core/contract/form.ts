import type { Block } from './message.js';

/** The neutral form model. Adapters render it as a Slack modal, a Teams dialog or an HTML dialog. */
export type Option = { value: string; label: string };

type FieldBase = {
  id: string;
  label: string;
  hint?: string;
  required: boolean;
};

export type FormField =
  | (FieldBase & { kind: 'text'; maxLength: number; initial?: string; placeholder?: string })
  | (FieldBase & { kind: 'multiline'; maxLength: number; initial?: string; placeholder?: string })
  | (FieldBase & { kind: 'select'; options: Option[]; initial?: string })
  | (FieldBase & { kind: 'multiselect'; options: Option[]; initial?: string[] })
  | (FieldBase & { kind: 'checkbox'; optionLabel: string; initial?: boolean })
  | (FieldBase & { kind: 'date'; initial?: string /* yyyy-mm-dd */ })
  | (FieldBase & { kind: 'time'; initial?: string /* HH:mm */ });

export type FormKind = FormField['kind'];

export type Form = {
  /** Routes the submission; one of `FormId`. */
  id: string;
  title: string;
  submitLabel: string;
  closeLabel?: string;
  /** Read-only blocks shown above the fields (a preview, an explanation). */
  intro?: Block[];
  fields: FormField[];
  /** Opaque state carried back on submission (ids only); validated again on the way in. */
  state: string;
};

/** Values as submitted: text for single fields, arrays for multiselect, 'true'/'' for checkboxes. */
export type FormValues = Record<string, string | string[] | undefined>;
