/**
 * State that platform adapters keep in Cairn's database (implemented in db/, used by adapters/, wired in
 * src/main.ts). Not part of the core: the core never sees tokens or conversation references.
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

export type TeamsConversationRecord = {
  /** A user ref (personal conversation) or a space address. */
  key: string;
  tenantId: string;
  kind: 'personal' | 'space';
  /** JSON of a Bot Framework ConversationReference. */
  reference: string;
  unreachableReportedAt: Date | null;
  updatedAt: Date;
};

export interface TeamsConversationRecords {
  get(key: string): TeamsConversationRecord | undefined;
  put(record: TeamsConversationRecord): void;
  delete(key: string): void;
  deleteByTenant(tenantId: string): void;
  /** Records that a person's unreachability was reported; false if it already was. */
  markUnreachableReported(key: string, at: Date): boolean;
}
