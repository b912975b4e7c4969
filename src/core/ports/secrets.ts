/** Keyed functions derived from CAIRN_SECRET, which never enters the database. */
export interface Secrets {
  /** HMAC(round key, user ref) under the current secret: proves "already answered" without naming who. */
  participationToken(roundId: string, userRef: string): string;
  /**
   * The same person's token under every secret still accepted: the current one first (the one to
   * record), then the previous secret's (CAIRN_SECRET_PREVIOUS), so that a round open across a rotation
   * still refuses a second answer. Check them all.
   */
  participationTokens(roundId: string, userRef: string): [string, ...string[]];
  /**
   * HMAC(ballot round key, user ref), under a key of its own: proves "already voted" without naming who.
   * Like `participationTokens`, the current secret's first, then the previous one's.
   */
  ballotTokens(roundId: string, userRef: string): [string, ...string[]];
  /** Authenticates a form's state so a client cannot forge the ids it carries. */
  seal(state: string): string;
  /** The state if the seal is intact (under the current secret or the previous one), else null. */
  unseal(sealed: string): string | null;
}
