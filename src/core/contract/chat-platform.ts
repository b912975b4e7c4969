import type { ImageLimits } from './chart.js';
import type { Message } from './message.js';

export type PlatformUser = { userRef: string; displayName: string; workspace: string };

/** A pacing rule the outbox applies before sending to an address (token bucket per key). */
export type RateLimit = { key: string; perSecond: number };

export type Capabilities = {
  /** Replies only the actor sees, in a shared space. */
  ephemeral: boolean;
  /** Posted messages can be edited in place. */
  updateMessage: boolean;
  /** Files can be sent in a direct message. */
  files: boolean;
  /**
   * Pictures in messages, drawn for this platform from the core's charts (see `Block` 'chart'); without
   * it a chart reaches this platform as its text alternative.
   */
  images?: ImageLimits;
};

/** What a platform can tell of a space before Cairn binds a group to it. */
export type SpaceFacts = {
  /** Cairn itself is a member of the space (invited into the channel, added to the chat). */
  cairnIsMember: boolean;
  /**
   * People of another organisation can be in the space (a Slack Connect channel): no group is set up
   * there, since what Cairn posts would reach them.
   */
  sharedOutside: boolean;
};

/**
 * Given with a send by the outbox: throws a `rate_limited` DeliveryError when a Retry-After that concerns
 * this send arrived since it started (another send's 429). Pacing decides when a send may start; a send
 * made of several calls (open a DM, then post) calls this before each call after the first, so a platform
 * that asked for silence hears nothing more. Without it, sends are not held.
 */
export type SendGuard = () => void;

/**
 * What every platform adapter implements. Addresses and message references are opaque strings owned
 * by the adapter: the core stores and compares them, never parses them.
 */
export interface ChatPlatform {
  readonly id: string;
  readonly capabilities: Capabilities;
  /** How people type a sub-command here ("/cairn " in Slack, "" when writing to the Teams bot). */
  readonly commandPrefix: string;
  sendDirect(userRef: string, message: Message, guard?: SendGuard): Promise<string>;
  postToSpace(spaceAddress: string, message: Message, guard?: SendGuard): Promise<string>;
  updateMessage(messageRef: string, message: Message, guard?: SendGuard): Promise<void>;
  /**
   * Human members of a space who may be in its group: bots, and people of another organisation or guests
   * of a shared space, excluded. Throws when the platform cannot list them.
   */
  listSpaceMembers(spaceAddress: string): Promise<PlatformUser[]>;
  /** Whether Cairn is in the space and whether it is shared outside; throws when the platform cannot tell. */
  describeSpace(spaceAddress: string): Promise<SpaceFacts>;
  /** Forgets what the adapter keeps about a user (conversation references) when they ask to be forgotten. */
  forgetUser?(userRef: string): void;
  /** Pacing rules for an address; none means no pacing. */
  rateLimits?(address: string): RateLimit[];
  /**
   * The workspaces or tenants Cairn is installed in, each checked with the platform now (Slack: auth.test
   * per installation; Teams: each stored conversation reference), paced within the platform's limits.
   * `clear(address)` waits until a call about that address may go (a Retry-After, a paused platform);
   * false: not now, skip it.
   */
  checkInstallations?(clear?: Clearance): Promise<InstallationReport>;
}

/** Waits until a call about an address may go; false when it should be skipped this time. */
export type Clearance = (address: string) => Promise<boolean>;

/**
 * `installed`: checked and working; `revoked`: its tokens are refused. Workspaces in neither have no
 * installation left. `complete` is false when some could not be checked (Slack unreachable): then nothing
 * may be concluded from a workspace's absence.
 */
export type InstallationReport = { installed: string[]; revoked: string[]; complete: boolean };

export type DeliveryFailureKind = 'rate_limited' | 'transient' | 'permanent';

/**
 * A permanent failure that says Cairn is no longer there: removed from the space, uninstalled, its token
 * revoked. Reconciliation suspends the group concerned (a grace period, then a purge) rather than trusting
 * an empty member list.
 */
export class GoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoneError';
  }
}

/** Thrown by adapters when a send fails; the outbox decides what to do from `kind`. */
export class DeliveryError extends Error {
  constructor(
    readonly kind: DeliveryFailureKind,
    message: string,
    readonly retryAfterMs?: number,
    /** Key of what is rate limited (a workspace, a tenant, a conversation); pauses all its sends. */
    readonly scope?: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
