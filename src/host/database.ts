import { type DatabaseHandle, openDatabase } from '../../db/client.js';
import { DatabaseMaintenance } from '../../db/maintenance.js';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';
import { createSlackInstallationRepository } from '../../db/repositories/slack-installations.js';
import { createTeamsConversationRepository } from '../../db/repositories/teams-conversations.js';
import { createSqliteStore } from '../../db/sqlite-store.js';
import type { Logger } from '../core/contract/logger.js';
import type { Store } from '../core/ports/store.js';
import type { Config } from './config.js';

/** The database Cairn runs on, whichever engine: the core's Store and what the adapters keep. */
export type OpenedDatabase = {
  engine: 'sqlite' | 'postgres';
  store: Store;
  slackInstallations: ReturnType<typeof createSlackInstallationRepository>;
  teamsConversations: ReturnType<typeof createTeamsConversationRepository>;
  /** Throws when the database is not usable (health checks). */
  check(): void;
  /** Shutdown: the file rewrite asked for and the checkpoint, now (nobody waits for an answer any more). */
  flush(now: Date): void;
  close(): void;
  /** The SQLite handle, on SQLite. */
  sqlite?: DatabaseHandle;
  /** The PostgreSQL handle, on PostgreSQL. */
  postgres?: PgHandle;
};

export type DatabaseConfig = Pick<
  Config,
  'CAIRN_DB' | 'CAIRN_DATABASE_URL' | 'CAIRN_DATABASE_POOL' | 'CAIRN_DATABASE_STATEMENT_TIMEOUT_MS'
>;

/**
 * Opens (and migrates) the configured database: PostgreSQL when CAIRN_DATABASE_URL is set, else the
 * SQLite file CAIRN_DB.
 */
export function openConfiguredDatabase(
  config: DatabaseConfig,
  options: { migrate?: boolean; logger?: Logger } = {},
): OpenedDatabase {
  if (config.CAIRN_DATABASE_URL) {
    const pg = openPgStore({
      url: config.CAIRN_DATABASE_URL,
      poolSize: config.CAIRN_DATABASE_POOL,
      statementTimeoutMs: config.CAIRN_DATABASE_STATEMENT_TIMEOUT_MS,
      migrate: options.migrate ?? true,
    });
    return {
      engine: 'postgres',
      store: pg.store,
      slackInstallations: pg.slackInstallations,
      teamsConversations: pg.teamsConversations,
      check: pg.check,
      flush: pg.flush,
      close: pg.close,
      postgres: pg,
    };
  }
  const sqlite = openDatabase(config.CAIRN_DB);
  const maintenance = new DatabaseMaintenance(
    sqlite.sqlite,
    options.logger ? { logger: options.logger } : {},
  );
  return {
    engine: 'sqlite',
    store: createSqliteStore(sqlite, maintenance),
    slackInstallations: createSlackInstallationRepository(sqlite.db),
    teamsConversations: createTeamsConversationRepository(sqlite.db),
    check: sqlite.check,
    flush: (now) => maintenance.flush(now),
    close: () => {
      maintenance.stop();
      sqlite.close();
    },
    sqlite,
  };
}

/** Where the database is, for messages: the file, or the PostgreSQL URL without its password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (!config.CAIRN_DATABASE_URL) return config.CAIRN_DB;
  try {
    const url = new URL(config.CAIRN_DATABASE_URL);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'PostgreSQL';
  }
}
