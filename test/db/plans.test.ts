import { afterAll, describe, expect, it } from 'vitest';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';
import type { ActionPlan, Report } from '../../src/core/domain/plan.js';
import type { Store } from '../../src/core/ports/store.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { at, describeStore, freshStore, makeCase, makeGroup, makePerson, makeSession } from './fixtures.js';

function makePlan(overrides: Partial<ActionPlan> = {}): ActionPlan {
  return {
    id: 'pl1',
    caseId: 'c1',
    authorId: 'p1',
    groupId: 'g1',
    what: 'Ask my site director for a one-to-one before the monthly review.',
    withWhom: 'My site director',
    support: 'A reading of my arguments',
    visibility: 'me',
    followUpOn: '2026-03-20',
    followUp: 'active',
    report: null,
    createdAt: at('2026-03-11T09:00:00.123Z'),
    updatedAt: at('2026-03-11T09:00:00.123Z'),
    ...overrides,
  };
}

const report = (overrides: Partial<Report> = {}): Report => ({
  outcome: 'partly',
  happened: 'The one-to-one was postponed twice.',
  learned: 'Write a short note before asking.',
  share: 'group',
  reportedAt: at('2026-03-20T10:00:00.456Z'),
  digestedFor: null,
  ...overrides,
});

function seed(store: Store): void {
  store.groups.insert(makeGroup());
  store.groups.insert(makeGroup({ id: 'g2', spaceAddress: 'slack:T1:C2' }));
  store.people.insert(makePerson());
  store.people.insert(makePerson({ id: 'p2', userRef: 'U2' }));
  store.sessions.insert(makeSession());
  for (const id of ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']) store.cases.insert(makeCase({ id }));
  store.cases.insert(makeCase({ id: 'c7', authorId: 'p2' }));
  store.cases.insert(makeCase({ id: 'c8', groupId: 'g2' }));
}

const ids = (plans: { id: string }[]) => plans.map((p) => p.id);

describeStore('PlanRepository', () => {
  it('round-trips a plan, then its report, by id and by case', () => {
    const { store } = freshStore();
    seed(store);
    const plan = makePlan();
    store.plans.insert(plan);
    expect(store.plans.get('pl1')).toEqual(plan);
    expect(store.plans.getByCase('c1')).toEqual(plan);
    expect(store.plans.get('pl2')).toBeUndefined();
    expect(store.plans.getByCase('c2')).toBeUndefined();

    const edited = makePlan({
      what: 'Something else',
      withWhom: '',
      support: '',
      visibility: 'group',
      followUpOn: '2026-03-27',
      followUp: 'paused',
      updatedAt: at('2026-03-12T09:00:00.001Z'),
    });
    store.plans.update(edited);
    expect(store.plans.get('pl1')).toEqual(edited);

    const reported = { ...edited, report: report({ learned: '', digestedFor: 's1' }) };
    store.plans.update(reported);
    expect(store.plans.getByCase('c1')).toEqual(reported);
  });

  it('stores one plan per case', () => {
    const { store } = freshStore();
    seed(store);
    store.plans.insert(makePlan());
    expect(() => store.plans.insert(makePlan({ id: 'pl2' }))).toThrow();
    expect(ids(store.plans.listByAuthor('p1'))).toEqual(['pl1']);
  });

  it('lists an author’s and a group’s plans, latest written first (the id breaks a tie, byte by byte)', () => {
    const { store } = freshStore();
    seed(store);
    store.plans.insert(makePlan({ id: 'old', caseId: 'c1', createdAt: at('2026-02-01T00:00:00Z') }));
    store.plans.insert(makePlan({ id: 'a', caseId: 'c2', createdAt: at('2026-03-01T00:00:00Z') }));
    store.plans.insert(makePlan({ id: 'B', caseId: 'c3', createdAt: at('2026-03-01T00:00:00Z') }));
    store.plans.insert(makePlan({ id: 'theirs', caseId: 'c7', authorId: 'p2' }));
    store.plans.insert(makePlan({ id: 'elsewhere', caseId: 'c8', groupId: 'g2' }));

    expect(ids(store.plans.listByAuthor('p1'))).toEqual(['elsewhere', 'a', 'B', 'old']);
    expect(ids(store.plans.listByAuthor('p2'))).toEqual(['theirs']);
    expect(ids(store.plans.listByGroup('g1', 10))).toEqual(['theirs', 'a', 'B', 'old']);
    expect(ids(store.plans.listByGroup('g1', 2))).toEqual(['theirs', 'a']);
    expect(store.plans.listByGroup('none', 10)).toEqual([]);
  });

  it('lists the plans awaiting their follow-up: not reported, not dismissed (paused ones wait)', () => {
    const { store } = freshStore();
    seed(store);
    store.plans.insert(makePlan({ id: 'active', caseId: 'c1', createdAt: at('2026-03-01T00:00:00Z') }));
    store.plans.insert(
      makePlan({ id: 'paused', caseId: 'c2', followUp: 'paused', createdAt: at('2026-03-02T00:00:00Z') }),
    );
    store.plans.insert(makePlan({ id: 'dismissed', caseId: 'c3', followUp: 'dismissed' }));
    store.plans.insert(makePlan({ id: 'reported', caseId: 'c4', report: report() }));
    store.plans.insert(
      makePlan({ id: 'other', caseId: 'c8', groupId: 'g2', createdAt: at('2026-03-03T00:00:00Z') }),
    );

    expect(ids(store.plans.listAwaitingFollowUp()).sort()).toEqual(['active', 'other', 'paused']);
  });

  it('lists the reports a digest carries, oldest report first; marks them carried by a session', () => {
    const { store } = freshStore();
    seed(store);
    store.sessions.insert(makeSession({ id: 's2', startsAt: at('2026-04-10T08:00:00Z') }));
    const reportedAt = (iso: string) => at(iso);
    store.plans.insert(
      makePlan({
        id: 'late',
        caseId: 'c1',
        report: report({ reportedAt: reportedAt('2026-03-21T00:00:00Z') }),
      }),
    );
    store.plans.insert(
      makePlan({
        id: 'b',
        caseId: 'c2',
        report: report({ share: 'announce', reportedAt: reportedAt('2026-03-20T00:00:00Z') }),
      }),
    );
    store.plans.insert(
      makePlan({
        id: 'a',
        caseId: 'c3',
        report: report({ share: 'facilitators', reportedAt: reportedAt('2026-03-20T00:00:00Z') }),
      }),
    );
    store.plans.insert(makePlan({ id: 'private', caseId: 'c4', report: report({ share: 'no' }) }));
    store.plans.insert(makePlan({ id: 'unreported', caseId: 'c5' }));
    store.plans.insert(makePlan({ id: 'told', caseId: 'c6', report: report({ digestedFor: 's2' }) }));
    store.plans.insert(makePlan({ id: 'elsewhere', caseId: 'c8', groupId: 'g2', report: report() }));

    expect(ids(store.plans.listReportsToDigest('g1', 's1'))).toEqual(['a', 'b', 'late']);
    // The digest of s2 being rewritten: what it carried is carried again.
    expect(ids(store.plans.listReportsToDigest('g1', 's2'))).toEqual(['a', 'b', 'told', 'late']);
    expect(ids(store.plans.listReportsToDigest('g2', 's1'))).toEqual(['elsewhere']);

    store.plans.markDigested([], 's1');
    store.plans.markDigested(['a', 'late'], 's1');
    expect(store.plans.get('a')?.report?.digestedFor).toBe('s1');
    expect(ids(store.plans.listReportsToDigest('g1', 's1'))).toEqual(['a', 'b', 'late']);
    expect(ids(store.plans.listReportsToDigest('g1', 's2'))).toEqual(['b', 'told']);
  });

  it('deletes an author’s plans and counts them; a case erased takes its plan', () => {
    const { store } = freshStore();
    seed(store);
    store.plans.insert(makePlan({ id: 'a', caseId: 'c1' }));
    store.plans.insert(makePlan({ id: 'b', caseId: 'c8', groupId: 'g2', report: report() }));
    store.plans.insert(makePlan({ id: 'theirs', caseId: 'c7', authorId: 'p2' }));
    expect(store.plans.deleteByAuthor('p1')).toBe(2);
    expect(store.plans.deleteByAuthor('p1')).toBe(0);
    expect(store.plans.listByAuthor('p1')).toEqual([]);
    expect(store.cases.deleteByAuthor('p2')).toBe(1);
    expect(store.plans.get('theirs')).toBeUndefined();
  });
});

describe.skipIf(!postgresAdminUrl() && process.env.CAIRN_REQUIRE_POSTGRES !== '1')(
  'PlanRepository on several instances (PostgreSQL)',
  () => {
    const handles: PgHandle[] = [];
    afterAll(() => {
      for (const h of handles) h.close();
    });

    it('a plan read in a transaction, by id or by case, holds it: a second submission elsewhere waits', () => {
      const url = createTestDatabase('cairn_plans');
      const a = openPgStore({ url, poolSize: 2 });
      handles.push(a);
      const b = openPgStore({ url, poolSize: 2, statementTimeoutMs: 1_000 });
      handles.push(b);
      seed(a.store);
      a.store.transaction(() => {
        expect(a.store.plans.getByCase('c1')).toBeUndefined();
        expect(a.store.plans.get('pl1')).toBeUndefined();
        expect(() => b.store.transaction(() => b.store.plans.getByCase('c1'))).toThrow(/lock timeout/);
        expect(() => b.store.transaction(() => b.store.plans.get('pl1'))).toThrow(/lock timeout/);
        expect(b.store.transaction(() => b.store.plans.getByCase('c2'))).toBeUndefined();
        a.store.plans.insert(makePlan());
      });
      // Once A committed, B edits the plan A wrote rather than writing another.
      expect(b.store.transaction(() => b.store.plans.getByCase('c1'))?.id).toBe('pl1');
    });
  },
);
