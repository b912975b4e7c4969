import type { Form, FormValues } from '../../src/core/contract/form.js';
import type { Reply } from '../../src/core/contract/reply.js';
import { type DialogInfo, renderFormDialog, renderMessageDialog } from './render-form.js';
import type { TeamsStrings } from './strings.js';

/** What a dialog answer is: another card, a short text Teams shows in a small window, or close. */
export type DialogAnswer = DialogInfo | string | null;

/**
 * The core's reply inside a dialog. `submitted` is the form just submitted (to show field errors under it
 * with what was typed); `canClose` is false for `task/fetch`, which must open something.
 */
export function dialogAnswer(
  reply: Reply,
  strings: TeamsStrings,
  opts: { submitted?: { form: Form; values: FormValues }; canClose: boolean },
): DialogAnswer {
  const closeOr = (fallback: string): DialogAnswer => (opts.canClose ? null : fallback);
  switch (reply.kind) {
    case 'form':
    case 'form.next':
      return renderFormDialog(reply.form, strings);
    case 'form.errors':
      if (opts.submitted) {
        return renderFormDialog(opts.submitted.form, strings, {
          errors: reply.errors,
          values: opts.submitted.values,
        });
      }
      return Object.values(reply.errors).join('\n');
    case 'message':
      return renderMessageDialog(reply.message, strings);
    case 'form.done':
      return reply.message ? renderMessageDialog(reply.message, strings) : closeOr(strings.done);
    case 'none':
      return closeOr(strings.done);
  }
}
