import type { FormField } from '../../../src/core/contract/form.js';
import type { FormView } from '../api.js';
import { type Press, renderMessage } from './blocks.js';
import { el, uid } from './dom.js';
import type { ChromeTranslate } from './i18n.js';

export type FormValuesOut = Record<string, string | string[]>;

type Handlers = {
  submit(seq: number, values: FormValuesOut): Promise<unknown>;
  close(): Promise<unknown>;
  press: Press;
  /** Where focus goes when the dialog closes and its opener is gone. */
  fallbackFocus(): HTMLElement | null;
};

type Rendered = {
  field: FormField;
  wrapper: HTMLElement;
  input: HTMLElement;
  error: HTMLElement;
  controls: HTMLInputElement[];
};

/**
 * The neutral form model as a modal dialog (<dialog>, so focus stays inside and Escape closes it). The
 * core validates; its errors are shown under the fields they concern and focus moves to the first one.
 */
export class FormDialog {
  readonly element: HTMLDialogElement;
  private seq = -1;
  private title = '';
  private fields: Rendered[] = [];
  private summary: HTMLElement | null = null;
  private submitButton: HTMLButtonElement | null = null;
  private opener: HTMLElement | null = null;
  private busy = false;
  private t: ChromeTranslate;

  constructor(
    private readonly handlers: Handlers,
    t: ChromeTranslate,
  ) {
    this.t = t;
    this.element = el('dialog', { class: 'form-dialog' });
    this.element.addEventListener('cancel', (event) => {
      event.preventDefault();
      void this.handlers.close();
    });
  }

  get isOpen(): boolean {
    return this.element.open;
  }

  /** Called on every view: opens, replaces, updates errors, or closes. */
  show(view: FormView | null, t: ChromeTranslate, opts: { afterSubmit?: boolean } = {}): void {
    this.t = t;
    if (!view) {
      this.close();
      return;
    }
    if (view.seq !== this.seq) {
      if (!this.element.open) this.opener = document.activeElement as HTMLElement | null;
      this.seq = view.seq;
      this.busy = false;
      if (view.form) this.renderForm(view);
      else this.renderResult(view);
      if (!this.element.open) this.element.showModal();
      this.focusStart(view);
      return;
    }
    this.setBusy(false);
    this.applyErrors(view.errors, opts.afterSubmit === true);
  }

  private close(): void {
    if (!this.element.open) return;
    this.element.close();
    this.seq = -1;
    const back = this.opener?.isConnected ? this.opener : this.handlers.fallbackFocus();
    back?.focus();
    this.opener = null;
  }

