import { defineConfig } from 'drizzle-kit';

// PostgreSQL migrations (`npm run db:generate:pg -- --name <what>`), generated offline from db/pg/schema.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema.ts',
  out: './db/pg/migrations',
  strict: true,
});
