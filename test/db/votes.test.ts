import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';
import { DEFAULT_CASE_CHOICE } from '../../src/core/domain/group.js';
import type { BallotRound } from '../../src/core/domain/vote.js';
import type { Store } from '../../src/core/ports/store.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import {
  at,
  describeStore,
  freshStore,
  makeCase,
  makeGroup,
  makePerson,
  makeSession,
  secondStore,
} from './fixtures.js';

const run = promisify(execFile);

const makeRound = (overrides: Partial<BallotRound> = {}): BallotRound => ({
  id: 'r1',
  groupId: 'g1',
  sessionId: 's1',
  status: 'open',
  maxChoices: 2,
  hiddenCases: 1,
  openedAt: at('2026-03-07T08:00:00.000Z'),
  closesAt: at('2026-03-09T08:00:00.000Z'),
  closedAt: null,
  voters: null,
  released: false,
  ...overrides,
});

/** One ballot as cast-ballot.ts casts it: the token and the chosen counters in one transaction. */
const cast = (store: Store, roundId: string, token: string, choices: string[]) =>
  store.transaction(() => {
    if (!store.votes.addParticipation(roundId, token)) return false;
    for (const c of choices) store.votes.increment(roundId, c);
    return true;
  });

describeStore('VoteRepository', () => {
  it('opens a round with a counter at zero per case, in key order, each case once', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    const round = makeRound();
    store.votes.insertRound(round, ['cB', 'cA', 'c10', 'cA', 'c9']);
    expect(store.votes.getRound('r1')).toEqual(round);
    expect(store.votes.getRound('nope')).toBeUndefined();
    expect(store.votes.ballotCases('r1')).toEqual(['c10', 'c9', 'cA', 'cB']);
    expect([...store.votes.counts('r1')]).toEqual([
      ['c10', 0],
      ['c9', 0],
      ['cA', 0],
      ['cB', 0],
    ]);
    expect(store.votes.participationCount('r1')).toBe(0);
  });

  it('counts a ballot once: a second ballot with the same token is refused and counts nothing', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    store.votes.insertRound(makeRound(), ['cA', 'cB', 'cC']);
    expect(cast(store, 'r1', 'tok-2', ['cA', 'cC'])).toBe(true);
    expect(cast(store, 'r1', 'tok-1', ['cC'])).toBe(true);
    expect(cast(store, 'r1', 'tok-2', ['cB'])).toBe(false);
    expect(store.votes.hasParticipation('r1', 'tok-1')).toBe(true);
    expect(store.votes.hasParticipation('r1', 'tok-3')).toBe(false);
    expect(store.votes.hasParticipation('r2', 'tok-1')).toBe(false);
    expect(store.votes.participationCount('r1')).toBe(2);
    expect(Object.fromEntries(store.votes.counts('r1'))).toEqual({ cA: 1, cB: 0, cC: 2 });
  });

  it('refuses a counter that is not on the ballot, and the ballot rolls back whole', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    store.votes.insertRound(makeRound(), ['cA', 'cB']);
    expect(() => cast(store, 'r1', 'tok-1', ['cA', 'cZ'])).toThrow();
    expect(store.votes.participationCount('r1')).toBe(0);
    expect(Object.fromEntries(store.votes.counts('r1'))).toEqual({ cA: 0, cB: 0 });
  });

  it('refuses a second ballot from another instance', () => {
    const { store, file } = freshStore();
    const other = secondStore(file);
    store.groups.insert(makeGroup());
    store.votes.insertRound(makeRound(), ['cA', 'cB']);
    expect(cast(store, 'r1', 'tok-1', ['cA'])).toBe(true);
    expect(cast(other, 'r1', 'tok-1', ['cB'])).toBe(false);
    expect(cast(other, 'r1', 'tok-2', ['cB'])).toBe(true);
    expect(Object.fromEntries(store.votes.counts('r1'))).toEqual({ cA: 1, cB: 1 });
  });

  it('finds the latest round of a session and the open ones, soonest to close first', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    store.groups.insert(makeGroup({ id: 'g2', spaceAddress: 'slack:T1:C2' }));
    store.votes.insertRound(
      makeRound({ id: 'r1', status: 'closed', closedAt: at('2026-03-08T08:00:00Z') }),
      [],
    );
    store.votes.insertRound(makeRound({ id: 'r2', openedAt: at('2026-03-08T09:00:00Z') }), ['cA']);
    store.votes.insertRound(makeRound({ id: 'r0', openedAt: at('2026-03-08T09:00:00Z') }), ['cA']);
    store.votes.insertRound(makeRound({ id: 'r4', sessionId: 's2', closesAt: at('2026-03-08T08:00:00Z') }), [
      'cA',
    ]);
    store.votes.insertRound(makeRound({ id: 'r3', groupId: 'g2', sessionId: 's3' }), ['cA']);
    // The latest opened; between two opened at once, the greater id (as SQLite orders them).
    expect(store.votes.roundOfSession('s1')?.id).toBe('r2');
    expect(store.votes.roundOfSession('nope')).toBeUndefined();
    expect(store.votes.openRoundsOf('g1').map((r) => r.id)).toEqual(['r4', 'r0', 'r2']);
    expect(store.votes.listOpen().map((r) => r.id)).toEqual(['r4', 'r0', 'r2', 'r3']);
  });

  it('closes once, deletes the tokens, and keeps counts only when released', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    store.votes.insertRound(makeRound(), ['cA', 'cB']);
    store.votes.insertRound(makeRound({ id: 'r2', sessionId: 's2' }), ['cA', 'cB']);
    for (const t of ['t1', 't2', 't3']) cast(store, 'r1', t, ['cA']);
    cast(store, 'r2', 't1', ['cB']);

    const closedAt = at('2026-03-09T08:00:00.000Z');
    expect(store.votes.close('r1', closedAt, 3, true)).toBe(true);
    expect(store.votes.close('r1', closedAt, 3, true)).toBe(false);
    expect(store.votes.deleteParticipation('r1')).toBe(3);
    expect(store.votes.getRound('r1')).toMatchObject({
      status: 'closed',
      closedAt,
      voters: 3,
      released: true,
    });
    expect(Object.fromEntries(store.votes.counts('r1'))).toEqual({ cA: 3, cB: 0 });

    expect(store.votes.close('r2', closedAt, null, false)).toBe(true);
    expect(store.votes.deleteParticipation('r2')).toBe(1);
    store.votes.clearCounts('r2');
    expect(store.votes.getRound('r2')).toMatchObject({ voters: null, released: false });
    expect(Object.fromEntries(store.votes.counts('r2'))).toEqual({ cA: 0, cB: 0 });
    expect(store.votes.participationCount('r2')).toBe(0);
    expect(store.votes.listOpen()).toEqual([]);
  });

  it('removes a group’s rounds with their counters and tokens, and no other group’s', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    store.groups.insert(makeGroup({ id: 'g2', spaceAddress: 'slack:T1:C2' }));
    store.votes.insertRound(makeRound(), ['cA']);
    store.votes.insertRound(makeRound({ id: 'r2', groupId: 'g2', sessionId: 's2' }), ['cA']);
    cast(store, 'r1', 't1', ['cA']);
    cast(store, 'r2', 't1', ['cA']);
    store.votes.deleteByGroup('g1');
    expect(store.votes.getRound('r1')).toBeUndefined();
    expect(store.votes.ballotCases('r1')).toEqual([]);
    expect(store.votes.hasParticipation('r1', 't1')).toBe(false);
    expect(store.votes.getRound('r2')?.id).toBe('r2');
    expect(Object.fromEntries(store.votes.counts('r2'))).toEqual({ cA: 1 });
    expect(store.votes.hasParticipation('r2', 't1')).toBe(true);
  });
});

