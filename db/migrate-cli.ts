import { migrateDatabase } from './migrate.js';
import { openPgStore } from './pg/store.js';

// `npm run db:migrate`: the server also migrates at start; this is for operators and deployments.
// CAIRN_DATABASE_URL (PostgreSQL) wins over CAIRN_DB (the SQLite file), as for the server.
const url = process.env.CAIRN_DATABASE_URL?.trim();
const file = process.env.CAIRN_DB ?? './data/cairn.db';

try {
  let where: string;
  let report: { applied: number; total: number };
  if (url) {
    const pg = openPgStore({ url, poolSize: 1, applicationName: 'cairn-migrate' });
    report = pg.migrations ?? { applied: 0, total: 0 };
    pg.close();
    const shown = new URL(url);
    if (shown.password) shown.password = '***';
    where = shown.toString();
  } else {
    const result = migrateDatabase(file);
    report = result;
    where = result.file;
  }
  if (report.applied === 0) console.log(`${where}: up to date (${report.total} migration(s) applied).`);
  else console.log(`${where}: applied ${report.applied} migration(s), ${report.total} in total.`);
} catch (error) {
  console.error(
    `Migration of ${url ? 'PostgreSQL' : file} failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
}
