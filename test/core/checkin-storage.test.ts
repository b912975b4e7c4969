import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecrets } from '../../src/host/secrets.js';
import { answer, openRoundOf, participationCount, scores } from '../support/checkins.js';
import { createHarness, type Harness, setUpGroup } from '../support/harness.js';

const SECRET = 'storage-test-secret-long-enough-for-cairn';
let h: Harness;
afterEach(() => h?.close());

const CHECKIN_TABLES = ['checkin_rounds', 'checkin_participation', 'checkin_tally'];

/** Every byte of the database file, its WAL and its shared-memory index. */
function rawBytes(hh: Harness): Buffer {
  return Buffer.concat(
    [hh.file, `${hh.file}-wal`, `${hh.file}-shm`].filter(existsSync).map((f) => readFileSync(f)),
  );
}

/** Occurrences of a string in the raw bytes, as UTF-8 and as UTF-16 (either could hold text). */
function foundIn(bytes: Buffer, needle: string): boolean {
  return bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'));
}

describe('check-in storage', () => {
  it('participation and tally are WITHOUT ROWID tables with no user, time or row order', async () => {
    h = await createHarness();
    const sql = (name: string) =>
      (
        h.db.sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) as {
          sql: string;
        }
      ).sql;
    const columns = (name: string) =>
      (h.db.sqlite.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((c) => c.name);
    expect(sql('checkin_participation')).toMatch(/WITHOUT ROWID\s*$/);
    expect(sql('checkin_tally')).toMatch(/WITHOUT ROWID\s*$/);
    expect(columns('checkin_participation')).toEqual(['round_id', 'token']);
    expect(columns('checkin_tally')).toEqual(['round_id', 'question', 'bucket', 'count']);
    for (const t of ['checkin_participation', 'checkin_tally']) {
      expect(sql(t)).not.toMatch(/AUTOINCREMENT|user|person|_at\b|time/i);
      // A WITHOUT ROWID table has no rowid to select.
      expect(() => h.db.sqlite.prepare(`SELECT rowid FROM ${t}`).all()).toThrow(/rowid/);
      // No index besides the primary key (an index could keep its own order of insertion).
      const indexes = h.db.sqlite.prepare(`PRAGMA index_list(${t})`).all() as { origin: string }[];
      expect(indexes.every((i) => i.origin === 'pk')).toBe(true);
    }
    expect(h.db.sqlite.pragma('secure_delete', { simple: true })).toBe(1);
    expect(h.db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('after close no token, and no user ref of those who answered, is left in the file, the WAL or the SHM', async () => {
    h = await createHarness({ secret: SECRET, start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    await facilitator.command('checkin open', { in: space });
    await h.run();
    const round = openRoundOf(h, group.id);
    const answering = users.slice(0, 4);
    for (const [i, u] of answering.entries()) await answer(u, round.id, scores(i + 1, 2, 3, 4));

    const secrets = createSecrets(SECRET);
    const tokens = answering.map((u) => secrets.participationToken(round.id, u.userRef));
    // The tokens are really stored while the round is open: the search below can find them.
    const stored = (
      h.db.sqlite.prepare('SELECT token FROM checkin_participation WHERE round_id = ?').all(round.id) as {
        token: string;
      }[]
    ).map((r) => r.token);
    expect(stored.sort()).toEqual([...tokens].sort());
    expect(tokens.some((t) => foundIn(rawBytes(h), t))).toBe(true);
    // A non-answering member's token is not there.
    expect(stored).not.toContain(secrets.participationToken(round.id, users[4]!.userRef));
    // Tokens differ from round to round for the same person.
    expect(secrets.participationToken('another-round', answering[0]!.userRef)).not.toBe(tokens[0]);

    await facilitator.command('checkin close', { in: space });
    // Straight after the close the WAL was checkpointed and truncated.
    expect(existsSync(`${h.file}-wal`) ? readFileSync(`${h.file}-wal`).length : 0).toBe(0);
    expect(participationCount(h)).toBe(0);
    for (const t of tokens) expect(foundIn(rawBytes(h), t)).toBe(false);
    // Sending the results writes again; still no token anywhere.
    await h.run();
    const bytes = rawBytes(h);
    for (const t of tokens) expect(foundIn(bytes, t)).toBe(false);

    // No check-in table holds a user ref, a display name or a person id of those who answered.
    for (const table of CHECKIN_TABLES) {
      const dump = JSON.stringify(h.db.sqlite.prepare(`SELECT * FROM ${table}`).all());
      for (const u of answering) {
        const person = h.store.people.findByUserRef('memory', u.userRef)!;
        expect(dump).not.toContain(u.userRef);
        expect(dump).not.toContain(u.displayName);
        expect(dump).not.toContain(person.id);
      }
    }
    // Still a released result: what remains is counters only.
    const tally = h.store.checkins.tally(round.id);
    expect(tally.workload).toEqual([1, 1, 1, 1, 0]);
  });

  it('an answer changes the counters and one token, and nothing else in the database', async () => {
    h = await createHarness({ secret: SECRET, start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    await facilitator.command('checkin open', { in: space });
    await h.run();
    const round = openRoundOf(h, group.id);
    const tables = (
      h.db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    )
      .map((t) => t.name)
      .filter((t) => t !== 'checkin_tally' && t !== 'checkin_participation');
    const dump = () =>
      Object.fromEntries(tables.map((t) => [t, h.db.sqlite.prepare(`SELECT * FROM "${t}"`).all()]));
    const tally = () => h.store.checkins.tally(round.id);
    for (const [i, u] of users.entries()) {
      await u.press({ action: 'checkin.answer', value: round.id });
      const before = dump();
      const tallyBefore = tally();
      await u.submit(scores(1 + (i % 5), 2, 3, 4));
      expect(dump()).toEqual(before);
      const after = tally();
      expect(after.workload[i % 5]).toBe(tallyBefore.workload[i % 5]! + 1);
      expect(participationCount(h, round.id)).toBe(i + 1);
    }
  });

  it('uninstalling during an open round leaves no token and no counter', async () => {
    h = await createHarness({ secret: SECRET, start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    await facilitator.command('checkin open', { in: space });
    const round = openRoundOf(h, group.id);
    for (const u of users.slice(0, 3)) await answer(u, round.id, scores(2));
    const tokens = users
      .slice(0, 3)
      .map((u) => createSecrets(SECRET).participationToken(round.id, u.userRef));
    expect(tokens.some((t) => foundIn(rawBytes(h), t))).toBe(true);
    await h.platform.uninstall();
    expect(participationCount(h)).toBe(0);
    expect(h.db.sqlite.prepare('SELECT count(*) AS n FROM checkin_tally').get()).toEqual({ n: 0 });
    const bytes = rawBytes(h);
    for (const t of tokens) expect(foundIn(bytes, t)).toBe(false);
    for (const u of users) expect(foundIn(bytes, u.userRef)).toBe(false);
  });

  it('a round closed by the schedule leaves no token either', async () => {
    h = await createHarness({ secret: SECRET, start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    await facilitator.command('checkin open', { in: space });
    const round = openRoundOf(h, group.id);
    for (const u of users.slice(0, 2)) await answer(u, round.id, scores(3));
    const secrets = createSecrets(SECRET);
    const tokens = users.slice(0, 2).map((u) => secrets.participationToken(round.id, u.userRef));
    await h.advanceTo(new Date(round.closesAt.getTime() + 3_600_000).toISOString(), 6 * 3_600_000);
    expect(h.store.checkins.getRound(round.id)?.status).toBe('closed');
    const bytes = rawBytes(h);
    for (const t of tokens) expect(foundIn(bytes, t)).toBe(false);
  });
});
