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