describeStore('CaseChoiceRepository', () => {
  it('gives the defaults until settings are saved, then the saved ones, replaced in place', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    expect(store.caseChoice.settingsOf('g1')).toEqual(DEFAULT_CASE_CHOICE);
    store.caseChoice.saveSettings('g1', {
      casesPerSession: 3,
      voteWhenMore: false,
      cycleStartsOn: '2026-01-05',
    });
    expect(store.caseChoice.settingsOf('g1')).toEqual({
      casesPerSession: 3,
      voteWhenMore: false,
      cycleStartsOn: '2026-01-05',
    });
    store.caseChoice.saveSettings('g1', { casesPerSession: 1, voteWhenMore: true, cycleStartsOn: null });
    expect(store.caseChoice.settingsOf('g1')).toEqual({
      casesPerSession: 1,
      voteWhenMore: true,
      cycleStartsOn: null,
    });
  });

  it('records a member’s first join only, and nothing for someone who is not a member', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    for (const [id, ref] of [
      ['p2', 'U2'],
      ['p1', 'U1'],
      ['p3', 'U3'],
    ])
      store.people.insert(makePerson({ id: id!, userRef: ref! }));
    store.memberships.set({ groupId: 'g1', personId: 'p2', role: 'member' });
    store.memberships.set({ groupId: 'g1', personId: 'p1', role: 'facilitator' });
    store.caseChoice.recordJoin('g1', 'p2', at('2026-02-01T09:00:00.000Z'));
    store.caseChoice.recordJoin('g1', 'p1', at('2026-02-02T09:00:00.000Z'));
    store.caseChoice.recordJoin('g1', 'p2', at('2026-02-03T09:00:00.000Z'));
    store.caseChoice.recordJoin('g1', 'p3', at('2026-02-04T09:00:00.000Z'));
    expect([...store.caseChoice.joinedAt('g1')]).toEqual([
      ['p1', at('2026-02-02T09:00:00.000Z')],
      ['p2', at('2026-02-01T09:00:00.000Z')],
    ]);
    // It goes with the membership.
    store.memberships.remove('g1', 'p2');
    expect([...store.caseChoice.joinedAt('g1').keys()]).toEqual(['p1']);
  });

  it('lists presented cases at their session’s start, else when they were marked', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    store.people.insert(makePerson());
    store.people.insert(makePerson({ id: 'p2', userRef: 'U2' }));
    store.sessions.insert(makeSession());
    store.cases.insert(makeCase({ id: 'c1', sessionId: 's1', status: 'presented' }));
    store.cases.insert(
      makeCase({
        id: 'c2',
        authorId: 'p2',
        status: 'presented',
        createdAt: at('2026-02-02T09:00:00.000Z'),
        updatedAt: at('2026-02-20T10:00:00.000Z'),
      }),
    );
    store.cases.insert(makeCase({ id: 'c3', createdAt: at('2026-02-03T09:00:00.000Z') }));
    expect(store.caseChoice.presentations('g1')).toEqual([
      { authorId: 'p1', caseId: 'c1', at: at('2026-03-10T08:00:00.000Z') },
      { authorId: 'p2', caseId: 'c2', at: at('2026-02-20T10:00:00.000Z') },
    ]);
    expect(store.caseChoice.presentations('g2')).toEqual([]);
  });
});

