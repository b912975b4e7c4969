import { resolve } from 'node:path';
import { applyMigrations, openConnection } from './client.js';

export type MigrationReport = {
  /** Absolute path of the database file. */
  file: string;
  /** Migrations applied by this call. */
  applied: number;
  /** Migrations recorded in the database after this call. */
  total: number;
};

/** Creates the database file if needed and applies the pending migrations. */
export function migrateDatabase(file: string): MigrationReport {
  const handle = openConnection(file);
  try {
    return { file: resolve(file), ...applyMigrations(handle) };
  } finally {
    handle.close();
  }
}
