import type { TestProject } from 'vitest/node';
import { findPgBin, type PgServer, startPgServer } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test PostgreSQL server's maintenance database, or '' when PostgreSQL is not installed. */
    postgresAdminUrl: string;
    /** Its data directory (the privacy tests measure what the files keep). */
    postgresDataDir: string;
  }
}

/**
 * vitest globalSetup: one PostgreSQL server for the whole run, when the binaries are there. Without them
 * the store tests run on SQLite alone and this says so in one line; CAIRN_REQUIRE_POSTGRES=1 (CI) turns
 * that into a failure.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: PgServer | undefined;
  if (findPgBin()) {
    server = await startPgServer({ fast: true });
  } else if (process.env.CAIRN_REQUIRE_POSTGRES === '1') {
    throw new Error('CAIRN_REQUIRE_POSTGRES=1 but PostgreSQL is not installed (apt-get install postgresql)');
  } else {
    console.log(
      '[postgres] PostgreSQL is not installed: the store tests run on SQLite only (apt-get install postgresql)',
    );
  }
  project.provide('postgresAdminUrl', server?.adminUrl ?? '');
  project.provide('postgresDataDir', server?.dataDir ?? '');
  return async () => {
    await server?.destroy();
  };
}
