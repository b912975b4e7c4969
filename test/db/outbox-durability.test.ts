import { expect, it } from 'vitest';
import type { NewOutboxItem } from '../../src/core/ports/repositories/outbox.js';
import { at, describeStore, freshStore, makeGroup, secondStore } from './fixtures.js';

/**
 * What issue 16 added to the outbox, on both engines: the outcome of a send recorded under its claim only,
 * rows dropped past their use, a give-up budget counted from the first failure, rows of a suspended group
 * held (not listed, not given up) and deleted with it.
 */

const t0 = at('2026-03-01T08:00:00Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);

const item = (id: string, overrides: Partial<NewOutboxItem> = {}): NewOutboxItem => ({
  id,
  platform: 'slack',
  kind: 'direct',
  address: 'U1',
  message: { fallbackText: id, blocks: [{ type: 'text', text: id }] },
  personId: 'p1',
  ...overrides,
});

const dueIds = (store: ReturnType<typeof freshStore>['store'], now: Date, limit = 10) =>
  store.outbox.listDue(now, limit).map((i) => i.id);

describeStore('OutboxRepository: claims, expiry, give-up budget, suspended groups (issue 16)', () => {
  it('only the current claim records the outcome: a sender whose lease ran out changes nothing', () => {
    const { store, file } = freshStore();
    const other = secondStore(file);
    store.outbox.enqueue(item('o1'), t0);
    const late = store.outbox.claim('o1', 0, t0, plus(30_000))!;
    // A's lease runs out; B takes the row over and is sending it.
    const current = other.outbox.claim('o1', 1, plus(30_001), plus(60_000))!;
    store.outbox.retryLater('o1', plus(30_002), 'HTTP 500', true, late, plus(30_002));
    store.outbox.markSent('o1', 'ref-a', plus(30_002), late);
    store.outbox.markDead('o1', 'x', late);
    expect(store.outbox.cancel('o1', 'x', late)).toBe(false);
    expect(store.outbox.get('o1')).toMatchObject({ status: 'sending', ref: null, attempts: 2 });
    other.outbox.markSent('o1', 'ref-b', plus(30_003), current);
    expect(store.outbox.get('o1')).toMatchObject({ status: 'sent', ref: 'ref-b' });
  });

  it('counts the give-up budget from the first failure; rows never tried or of a suspended group are kept', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    for (const id of ['failing', 'untried']) store.outbox.enqueue(item(id), t0);
    store.outbox.enqueue(item('held', { groupId: 'g1' }), t0);
    for (const id of ['failing', 'held']) {
      const claim = store.outbox.claim(id, 0, plus(1_000), plus(31_000))!;
      store.outbox.retryLater(id, plus(2_000), 'HTTP 500', true, claim, plus(1_000));
    }
    expect(store.outbox.get('failing')?.failingSince).toEqual(plus(1_000));
    // A second failure does not move the start of the budget.
    const claim = store.outbox.claim('failing', 1, plus(2_000), plus(32_000))!;
    store.outbox.retryLater('failing', plus(3_000), 'HTTP 500', true, claim, plus(2_000));
    expect(store.outbox.get('failing')?.failingSince).toEqual(plus(1_000));
    store.groups.suspend({ groupId: 'g1', reason: 'space', since: plus(1_500) });
    expect(dueIds(store, plus(5_000))).toEqual(['untried', 'failing']);
    expect(store.outbox.nextDueAt()).toEqual(t0);

    expect(store.outbox.giveUpBefore(plus(1_000), 'gave up')).toEqual([]);
    expect(store.outbox.giveUpBefore(plus(1_001), 'gave up')).toEqual(['failing']);
    expect(store.outbox.get('failing')).toMatchObject({ status: 'dead', lastError: 'gave up' });
    expect(store.outbox.get('untried')?.status).toBe('pending');
    expect(store.outbox.get('held')?.status).toBe('pending');

    // The group resumes: its held row is due at once, with a fresh budget.
    store.groups.resume('g1');
    store.outbox.resumeGroup('g1', plus(9_000));
    expect(store.outbox.get('held')).toMatchObject({ nextAttemptAt: plus(9_000), failingSince: null });
    // An operator's revive starts a new budget too.
    expect(store.outbox.revive('failing', plus(9_000))).toBe(true);
    expect(store.outbox.get('failing')?.failingSince).toBeNull();
  });

  it('drops pending rows past their expiry, and deletes a prefix unsent', () => {
    const { store } = freshStore();
    store.outbox.enqueue(item('soon', { expiresAt: plus(1_000) }), t0);
    store.outbox.enqueue(item('later', { expiresAt: plus(5_000) }), t0);
    store.outbox.enqueue(item('case-submitted:c1:f1'), t0);
    store.outbox.enqueue(item('case-submitted:c1:f2'), t0);
    store.outbox.markSent('case-submitted:c1:f2', 'r', t0);
    expect(store.outbox.expireDue(plus(999))).toBe(0);
    expect(store.outbox.expireDue(plus(1_000))).toBe(1);
    expect(store.outbox.get('soon')).toMatchObject({ status: 'cancelled', lastError: 'expired' });
    expect(store.outbox.get('later')?.status).toBe('pending');
    expect(store.outbox.deleteUnsentByIdPrefix('case-submitted:c1:')).toBe(1);
    expect(store.outbox.get('case-submitted:c1:f1')).toBeUndefined();
    expect(store.outbox.get('case-submitted:c1:f2')?.status).toBe('sent');
  });

  it('stores and lists the expiry, group and audience of a row', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    store.outbox.enqueue(item('o1', { expiresAt: plus(60_000), groupId: 'g1', audience: 'facilitator' }), t0);
    const extra = { expiresAt: plus(60_000), groupId: 'g1', audience: 'facilitator', failingSince: null };
    expect(store.outbox.get('o1')).toMatchObject(extra);
    expect(store.outbox.listDue(t0, 10)).toEqual([
      {
        id: 'o1',
        platform: 'slack',
        kind: 'direct',
        address: 'U1',
        personId: 'p1',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: t0,
        ref: null,
        lastError: null,
        createdAt: t0,
        sentAt: null,
        ...extra,
      },
    ]);
  });

  it('a claim is a fresh token each time; without a claim the outcome is recorded as before', () => {
    const { store } = freshStore();
    store.outbox.enqueue(item('o1'), t0);
    const first = store.outbox.claim('o1', 0, t0, plus(30_000));
    store.outbox.retryLater('o1', t0, 'HTTP 500', true);
    const second = store.outbox.claim('o1', 1, t0, plus(30_000));
    expect(first).toEqual(expect.any(String));
    expect(second).toEqual(expect.any(String));
    expect(second).not.toBe(first);
    // The first claim is stale: it records nothing; the current one does.
    store.outbox.markDead('o1', 'late', first!);
    expect(store.outbox.get('o1')?.status).toBe('sending');
    store.outbox.markDead('o1', 'channel_not_found', second!);
    expect(store.outbox.get('o1')).toMatchObject({ status: 'dead', lastError: 'channel_not_found' });
  });

  it('a claim records nothing on a row that is pending again (its lease ran out and it was put back)', () => {
    const { store, file } = freshStore();
    const other = secondStore(file);
    store.outbox.enqueue(item('o1'), t0);
    const late = store.outbox.claim('o1', 0, t0, plus(30_000))!;
    const current = other.outbox.claim('o1', 1, plus(30_001), plus(60_000))!;
    other.outbox.retryLater('o1', plus(40_000), 'rate limited', false, current);
    store.outbox.markSent('o1', 'ref-a', plus(30_002), late);
    expect(store.outbox.cancel('o1', 'x', late)).toBe(false);
    store.outbox.retryLater('o1', plus(30_003), 'HTTP 500', true, late, plus(30_003));
    expect(store.outbox.get('o1')).toMatchObject({
      status: 'pending',
      ref: null,
      attempts: 1,
      nextAttemptAt: plus(40_000),
      lastError: 'rate limited',
      failingSince: null,
    });
  });

  it('cancel drops a pending row, or a row in flight under its claim, never a sent one', () => {
    const { store } = freshStore();
    for (const id of ['pending', 'inflight', 'sent']) store.outbox.enqueue(item(id), t0);
    const claim = store.outbox.claim('inflight', 0, t0, plus(30_000))!;
    store.outbox.markSent('sent', 'r', t0);

    expect(store.outbox.cancel('pending', 'not a member any more')).toBe(true);
    expect(store.outbox.cancel('inflight', 'left', 'another claim')).toBe(false);
    expect(store.outbox.cancel('inflight', 'left', claim)).toBe(true);
    expect(store.outbox.cancel('sent', 'too late')).toBe(false);
    expect(store.outbox.cancel('missing', 'x')).toBe(false);
    expect(store.outbox.get('pending')).toMatchObject({
      status: 'cancelled',
      lastError: 'not a member any more',
    });
    expect(store.outbox.get('inflight')).toMatchObject({ status: 'cancelled', lastError: 'left' });
    expect(store.outbox.get('sent')?.status).toBe('sent');
    // Cancelled rows are neither due nor counted as waiting.
    expect(dueIds(store, plus(60_000))).toEqual([]);
    expect(store.outbox.backlog()).toEqual({ pending: 0, dead: 0, oldestPendingAt: null });
  });

  it('a row without a claim given counts the failure from now too, and a rate limit does not', () => {
    const { store } = freshStore();
    for (const id of ['failed', 'limited', 'unknown']) {
      store.outbox.enqueue(item(id), t0);
      store.outbox.claim(id, 0, t0, plus(30_000));
    }
    store.outbox.retryLater('failed', plus(1_000), 'HTTP 500', true, undefined, plus(10));
    store.outbox.retryLater('limited', plus(1_000), 'rate limited', false, undefined, plus(10));
    store.outbox.retryLater('unknown', plus(1_000), 'HTTP 500', true);
    expect(store.outbox.get('failed')).toMatchObject({ attempts: 1, failingSince: plus(10) });
    expect(store.outbox.get('limited')).toMatchObject({ attempts: 0, failingSince: null });
    expect(store.outbox.get('unknown')).toMatchObject({ attempts: 1, failingSince: null });
  });

  it('expires only pending rows, and a row without expiry never', () => {
    const { store } = freshStore();
    store.outbox.enqueue(item('forever'), t0);
    store.outbox.enqueue(item('inflight', { expiresAt: plus(10) }), t0);
    store.outbox.enqueue(item('sent', { expiresAt: plus(10) }), t0);
    store.outbox.claim('inflight', 0, t0, plus(30_000));
    store.outbox.markSent('sent', 'r', t0);
    expect(store.outbox.expireDue(plus(1_000_000_000))).toBe(0);
    expect(store.outbox.get('forever')?.status).toBe('pending');
    expect(store.outbox.get('inflight')?.status).toBe('sending');
    expect(store.outbox.get('sent')?.status).toBe('sent');
  });

  it('gives up rows in due order, and no row in flight', () => {
    const { store } = freshStore();
    for (const [id, due] of [
      ['b', 3_000],
      ['a', 3_000],
      ['first', 2_000],
      ['inflight', 1_000],
    ] as const) {
      store.outbox.enqueue(item(id), t0);
      const claim = store.outbox.claim(id, 0, t0, plus(30_000))!;
      store.outbox.retryLater(id, plus(due), 'HTTP 500', true, claim, plus(100));
    }
    store.outbox.claim('inflight', 1, plus(1_000), plus(60_000));
    expect(store.outbox.giveUpBefore(plus(101), 'gave up')).toEqual(['first', 'a', 'b']);
    expect(store.outbox.get('inflight')?.status).toBe('sending');
    expect(store.outbox.backlog()).toEqual({ pending: 1, dead: 3, oldestPendingAt: t0 });
  });

  it('holds the rows of a suspended group: not listed, not due, even once abandoned; deleted with the group', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    store.groups.insert(makeGroup({ id: 'g2', spaceAddress: 'slack:T1:C2' }));
    store.outbox.enqueue(item('held', { groupId: 'g1' }), t0);
    store.outbox.enqueue(item('abandoned', { groupId: 'g1' }), plus(-5_000));
    store.outbox.enqueue(item('other', { groupId: 'g2' }), plus(1_000));
    store.outbox.enqueue(item('free'), plus(2_000));
    store.outbox.claim('abandoned', 0, t0, plus(1_000));
    expect(store.groups.suspend({ groupId: 'g1', reason: 'workspace', since: t0 })).toBe(true);

    expect(dueIds(store, plus(10_000))).toEqual(['other', 'free']);
    expect(store.outbox.listDue(plus(10_000), 10, { at: plus(1_000), id: 'other' }).map((r) => r.id)).toEqual(
      ['free'],
    );
    expect(store.outbox.nextDueAt()).toEqual(plus(1_000));
    // Held rows still count as waiting (they are not lost).
    expect(store.outbox.backlog().pending).toBe(4);

    store.outbox.deleteByGroup('g1');
    expect(store.outbox.get('held')).toBeUndefined();
    expect(store.outbox.get('abandoned')).toBeUndefined();
    expect(store.outbox.get('other')?.status).toBe('pending');
  });

  it('resumes only the pending rows of the group, due at once with a fresh budget', () => {
    const { store } = freshStore();
    store.groups.insert(makeGroup());
    store.outbox.enqueue(item('later', { groupId: 'g1' }), plus(50_000));
    store.outbox.enqueue(item('sent', { groupId: 'g1' }), t0);
    store.outbox.enqueue(item('elsewhere'), plus(50_000));
    store.outbox.markSent('sent', 'r', t0);
    store.outbox.resumeGroup('g1', plus(1_000));
    expect(store.outbox.get('later')?.nextAttemptAt).toEqual(plus(1_000));
    expect(store.outbox.get('sent')?.nextAttemptAt).toEqual(t0);
    expect(store.outbox.get('elsewhere')?.nextAttemptAt).toEqual(plus(50_000));
  });

  it('hurry makes pending rows waiting for later due now, and leaves the others', () => {
    const { store } = freshStore();
    store.outbox.enqueue(item('waiting'), plus(60_000));
    store.outbox.enqueue(item('early'), plus(-1_000));
    store.outbox.enqueue(item('inflight'), plus(60_000));
    store.outbox.enqueue(item('untouched'), plus(60_000));
    store.outbox.claim('inflight', 0, plus(60_000), plus(90_000));
    const many = Array.from({ length: 1_200 }, (_, i) => `m${String(i).padStart(4, '0')}`);
    store.transaction(() => {
      for (const id of many) store.outbox.enqueue(item(id), plus(60_000));
    });
    store.outbox.hurry(['waiting', 'early', 'inflight', 'missing', ...many], t0);
    store.outbox.hurry([], t0);
    expect(store.outbox.get('waiting')?.nextAttemptAt).toEqual(t0);
    expect(store.outbox.get('early')?.nextAttemptAt).toEqual(plus(-1_000));
    expect(store.outbox.get('inflight')?.nextAttemptAt).toEqual(plus(60_000));
    expect(store.outbox.get('untouched')?.nextAttemptAt).toEqual(plus(60_000));
    expect(store.outbox.get('m1199')?.nextAttemptAt).toEqual(t0);
    expect(store.outbox.listDue(t0, 2000)).toHaveLength(1_202);
  });

  it('deletes by a literal prefix (% and _ are themselves), unsent rows only when asked', () => {
    const { store } = freshStore();
    for (const id of ['a%b:1', 'a%b:2', 'axb:1', 'a_c:1', 'a_c:2', 'abc:1', 'a_c:3', 'a_c:4'])
      store.outbox.enqueue(item(id), t0);
    store.outbox.deleteByIdPrefix('a%b:');
    expect(store.outbox.get('a%b:1')).toBeUndefined();
    expect(store.outbox.get('a%b:2')).toBeUndefined();
    expect(store.outbox.get('axb:1')).toBeDefined();

    store.outbox.markSent('a_c:1', 'r', t0);
    store.outbox.claim('a_c:2', 0, t0, plus(30_000));
    store.outbox.markDead('a_c:3', 'x');
    store.outbox.cancel('a_c:4', 'x');
    // Pending, in flight and dead go; sent and cancelled stay (their ids and refs are history).
    expect(store.outbox.deleteUnsentByIdPrefix('a_c:')).toBe(2);
    expect(store.outbox.get('abc:1')).toBeDefined();
    expect(store.outbox.get('a_c:1')?.status).toBe('sent');
    expect(store.outbox.get('a_c:2')).toBeUndefined();
    expect(store.outbox.get('a_c:3')).toBeUndefined();
    expect(store.outbox.get('a_c:4')?.status).toBe('cancelled');
  });

  it('scrub drops the bodies holding a string, except of rows still to send', () => {
    const { store } = freshStore();
    const says = (text: string) => ({
      message: { fallbackText: text, blocks: [{ type: 'text' as const, text }] },
    });
    store.outbox.enqueue(item('sent', says('Le « secret » d’Alice')), t0);
    store.outbox.enqueue(item('pending', says('Le « secret » d’Alice')), t0);
    store.outbox.enqueue(item('other', says('rien')), t0);
    store.outbox.markSent('sent', 'r', t0);
    store.outbox.markSent('other', 'r', t0);
    store.outbox.scrub(['', '« secret »']);
    expect(store.outbox.get('sent')).toMatchObject({ message: { fallbackText: '', blocks: [] }, ref: 'r' });
    expect(store.outbox.get('pending')?.message.fallbackText).toBe('Le « secret » d’Alice');
    expect(store.outbox.get('other')?.message.fallbackText).toBe('rien');
  });
});
