import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { slackInstallations } from '../schema.js';

type Row = typeof slackInstallations.$inferSelect;

/**
 * Slack installations by workspace key, in the shape the Slack adapter declares (adapters/slack/storage.ts);
 * `data` arrives encrypted from the adapter and is stored as is.
 */
export function createSlackInstallationRepository(db: Db) {
  return {
    get(key: string): Row | undefined {
      return db.select().from(slackInstallations).where(eq(slackInstallations.key, key)).get();
    },
    put(record: Row): void {
      const { key, ...rest } = record;
      db.insert(slackInstallations)
        .values(record)
        .onConflictDoUpdate({ target: slackInstallations.key, set: rest })
        .run();
    },
    delete(key: string): void {
      db.delete(slackInstallations).where(eq(slackInstallations.key, key)).run();
    },
    list(): Row[] {
      return db.select().from(slackInstallations).orderBy(asc(slackInstallations.key)).all();
    },
  };
}
