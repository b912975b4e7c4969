import { asc, eq } from 'drizzle-orm';
import type { SlackInstallationRecords } from '../../src/ports/adapter-state.js';
import type { Db } from '../client.js';
import { slackInstallations } from '../schema.js';

/** Slack installations by workspace key; `data` arrives encrypted from the adapter and is stored as is. */
export function createSlackInstallationRepository(db: Db): SlackInstallationRecords {
  return {
    get(key) {
      return db.select().from(slackInstallations).where(eq(slackInstallations.key, key)).get();
    },
    put(record) {
      const { key, ...rest } = record;
      db.insert(slackInstallations)
        .values(record)
        .onConflictDoUpdate({ target: slackInstallations.key, set: rest })
        .run();
    },
    delete(key) {
      db.delete(slackInstallations).where(eq(slackInstallations.key, key)).run();
    },
    list() {
      return db.select().from(slackInstallations).orderBy(asc(slackInstallations.key)).all();
    },
  };
}
