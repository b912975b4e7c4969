import { z } from 'zod';

/**
 * What Cairn's cards carry back when a button is pressed (`data` of an Action.Submit, merged by Teams with
 * the dialog's inputs). Every payload is parsed with these schemas before use.
 */
export const VERB = {
  /** A neutral button: `{ action, value }` routed by the core. */
  action: 'cairn.action',
  /** Opens a form that an earlier reply prepared (`token`). */
  open: 'cairn.open',
  /** Submits a dialog built from a neutral form. */
  form: 'cairn.form',
  /** Closes a dialog without submitting. */
  cancel: 'cairn.cancel',
} as const;

/** The message-extension action commands declared in the manifest. */
export const SUBMIT_CASE_COMMAND = 'submitCase';
export const SAVE_NOTE_COMMAND = 'saveNote';

/** Input ids are prefixed so a field id can never collide with the payload's own keys. */
export const INPUT_PREFIX = 'f.';

export const actionPayload = z.object({
  verb: z.literal(VERB.action),
  action: z.string().min(1).max(100),
  value: z.string().max(500).default(''),
});

export const openPayload = z.object({ verb: z.literal(VERB.open), token: z.string().min(1).max(100) });

export const cancelPayload = z.object({ verb: z.literal(VERB.cancel) });

export type ActionPayload = z.infer<typeof actionPayload>;
