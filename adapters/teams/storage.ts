/**
 * The storage the Teams adapter needs, declared here and provided by db/ (wired by the host). The core
 * never sees conversation references.
 */
export type TeamsConversationRecord = {
  /** A user ref (personal conversation) or a space address. */
  key: string;
  tenantId: string;
  kind: 'personal' | 'space';
  /** JSON of a trimmed Bot Framework ConversationReference. */
  reference: string;
  unreachableReportedAt: Date | null;
  updatedAt: Date;
};

export interface TeamsConversationRecords {
  get(key: string): TeamsConversationRecord | undefined;
  put(record: TeamsConversationRecord): void;
  delete(key: string): void;
  deleteByTenant(tenantId: string): void;
  /** Every record of a tenant (a team uninstalled, a purge). */
  listByTenant(tenantId: string): TeamsConversationRecord[];
  /** The tenants Cairn keeps any record for. */
  listTenants(): string[];
  /** Records that a person's unreachability was reported; false if it already was. */
  markUnreachableReported(key: string, at: Date): boolean;
}
