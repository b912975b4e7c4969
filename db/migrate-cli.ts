import { migrateDatabase } from './migrate.js';

// `npm run db:migrate`: the server also migrates at start; this is for operators and deployments.
const file = process.env.CAIRN_DB ?? './data/cairn.db';

try {
  const { file: path, applied, total } = migrateDatabase(file);
  if (applied === 0) console.log(`${path}: up to date (${total} migration(s) applied).`);
  else console.log(`${path}: applied ${applied} migration(s), ${total} in total.`);
} catch (error) {
  console.error(`Migration of ${file} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
