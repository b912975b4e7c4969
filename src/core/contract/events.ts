import type { Form, FormValues } from './form.js';
import type { Message } from './message.js';

/** Who acted, as the adapter knows them. `userRef` is opaque and owned by the adapter. */
export type Actor = {
  platform: string;
  userRef: string;
  displayName: string;
  /** Workspace or tenant key (opaque), used to purge on uninstall. */
  workspace: string;
  locale?: string;
};

/** Where the actor acted: a direct conversation with Cairn, or a shared space (channel, group chat). */
export type Place = { kind: 'direct' } | { kind: 'space'; address: string };

type Base = {
  actor: Actor;
  /** The platform's id for this delivery, to drop retries. */
  eventId?: string;
};

export type InboundEvent =
  | (Base & { kind: 'command'; place: Place; text: string })
  | (Base & { kind: 'action'; place: Place; action: string; value: string })
  | (Base & { kind: 'form.submitted'; formId: string; state: string; values: FormValues })
  | {
      kind: 'member.joined' | 'member.left';
      platform: string;
      eventId?: string;
      space: string;
      user: { userRef: string; displayName: string; workspace: string };
    }
  | { kind: 'uninstalled'; platform: string; eventId?: string; workspace: string }
  | { kind: 'space.removed'; platform: string; eventId?: string; space: string };

/** What an adapter must show inside the platform's response window. */
export type Reply =
  | { kind: 'none' }
  /** A reply only the actor sees, where they acted. */
  | { kind: 'message'; message: Message }
  /** Open a form (from a command or a button). */
  | { kind: 'form'; form: Form }
  /** Keep the submitted form open and show these errors under the fields (field id -> text). */
  | { kind: 'form.errors'; errors: Record<string, string> }
  /** Replace the submitted form with another step (a preview, a confirmation). */
  | { kind: 'form.next'; form: Form }
  /** Close the form; show this message in its place when given. */
  | { kind: 'form.done'; message?: Message };

export const NO_REPLY: Reply = { kind: 'none' };