  private renderForm(view: FormView): void {
    const form = view.form!;
    const t = this.t;
    this.title = form.title;
    const titleId = uid('dialog-title');
    this.element.setAttribute('aria-labelledby', titleId);
    this.summary = el('div', { class: 'form-summary', role: 'alert', tabindex: '-1', hidden: true });
    this.fields = form.fields.map((field) => this.renderField(field));
    this.submitButton = el('button', { type: 'submit', class: 'button primary' }, form.submitLabel);
    const cancel = el(
      'button',
      { type: 'button', class: 'button', onclick: () => void this.handlers.close() },
      form.closeLabel ?? t('form.close'),
    );
    const intro = form.intro?.length
      ? renderMessage(
          { fallbackText: '', blocks: form.intro },
          { press: this.handlers.press, t, headingLevel: 3, focusKey: 'intro' },
        )
      : null;
    const formEl = el(
      'form',
      { novalidate: true, class: 'form-body' },
      el('h2', { id: titleId }, form.title),
      intro,
      this.summary,
      ...this.fields.map((r) => r.wrapper),
      el('div', { class: 'dialog-actions' }, cancel, this.submitButton),
    );
    formEl.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.busy) return;
      this.setBusy(true);
      void this.handlers.submit(this.seq, this.values());
    });
    this.element.replaceChildren(formEl);
    this.applyErrors(view.errors, false);
  }

  private renderResult(view: FormView): void {
    const titleId = uid('dialog-title');
    this.element.setAttribute('aria-labelledby', titleId);
    this.fields = [];
    this.summary = null;
    this.submitButton = null;
    const result = view.result;
    this.element.replaceChildren(
      el(
        'div',
        { class: 'form-body form-result' },
        el('h2', { id: titleId }, this.title || (result?.fallbackText ?? '')),
        result
          ? renderMessage(result, {
              press: this.handlers.press,
              t: this.t,
              headingLevel: 3,
              focusKey: 'result',
            })
          : null,
        el(
          'div',
          { class: 'dialog-actions' },
          el(
            'button',
            { type: 'button', class: 'button primary', onclick: () => void this.handlers.close() },
            this.t('form.close'),
          ),
        ),
      ),
    );
  }

  private renderField(field: FormField): Rendered {
    const t = this.t;
    const id = uid(`field-${field.id.replace(/[^a-zA-Z0-9_-]/g, '')}`);
    const hintId = `${id}-hint`;
    const errorId = `${id}-error`;
    const describedBy = [field.hint ? hintId : '', errorId].filter(Boolean).join(' ');
    const marker = el(
      'span',
      { class: 'marker' },
      ` (${field.required ? t('form.required') : t('form.optional')})`,
    );
    const hint = field.hint ? el('p', { class: 'hint', id: hintId }, field.hint) : null;
    const error = el('p', { class: 'error', id: errorId, hidden: true });
    const common = {
      id,
      name: field.id,
      'aria-describedby': describedBy,
      'aria-required': field.required ? 'true' : undefined,
    };
    let input: HTMLElement;

    if (field.kind === 'multiselect' || field.kind === 'checkbox') {
      const options =
        field.kind === 'multiselect'
          ? field.options.map((o) => ({
              value: o.value,
              label: o.label,
              checked: field.initial?.includes(o.value),
            }))
          : [{ value: 'true', label: field.optionLabel, checked: field.initial === true }];
      const controls = options.map((o) =>
        el('input', {
          type: 'checkbox',
          name: field.id,
          value: o.value,
          id: uid(`${id}-opt`),
          checked: o.checked === true,
        }),
      );
      const legendId = `${id}-legend`;
      input = el(
        'fieldset',
        { id, 'aria-describedby': describedBy, class: 'choices' },
        el('legend', { id: legendId }, field.label, marker),
        hint,
        ...controls.map((c, i) =>
          el('div', { class: 'choice' }, c, el('label', { for: c.id }, options[i]?.label ?? '')),
        ),
        error,
      );
      return { field, wrapper: el('div', { class: 'field' }, input), input, error, controls };
    }

    let counter: HTMLElement | null = null;
    if (field.kind === 'multiline') {
      const area = el('textarea', {
        ...common,
        maxlength: field.maxLength,
        rows: 4,
        placeholder: field.placeholder,
      });
      area.value = field.initial ?? '';
      // How much room is left, for the person writing; not announced at each keystroke.
      const shown = el('p', { class: 'counter', 'aria-hidden': 'true' });
      const count = () => {
        shown.textContent = t('form.chars', area.value.length, field.maxLength);
      };
      area.addEventListener('input', count);
      count();
      counter = shown;
      input = area;
    } else if (field.kind === 'select') {
      const select = el('select', common);
      if (!field.initial || !field.required)
        select.appendChild(el('option', { value: '' }, t('form.choose')));
      for (const o of field.options) select.appendChild(el('option', { value: o.value }, o.label));
      select.value = field.initial ?? '';
      input = select;
    } else {
      const type = field.kind === 'text' ? 'text' : field.kind;
      const box = el('input', {
        ...common,
        type,
        maxlength: field.kind === 'text' ? field.maxLength : undefined,
        placeholder: field.kind === 'text' ? field.placeholder : undefined,
      });
      box.value = field.initial ?? '';
      input = box;
    }
    const wrapper = el(
      'div',
      { class: 'field' },
      el('label', { for: id }, field.label, marker),
      hint,
      input,
      counter,
      error,
    );
    return { field, wrapper, input, error, controls: [] };
  }

  private values(): FormValuesOut {
    const out: FormValuesOut = {};
    for (const { field, input, controls } of this.fields) {
      if (field.kind === 'multiselect') out[field.id] = controls.filter((c) => c.checked).map((c) => c.value);
      else if (field.kind === 'checkbox') out[field.id] = controls[0]?.checked ? 'true' : '';
      else out[field.id] = (input as HTMLInputElement).value;
    }
    return out;
  }

  private applyErrors(errors: Record<string, string>, focus: boolean): void {
    let first: HTMLElement | null = null;
    const known = new Set(this.fields.map((r) => r.field.id));
    for (const { field, input, error, controls } of this.fields) {
      const text = errors[field.id];
      error.textContent = text ?? '';
      error.hidden = !text;
      const targets = controls.length ? controls : [input];
      for (const target of targets) {
        if (text) target.setAttribute('aria-invalid', 'true');
        else target.removeAttribute('aria-invalid');
      }
      if (text && !first) first = targets[0] ?? null;
    }
    if (this.summary) {
      const general = Object.entries(errors)
        .filter(([id]) => !known.has(id))
        .map(([, text]) => text);
      const any = Object.keys(errors).length > 0;
      this.summary.replaceChildren(
        ...(any ? [el('p', {}, this.t('form.errors')), ...general.map((g) => el('p', {}, g))] : []),
      );
      this.summary.hidden = !any;
    }
    if (focus) (first ?? this.summary)?.focus();
  }

  private focusStart(view: FormView): void {
    if (!view.form) {
      this.element.querySelector<HTMLElement>('.dialog-actions .primary')?.focus();
      return;
    }
    const firstInvalid = this.fields.find((r) => view.errors[r.field.id]);
    const target = firstInvalid ?? this.fields[0];
    const control = target ? (target.controls[0] ?? target.input) : this.submitButton;
    control?.focus();
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    if (!this.submitButton) return;
    this.submitButton.disabled = busy;
    this.element.setAttribute('aria-busy', busy ? 'true' : 'false');
  }
}
