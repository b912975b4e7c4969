import { sql } from 'drizzle-orm';
import type { RateLimit } from '../../../src/core/contract/chat-platform.js';
import type { PgDb } from '../db.js';

/** Rows older than this are dropped now and then (one per conversation written to). */
const KEEP_MS = 60_000;
const SWEEP_EVERY_MS = 10_000;

class Denied extends Error {
  constructor(readonly waitMs: number) {
    super('paced');
  }
}

/**
 * The `pacing` table: `pause:<key>` rows hold a Retry-After until their time, `rate:<key>` rows the
 * earliest time the next send under that key may start (sends spaced 1/perSecond apart, for all
 * instances together). Times are the database's (clock_timestamp()), never an instance's own clock.
 */
export function createPgPacingRepository(db: PgDb) {
  let lastSweep = 0;
  return {
    async reserve(limits: RateLimit[]): Promise<number> {
      // In key order, so that two instances reserving overlapping keys cannot deadlock.
      const sorted = [...limits].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      try {
        await db.transaction(async (tx) => {
          for (const { key, perSecond } of sorted) {
            const paused = await tx.execute<{ ms: number }>(
              sql`select ceil(extract(epoch from until - clock_timestamp()) * 1000)::float8 as ms
                  from pacing where key = ${`pause:${key}`} and until > clock_timestamp()`,
            );
            const pause = paused.rows[0]?.ms;
            if (pause !== undefined) throw new Denied(Math.max(1, pause));
            const spacing = `${Math.ceil(1002 / perSecond)} milliseconds`;
            const taken = await tx.execute(
              sql`insert into pacing (key, until) values (${`rate:${key}`}, clock_timestamp() + ${spacing}::interval)
                  on conflict (key) do update set until = clock_timestamp() + ${spacing}::interval
                  where pacing.until <= clock_timestamp()`,
            );
            if ((taken.rowCount ?? 0) === 0) {
              const next = await tx.execute<{ ms: number }>(
                sql`select ceil(extract(epoch from until - clock_timestamp()) * 1000)::float8 as ms
                    from pacing where key = ${`rate:${key}`}`,
              );
              throw new Denied(Math.max(1, next.rows[0]?.ms ?? 1));
            }
          }
        });
        return 0;
      } catch (error) {
        if (error instanceof Denied) return error.waitMs;
        throw error;
      }
    },
    async pause(key: string, ms: number): Promise<void> {
      const until = sql`clock_timestamp() + ${`${Math.ceil(ms)} milliseconds`}::interval`;
      await db.execute(
        sql`insert into pacing (key, until) values (${`pause:${key}`}, ${until})
            on conflict (key) do update set until = greatest(pacing.until, excluded.until)`,
      );
    },
    async pauses(): Promise<Map<string, number>> {
      const now = Date.now();
      if (now - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = now;
        await db.execute(
          sql`delete from pacing where until < clock_timestamp() - ${`${KEEP_MS} milliseconds`}::interval`,
        );
      }
      const { rows } = await db.execute<{ key: string; ms: number }>(
        sql`select substr(key, 7) as key, ceil(extract(epoch from until - clock_timestamp()) * 1000)::float8 as ms
            from pacing where key like 'pause:%' and until > clock_timestamp()`,
      );
      return new Map(rows.map((r) => [r.key, r.ms]));
    },
  };
}
