import type { FormValues } from './form.js';

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

/** Someone joined or left a group's space. */
type MembershipChange = {
  platform: string;
  eventId?: string;
  space: string;
  user: { userRef: string; displayName: string; workspace: string };
};

export type InboundEvent =
  | (Base & { kind: 'command'; place: Place; text: string })
  | (Base & { kind: 'action'; place: Place; action: string; value: string })
  | (Base & { kind: 'form.submitted'; formId: string; state: string; values: FormValues })
  | (MembershipChange & { kind: 'member.joined' })
  | (MembershipChange & { kind: 'member.left' })
  | { kind: 'uninstalled'; platform: string; eventId?: string; workspace: string }
  | { kind: 'space.removed'; platform: string; eventId?: string; space: string };
