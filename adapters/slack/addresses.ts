/**
 * Slack's side of Cairn's opaque references. The core stores and compares these strings; only this
 * adapter builds and reads them.
 *
 *   user      slack:<workspace>:<user id>
 *   space     slack:<workspace>:<channel id>
 *   message   slack:<workspace>:<channel id>:<ts>
 *   file      slack:<workspace>:<channel id>:file:<file id>   (a picture shared with files.uploadV2; never edited)
 *
 * `workspace` is the enterprise id for an org-wide install, else the team id: the key of the installation
 * whose token reaches that person or channel.
 */
export const PLATFORM = 'slack';

export type WorkspaceSource = {
  teamId?: string | null;
  enterpriseId?: string | null;
  isEnterpriseInstall?: boolean;
};

export function workspaceKey(source: WorkspaceSource): string | undefined {
  if (source.isEnterpriseInstall && source.enterpriseId) return source.enterpriseId;
  return source.teamId ?? source.enterpriseId ?? undefined;
}

/** Enterprise ids start with E, team ids with T: enough to ask the installation store the right question. */
export function installationQuery(workspace: string) {
  return workspace.startsWith('E')
    ? { enterpriseId: workspace, teamId: undefined, isEnterpriseInstall: true }
    : { teamId: workspace, enterpriseId: undefined, isEnterpriseInstall: false };
}

export const userRef = (workspace: string, userId: string): string => `${PLATFORM}:${workspace}:${userId}`;
export const spaceAddress = (workspace: string, channelId: string): string =>
  `${PLATFORM}:${workspace}:${channelId}`;
export const messageRef = (workspace: string, channelId: string, ts: string): string =>
  `${PLATFORM}:${workspace}:${channelId}:${ts}`;

export const fileRef = (workspace: string, channelId: string, fileId: string): string =>
  `${PLATFORM}:${workspace}:${channelId}:file:${fileId}`;

export type ParsedRef = { workspace: string; id: string; ts?: string };

/** Reads a user ref, space address or message ref; null when it is not one of ours. */
export function parseRef(ref: string): ParsedRef | null {
  const parts = ref.split(':');
  if (parts[0] !== PLATFORM || parts.length < 3 || parts.length > 4) return null;
  const [, workspace, id, ts] = parts;
  if (!workspace || !id || !/^[A-Z0-9]+$/.test(workspace) || !/^[A-Z0-9]+$/.test(id)) return null;
  if (ts !== undefined && !/^\d+\.\d+$/.test(ts)) return null;
  return ts === undefined ? { workspace, id } : { workspace, id, ts };
}

/** Direct-message channels start with D: a command typed there is a direct conversation, not a space. */
export const isDirectChannel = (channelId: string | undefined): boolean =>
  channelId === undefined || channelId.startsWith('D');
