/** Keyed functions derived from CAIRN_SECRET, which never enters the database. */
export interface Secrets {
  /** HMAC(round key, user ref): proves "already answered" without naming who. */
  participationToken(roundId: string, userRef: string): string;
  /** HMAC(ballot round key, user ref), under a key of its own: proves "already voted" without naming who. */
  ballotToken(roundId: string, userRef: string): string;
  /** Authenticates a form's state so a client cannot forge the ids it carries. */
  seal(state: string): string;
  /** The state if the seal is intact, else null. */
  unseal(sealed: string): string | null;
}
