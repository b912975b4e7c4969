import type { Logger } from '../../src/core/contract/logger.js';
import type { Core } from '../../src/core/index.js';
import type { UserDirectory } from './directory.js';
import type { HomeViewers } from './home-viewers.js';
import type { EncryptedInstallationStore } from './installation-store.js';
import type { SlackPlatform } from './platform.js';

/** What the Bolt listeners need. */
export type SlackDeps = {
  core: Pick<Core, 'handle' | 'home'>;
  directory: UserDirectory;
  platform: SlackPlatform;
  /** Who opened their Home tab lately (it is refreshed after their changes only then). */
  homeViewers: HomeViewers;
  /** Present with OAuth (several workspaces); its rows go when a workspace uninstalls. */
  installations?: EncryptedInstallationStore;
  logger: Logger;
};
