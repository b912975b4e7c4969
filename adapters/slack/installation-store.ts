import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { workspaceKey } from './addresses.js';
import { open, seal } from './crypto-box.js';
import { NoInstallationError } from './delivery-errors.js';
import type { SlackInstallationRecords } from './storage.js';

type Query = InstallationQuery<boolean>;

/** The key of an installation or a query: the enterprise id for an org-wide install, else the team id. */
function keyOf(source: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): string {
  const key = workspaceKey({ ...source, isEnterpriseInstall: source.isEnterpriseInstall === true });
  if (!key) throw new Error('installation without a team or enterprise id');
  return key;
}

/**
 * Bolt's installation store over Cairn's database. Tokens and refresh tokens are encrypted with
 * AES-256-GCM under a key derived from CAIRN_SECRET; the database never holds them in clear. After a
 * rotation (CAIRN_SECRET_PREVIOUS), an installation sealed with the previous key is still read, and
 * sealed again with the current key at once.
 */
export class EncryptedInstallationStore implements InstallationStore {
  /** Called with the workspace's key once an installation is stored (the adapter tells the core). */
  onStored: ((workspace: string) => void) | undefined;

  constructor(
    private readonly records: SlackInstallationRecords,
    private readonly key: Buffer,
    private readonly now: () => Date = () => new Date(),
    private readonly previousKey?: Buffer,
  ) {}

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(
    installation: Installation<AuthVersion, boolean>,
  ): Promise<void> {
    const key = keyOf({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall: installation.isEnterpriseInstall,
    });
    this.records.put({
      key,
      teamId: installation.team?.id ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      data: seal(this.key, JSON.stringify(installation), key),
      updatedAt: this.now(),
    });
    this.onStored?.(key);
  }

  async fetchInstallation(query: Query): Promise<Installation<'v1' | 'v2', boolean>> {
    const key = keyOf(query);
    const record = this.records.get(key);
    if (!record) throw new NoInstallationError();
    let plaintext: string;
    try {
      plaintext = open(this.key, record.data, key);
    } catch (err) {
      if (!this.previousKey) throw err;
      plaintext = open(this.previousKey, record.data, key);
      // Sealed before the rotation: from now on under the current key only.
      this.records.put({ ...record, data: seal(this.key, plaintext, key) });
    }
    return JSON.parse(plaintext) as Installation<'v1' | 'v2', boolean>;
  }

  async deleteInstallation(query: Query): Promise<void> {
    this.records.delete(keyOf(query));
  }

  /** Removes a workspace's installation by its key (uninstall, revoked tokens). */
  deleteWorkspace(workspace: string): void {
    this.records.delete(workspace);
  }
}
