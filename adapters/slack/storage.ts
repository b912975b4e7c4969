/**
 * The storage the Slack adapter needs, declared here and provided by db/ (wired by the host). The core
 * never sees tokens.
 */
export type SlackInstallationRecord = {
  /** The enterprise id for an org-wide install, else the team id. */
  key: string;
  teamId: string | null;
  enterpriseId: string | null;
  /** The installation JSON, encrypted by the adapter (AES-256-GCM); never stored in clear. */
  data: string;
  updatedAt: Date;
};

export interface SlackInstallationRecords {
  get(key: string): SlackInstallationRecord | undefined;
  put(record: SlackInstallationRecord): void;
  delete(key: string): void;
  list(): SlackInstallationRecord[];
}

/**
 * A lock every Cairn instance on the same database sees (PostgreSQL), so that one refresh of a
 * workspace's rotating token happens at a time across instances: Slack's refresh tokens are single-use,
 * and a second instance refreshing with the same one would be refused and leave it without a token.
 * Tried, never waited on: the adapter polls.
 */
export interface SharedLock {
  tryLock(key: string): boolean;
  unlock(key: string): void;
}
