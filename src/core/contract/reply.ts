import type { Form } from './form.js';
import type { Message } from './message.js';

/** What an adapter must show inside the platform's response window. */
export type Reply =
  | { kind: 'none' }
  /** A reply only the actor sees, where they acted. */
  | { kind: 'message'; message: Message }
  /** Open a form (from a command or a button). */
  | { kind: 'form'; form: Form }
  /**
   * Keep the submitted form open and show these errors under the fields (field id -> text); an error
   * under `FORM_ERROR` (or any id that is no field) is about the whole form.
   */
  | { kind: 'form.errors'; errors: Record<string, string> }
  /** Replace the submitted form with another step (a preview, a confirmation). */
  | { kind: 'form.next'; form: Form }
  /** Close the form; show this message in its place when given. */
  | { kind: 'form.done'; message?: Message };

export const NO_REPLY: Reply = { kind: 'none' };

/** The key of a `form.errors` entry about the form as a whole, not one of its fields. */
export const FORM_ERROR = '.form';
