import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';
import { RateLimiter } from '../../src/core/delivery/rate-limiter.js';
import type { CheckinRound } from '../../src/core/domain/checkin.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { at, makeCase, makeGroup, makePerson } from './fixtures.js';

const run = promisify(execFile);
const required = process.env.CAIRN_REQUIRE_POSTGRES === '1';

/**
 * What several Cairn instances on one PostgreSQL database rely on, each instance being a connection of
 * its own here (a store's worker), or a process of its own for the check-in answers.
 */
describe.skipIf(!postgresAdminUrl() && !required)('several instances on PostgreSQL', () => {
  const handles: PgHandle[] = [];
  const open = (url: string) => {
    const handle = openPgStore({ url, poolSize: 2 });
    handles.push(handle);
    return handle;
  };
  afterAll(() => {
    for (const h of handles) h.close();
  });

  it('a row another instance is claiming is left to it at once (SKIP LOCKED), never sent twice', () => {
    const url = createTestDatabase('cairn_claims');
    const [a, b] = [open(url), open(url)];
    const now = at('2026-03-01T08:00:00Z');
    const lease = at('2026-03-01T08:01:00Z');
    a.store.outbox.enqueue(
      {
        id: 'o1',
        platform: 'slack',
        kind: 'direct',
        address: 'U1',
        personId: null,
        message: { fallbackText: 'x', blocks: [] },
      },
      now,
    );
    a.store.transaction(() => {
      expect(a.store.outbox.claim('o1', 0, now, lease)).toEqual(expect.any(String));
      // A's claim is not committed yet: B neither waits for it nor takes the row.
      const started = performance.now();
      expect(b.store.outbox.claim('o1', 0, now, lease)).toBeNull();
      expect(performance.now() - started).toBeLessThan(1_000);
    });
    expect(b.store.outbox.claim('o1', 0, now, lease)).toBeNull();
    expect(b.store.outbox.get('o1')?.attempts).toBe(1);
  });

  it('pacing is shared: two instances together stay within one rate, and a Retry-After holds both', () => {
    const url = createTestDatabase('cairn_pacing');
    const [a, b] = [open(url), open(url)];
    const limits = [{ key: 'slack:T1', perSecond: 10 }];
    // Each tries as fast as it can for 1.5 s; the database spaces their sends 100 ms apart.
    const sends: number[] = [];
    const start = performance.now();
    while (performance.now() - start < 1_500) {
      for (const h of [a, b]) if (h.pacing.reserve(limits) === 0) sends.push(performance.now());
    }
    for (let i = 0; i < sends.length; i++) {
      const inASecond = sends.filter((t) => t >= sends[i]! && t < sends[i]! + 1_000).length;
      expect(inASecond).toBeLessThanOrEqual(10);
    }
    expect(sends.length).toBeGreaterThanOrEqual(10);

    a.pacing.pause('slack:T2', 3_000);
    expect(b.pacing.pauses().get('slack:T2')).toBeGreaterThan(2_000);
    expect(b.pacing.reserve([{ key: 'slack:T2', perSecond: 10 }])).toBeGreaterThan(2_000);
    // The outbox's limiter of another instance sees the pause too.
    const limiter = new RateLimiter(
      { nowMs: () => performance.now(), sleep: async () => {} },
      1002,
      b.pacing,
      0,
    );
    expect(limiter.waitFor([{ key: 'slack:T2', perSecond: 10 }])).toBeGreaterThan(2_000);
    expect(limiter.pauseLeft([{ key: 'slack:T2', perSecond: 10 }])?.ms).toBeGreaterThan(2_000);
  });

  it('inside a transaction a read by key holds that key: another instance deciding on it waits for the commit', () => {
    const url = createTestDatabase('cairn_keys');
    const [a, b] = [open(url), openPgStore({ url, poolSize: 2, statementTimeoutMs: 1_000 })];
    handles.push(b);
    a.store.groups.insert(makeGroup());
    a.store.people.insert(makePerson());
    a.store.transaction(() => {
      // "No case with this form's id yet": A will insert it. B, asking the same, cannot read past A.
      expect(a.store.cases.get('c1')).toBeUndefined();
      expect(() => b.store.transaction(() => b.store.cases.get('c1'))).toThrow(/lock timeout/);
      // Another key is free.
      expect(b.store.transaction(() => b.store.cases.get('c2'))).toBeUndefined();
      a.store.cases.insert(makeCase());
    });
    // Once A committed, B's transaction sees the case and would store nothing.
    expect(b.store.transaction(() => b.store.cases.get('c1'))?.id).toBe('c1');
  });

  it('a lock held by one instance is refused to another until released', () => {
    const url = createTestDatabase('cairn_locks');
    const [a, b] = [open(url), open(url)];
    expect(a.tryLock('slack-token-refresh:T1')).toBe(true);
    expect(b.tryLock('slack-token-refresh:T1')).toBe(false);
    expect(b.tryLock('slack-token-refresh:T2')).toBe(true);
    a.unlock('slack-token-refresh:T1');
    expect(b.tryLock('slack-token-refresh:T1')).toBe(true);
  });

  it('check-in answers from three processes at once: each token counted once, every answer in the tally', async () => {
    const url = createTestDatabase('cairn_answers');
    const setup = open(url);
    setup.store.groups.insert(makeGroup());
    const round: CheckinRound = {
      id: 'r1',
      groupId: 'g1',
      status: 'open',
      source: 'facilitator',
      afterSessionId: null,
      k: 3,
      openedAt: at('2026-03-01T08:00:00Z'),
      closesAt: at('2026-03-08T08:00:00Z'),
      closedAt: null,
      respondents: null,
      released: false,
      sharedAt: null,
    };
    setup.store.checkins.insertRound(round);
    const tokens = Array.from({ length: 30 }, (_, i) => `token-${String(i).padStart(2, '0')}`);
    // Every process answers every token: 30 count, the 60 others are refused as second answers.
    const script = join(import.meta.dirname, '..', 'support', 'pg-answer-loop.ts');
    const order = (shift: number) => [...tokens.slice(shift), ...tokens.slice(0, shift)].join(',');
    const results = await Promise.all(
      [0, 10, 20].map(async (shift) => {
        const { stdout } = await run('npx', ['tsx', script, url, 'r1', order(shift)], { timeout: 120_000 });
        return JSON.parse(stdout.trim()) as { counted: number; refused: number };
      }),
    );
    expect(results.reduce((n, r) => n + r.counted, 0)).toBe(30);
    expect(results.reduce((n, r) => n + r.refused, 0)).toBe(60);
    const tally = setup.store.checkins.tally('r1');
    for (const counts of Object.values(tally)) expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    const { rows } = setup.query<{ n: string }>(
      "select count(*) as n from checkin_participation where round_id = 'r1'",
    );
    expect(Number(rows[0]?.n)).toBe(30);
    // Every live row of the round carries the last answer's transaction id (see checkins.ts).
    const xmins = setup.query<{ xmin: string }>(
      `select xmin::text from checkin_participation where round_id = 'r1'
       union select xmin::text from checkin_tally where round_id = 'r1'`,
    ).rows;
    expect(xmins).toHaveLength(1);
  }, 240_000);
});