/**
 * On PostgreSQL: ballots from three processes at once (three instances), and what a ballot leaves in the
 * rows a logical copy shows (see db/pg/repositories/votes.ts).
 */
describe.skipIf(!postgresAdminUrl() && process.env.CAIRN_REQUIRE_POSTGRES !== '1')(
  'ballots on PostgreSQL',
  () => {
    const handles: PgHandle[] = [];
    const open = (url: string) => {
      const handle = openPgStore({ url, poolSize: 2 });
      handles.push(handle);
      return handle;
    };
    afterAll(() => {
      for (const h of handles) h.close();
    });
    const roundRows = (pg: PgHandle, roundId: string) =>
      pg.query<{ t: string; key: string; xmin: string; xmax: string; ctid: string }>(
        `select 'p' as t, token as key, xmin::text, xmax::text, ctid::text from case_vote_participation where round_id = $1
         union all
         select 't' as t, case_id as key, xmin::text, xmax::text, ctid::text from case_vote_tally where round_id = $1`,
        [roundId],
      ).rows;
    const ctid = (c: string) => c.slice(1, -1).split(',').map(Number) as [number, number];

    it('after each ballot every row of the round carries its transaction id alone, tokens in key order', () => {
      const pg = open(createTestDatabase('cairn_ballot_rows'));
      pg.store.groups.insert(makeGroup());
      pg.store.votes.insertRound(makeRound(), ['cA', 'cB', 'cC']);
      const seen = new Set<string>();
      for (const [token, choice] of [
        ['tok-5', 'cA'],
        ['tok-1', 'cC'],
        ['tok-9', 'cA'],
        ['tok-3', 'cB'],
      ] as const) {
        expect(cast(pg.store, 'r1', token, [choice])).toBe(true);
        const rows = roundRows(pg, 'r1');
        const xmins = new Set(rows.map((r) => r.xmin));
        expect(xmins.size).toBe(1);
        const [xmin] = xmins;
        expect(seen.has(xmin!)).toBe(false);
        seen.add(xmin!);
        expect(rows.every((r) => r.xmax === '0')).toBe(true);
        // No row of any other table was written by the ballot's transaction.
        const others = pg.query<{ n: string }>(
          `select (select count(*) from case_vote_rounds where xmin::text = $1)
                + (select count(*) from groups where xmin::text = $1) as n`,
          [xmin],
        ).rows[0]!;
        expect(Number(others.n)).toBe(0);
        const tokens = rows
          .filter((r) => r.t === 'p')
          .sort((a, b) => {
            const [pa, ia] = ctid(a.ctid);
            const [pb, ib] = ctid(b.ctid);
            return pa - pb || ia - ib;
          })
          .map((r) => r.key);
        expect(tokens).toEqual([...tokens].sort());
      }
      // At close the counters kept carry the closing transaction's id, not the last ballot's.
      const last = [...seen].at(-1);
      pg.store.transaction(() => {
        pg.store.votes.close('r1', at('2026-03-09T08:00:00Z'), 4, true);
        pg.store.votes.deleteParticipation('r1');
      });
      const after = roundRows(pg, 'r1');
      expect(after.map((r) => r.t)).toEqual(['t', 't', 't']);
      expect(after.some((r) => r.xmin === last)).toBe(false);
      expect(Object.fromEntries(pg.store.votes.counts('r1'))).toEqual({ cA: 2, cB: 1, cC: 1 });
    });

    it('ballots from three processes at once: each token counted once, every ballot in the counts', async () => {
      const url = createTestDatabase('cairn_ballots');
      const setup = open(url);
      setup.store.groups.insert(makeGroup());
      setup.store.votes.insertRound(makeRound(), ['cA', 'cB', 'cC']);
      const tokens = Array.from({ length: 30 }, (_, i) => `token-${String(i).padStart(2, '0')}`);
      // Every process casts every token's ballot: 30 count, the 60 others are refused as second ballots.
      const script = join(import.meta.dirname, '..', 'support', 'pg-ballot-loop.ts');
      const order = (shift: number) => [...tokens.slice(shift), ...tokens.slice(0, shift)].join(',');
      const results = await Promise.all(
        [0, 10, 20].map(async (shift) => {
          const { stdout } = await run('npx', ['tsx', script, url, 'r1', 'cA,cB,cC', order(shift)], {
            timeout: 120_000,
          });
          return JSON.parse(stdout.trim()) as { counted: number; refused: number };
        }),
      );
      expect(results.reduce((n, r) => n + r.counted, 0)).toBe(30);
      expect(results.reduce((n, r) => n + r.refused, 0)).toBe(60);
      // Last digits 0–9 three times each: case index digit % 3.
      expect(Object.fromEntries(setup.store.votes.counts('r1'))).toEqual({ cA: 12, cB: 9, cC: 9 });
      expect(setup.store.votes.participationCount('r1')).toBe(30);
      expect(new Set(roundRows(setup, 'r1').map((r) => r.xmin)).size).toBe(1);
    }, 240_000);
  },
);
