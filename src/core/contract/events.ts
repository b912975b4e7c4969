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
  /** The app was uninstalled from a workspace or tenant: everything of it is purged at once. */
  | { kind: 'uninstalled'; platform: string; eventId?: string; workspace: string }
  /** Cairn's tokens were revoked in a workspace: its groups are suspended, purged after a grace period. */
  | { kind: 'workspace.revoked'; platform: string; eventId?: string; workspace: string }
  /** Cairn was installed (again) in a workspace: groups suspended by a revocation resume. */
  | { kind: 'installed'; platform: string; eventId?: string; workspace: string }
  /** Cairn was removed from a space: its group is suspended, purged after a grace period. */
  | { kind: 'space.removed'; platform: string; eventId?: string; space: string }
  /** Cairn was added (back) to a space: a suspended group there resumes. */
  | { kind: 'space.added'; platform: string; eventId?: string; space: string };
