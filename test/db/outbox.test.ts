import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { messageSchema } from '../../db/message-schema.js';
import type { Message } from '../../src/core/contract/message.js';
import type { NewOutboxItem } from '../../src/core/ports/repositories/outbox.js';
import { at, describeStore, freshStore, secondStore } from './fixtures.js';

const t0 = at('2026-03-01T08:00:00Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);

const rich: Message = {
  fallbackText: 'Session on Tuesday',
  blocks: [
    { type: 'heading', text: 'Session' },
    { type: 'text', text: 'Tuesday' },
    { type: 'context', text: 'Room 4' },
    { type: 'fields', fields: [{ label: 'Where', value: 'Room 4' }] },
    { type: 'bars', title: 'Mood', rows: [{ label: 'Good', count: 3, max: 5 }], summary: '5 answers' },
    {
      type: 'actions',
      buttons: [
        { action: 'case.submit', label: 'Submit', value: 's1', style: 'primary' },
        { action: 'open', label: 'Open', value: '', url: 'https://example.org' },
      ],
    },
    { type: 'divider' },
  ],
  attachment: { filename: 'a.csv', mimeType: 'text/csv', content: 'x,y' },
};

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

describeStore('OutboxRepository', () => {
  it('enqueues once per id, as pending with no attempts, due now', () => {
    const { store } = freshStore();
    expect(store.outbox.enqueue(item('o1', { message: rich }), t0)).toBe(true);
    expect(store.outbox.enqueue(item('o1', { address: 'U2' }), plus(5))).toBe(false);

    expect(store.outbox.get('o1')).toEqual({
      ...item('o1', { message: rich }),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: t0,
      ref: null,
      lastError: null,
      createdAt: t0,
      sentAt: null,
      failingSince: null,
      expiresAt: null,
      groupId: null,
      audience: null,
    });
    expect(store.outbox.get('o2')).toBeUndefined();
  });

  it('lists due rows by due time then id, up to the limit, skipping live leases and finished rows', () => {
    const { store } = freshStore();
    store.outbox.enqueue(item('b'), t0);
    store.outbox.enqueue(item('a'), t0);
    store.outbox.enqueue(item('early'), plus(-1000));
    store.outbox.enqueue(item('future'), plus(1));
    store.outbox.enqueue(item('inflight'), plus(-2000));
    store.outbox.claim('inflight', 0, t0, plus(60_000));
    store.outbox.enqueue(item('done'), plus(-3000));
    store.outbox.markSent('done', 'ts', t0);

    expect(dueIds(store, t0)).toEqual(['early', 'a', 'b']);
    expect(dueIds(store, t0, 2)).toEqual(['early', 'a']);
    expect(dueIds(store, plus(1))).toEqual(['early', 'a', 'b', 'future']);
    // Once the sender's lease has run out, the row is due again.
    expect(dueIds(store, plus(60_001))).toEqual(['inflight', 'early', 'a', 'b', 'future']);
  });

  it('lists the next page after a cursor, in the same order, ties on due time broken by id', () => {
    const { store } = freshStore();
    for (const id of ['a', 'b', 'c', 'd']) store.outbox.enqueue(item(id), t0);
    store.outbox.enqueue(item('early'), plus(-1000));
    store.outbox.enqueue(item('late'), plus(-10));
    store.outbox.enqueue(item('inflight'), plus(-2000));
    store.outbox.claim('inflight', 0, t0, plus(60_000));
    const page = (after?: { at: Date; id: string }) => store.outbox.listDue(plus(60_001), 3, after);

    const first = page();
    expect(first.map((r) => r.id)).toEqual(['inflight', 'early', 'late']);
    const second = page({ at: first[2]!.nextAttemptAt, id: first[2]!.id });
    expect(second.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(page({ at: second[2]!.nextAttemptAt, id: second[2]!.id }).map((r) => r.id)).toEqual(['d']);
  });

  it('claim: of two senders that read the same row, one wins', () => {
    const { store, file } = freshStore();
    const other = secondStore(file);
    store.outbox.enqueue(item('o1'), t0);
    const [seenByA] = store.outbox.listDue(t0, 10);
    const [seenByB] = other.outbox.listDue(t0, 10);

    expect(store.outbox.claim('o1', seenByA?.attempts ?? -1, t0, plus(30_000))).toEqual(expect.any(String));
    expect(other.outbox.claim('o1', seenByB?.attempts ?? -1, t0, plus(30_000))).toBeNull();
    expect(store.outbox.get('o1')).toMatchObject({ status: 'sending', attempts: 1 });
    expect(dueIds(store, plus(29_999))).toEqual([]);
  });

  it('claim takes over an abandoned send after its lease, once', () => {
    const { store, file } = freshStore();
    const other = secondStore(file);
    store.outbox.enqueue(item('o1'), t0);
    store.outbox.claim('o1', 0, t0, plus(30_000));

    expect(other.outbox.claim('o1', 1, plus(30_000), plus(60_000))).toBeNull(); // lease not over yet
    expect(other.outbox.claim('o1', 1, plus(30_001), plus(60_000))).toEqual(expect.any(String));
    expect(store.outbox.claim('o1', 1, plus(30_001), plus(60_000))).toBeNull(); // attempts moved on
    expect(store.outbox.get('o1')?.attempts).toBe(2);
  });

  it('claim fails on a stale read even when the row is pending again', () => {
    const { store, file } = freshStore();
    const other = secondStore(file);
    store.outbox.enqueue(item('o1'), t0);
    const stale = other.outbox.get('o1');
    store.outbox.claim('o1', 0, t0, plus(30_000));
    store.outbox.retryLater('o1', t0, 'HTTP 500', true);

    expect(other.outbox.claim('o1', stale?.attempts ?? -1, t0, plus(30_000))).toBeNull();
    expect(other.outbox.claim('o1', 1, t0, plus(30_000))).toEqual(expect.any(String));
  });

  it('markSent records the reference and time, and the row is no longer due', () => {
    const { store } = freshStore();
    store.outbox.enqueue(item('o1'), t0);
    store.outbox.claim('o1', 0, t0, plus(30_000));
    store.outbox.markSent('o1', '1712.0001', plus(10));

    expect(store.outbox.get('o1')).toMatchObject({ status: 'sent', ref: '1712.0001', sentAt: plus(10) });
    expect(dueIds(store, plus(60_000))).toEqual([]);
  });

  it('retryLater puts the row back for later, counting the attempt or giving it back', () => {
    const { store } = freshStore();
    store.outbox.enqueue(item('o1'), t0);
    store.outbox.claim('o1', 0, t0, plus(30_000));
    store.outbox.retryLater('o1', plus(5000), 'HTTP 500', true);

    expect(store.outbox.get('o1')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
    expect(dueIds(store, plus(4999))).toEqual([]);
    expect(dueIds(store, plus(5000))).toEqual(['o1']);

    expect(store.outbox.claim('o1', 1, plus(5000), plus(35_000))).toEqual(expect.any(String));
    store.outbox.retryLater('o1', plus(6000), 'rate limited', false);
    expect(store.outbox.get('o1')).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'rate limited',
      nextAttemptAt: plus(6000),
    });
  });

  it('retryLater does not bring back a row that was already sent', () => {
    const { store } = freshStore();
    store.outbox.enqueue(item('o1'), t0);
    store.outbox.markSent('o1', 'ref', t0);
    store.outbox.retryLater('o1', plus(1), 'late failure', true);
    expect(store.outbox.get('o1')).toMatchObject({ status: 'sent', lastError: null });
  });

  it('markDead, listDead and revive', () => {
    const { store } = freshStore();
    store.outbox.enqueue(item('b'), plus(1));
    store.outbox.enqueue(item('a'), t0);
    store.outbox.enqueue(item('sent'), t0);
    store.outbox.markSent('sent', 'ref', t0);
    for (const id of ['a', 'b']) {
      store.outbox.claim(id, 0, plus(1), plus(30_000));
      store.outbox.markDead(id, 'channel_not_found');
    }
    store.outbox.markDead('sent', 'too late');

    expect(store.outbox.listDead(10).map((i) => [i.id, i.status, i.lastError])).toEqual([
      ['a', 'dead', 'channel_not_found'],
      ['b', 'dead', 'channel_not_found'],
    ]);
    expect(store.outbox.listDead(1).map((i) => i.id)).toEqual(['a']);
    expect(store.outbox.get('sent')?.status).toBe('sent');
    expect(dueIds(store, plus(60_000))).toEqual([]);

    expect(store.outbox.revive('a', plus(100))).toBe(true);
    expect(store.outbox.revive('a', plus(100))).toBe(false);
    expect(store.outbox.revive('sent', plus(100))).toBe(false);
    expect(store.outbox.get('a')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: plus(100) });
    expect(dueIds(store, plus(100))).toEqual(['a']);
  });

  it('replacePending only replaces a message that has not left', () => {
    const { store } = freshStore();
    store.outbox.enqueue(item('o1'), t0);
    expect(store.outbox.replacePending('o1', rich)).toBe(true);
    expect(store.outbox.get('o1')?.message).toEqual(rich);

    store.outbox.claim('o1', 0, t0, plus(30_000));
    expect(store.outbox.replacePending('o1', item('x').message)).toBe(false);
    expect(store.outbox.get('o1')?.message).toEqual(rich);
    expect(store.outbox.replacePending('missing', rich)).toBe(false);
  });

  it('backlog counts unsent and dead rows and dates the oldest unsent one', () => {
    const { store } = freshStore();
    expect(store.outbox.backlog()).toEqual({ pending: 0, dead: 0, oldestPendingAt: null });

    store.outbox.enqueue(item('old'), t0);
    store.outbox.enqueue(item('new'), plus(1000));
    store.outbox.enqueue(item('dead'), plus(-5000));
    store.outbox.markDead('dead', 'x');
    store.outbox.enqueue(item('sent'), plus(-6000));
    store.outbox.markSent('sent', 'r', t0);
    store.outbox.claim('old', 0, t0, plus(30_000));

    expect(store.outbox.backlog()).toEqual({ pending: 2, dead: 1, oldestPendingAt: t0 });
  });

  it('nextDueAt is the earliest due time of a pending row', () => {
    const { store } = freshStore();
    expect(store.outbox.nextDueAt()).toBeNull();
    store.outbox.enqueue(item('a'), plus(2000));
    store.outbox.enqueue(item('b'), plus(1000));
    store.outbox.enqueue(item('c'), t0);
    store.outbox.markSent('c', 'r', t0);
    expect(store.outbox.nextDueAt()).toEqual(plus(1000));
  });

  it('deletes by person and by id list', () => {
    const { store } = freshStore();
    store.outbox.enqueue(item('a'), t0);
    store.outbox.enqueue(item('b', { personId: 'p2' }), t0);
    store.outbox.enqueue(item('c', { personId: null }), t0);
    store.outbox.deleteByPerson('p1');
    expect(store.outbox.get('a')).toBeUndefined();
    expect(store.outbox.get('b')).toBeDefined();

    const many = Array.from({ length: 1200 }, (_, i) => `m${i}`);
    store.transaction(() => {
      for (const id of many) store.outbox.enqueue(item(id), t0);
    });
    store.outbox.deleteByPlatformWorkspace(['b', ...many]);
    store.outbox.deleteByPlatformWorkspace([]);
    expect(store.outbox.backlog().pending).toBe(1);
    expect(store.outbox.get('c')).toBeDefined();
  });

  it('pruneSent drops the bodies of rows sent before the cutoff and keeps the rest', () => {
    const { store } = freshStore();
    for (const id of ['early', 'late', 'unsent']) store.outbox.enqueue(item(id, { message: rich }), t0);
    store.outbox.markSent('early', 'r1', plus(1000));
    store.outbox.markSent('late', 'r2', plus(2000));
    store.outbox.pruneSent(plus(2000));

    expect(store.outbox.get('early')).toMatchObject({
      message: { fallbackText: '', blocks: [] },
      ref: 'r1',
      status: 'sent',
    });
    expect(store.outbox.get('late')?.message).toEqual(rich);
    expect(store.outbox.get('unsent')?.message).toEqual(rich);
  });

  it('pruneSent also drops the bodies of old dead and cancelled rows, which can then not be revived', () => {
    const { store, exec } = freshStore();
    for (const id of ['dead', 'cancelled', 'recent-dead'])
      store.outbox.enqueue(item(id, { message: rich }), id === 'recent-dead' ? plus(5000) : t0);
    exec("UPDATE outbox SET status = 'dead' WHERE id IN ('dead', 'recent-dead')");
    exec("UPDATE outbox SET status = 'cancelled' WHERE id = 'cancelled'");
    store.outbox.pruneSent(plus(2000));
    expect(store.outbox.get('dead')?.message).toEqual({ fallbackText: '', blocks: [] });
    expect(store.outbox.get('cancelled')?.message).toEqual({ fallbackText: '', blocks: [] });
    expect(store.outbox.get('recent-dead')?.message).toEqual(rich);
    expect(store.outbox.revive('dead', plus(3000))).toBe(false);
    expect(store.outbox.revive('recent-dead', plus(3000))).toBe(true);
  });

  it('refuses to return a stored message that does not have the Message shape', () => {
    const { store, exec } = freshStore();
    store.outbox.enqueue(item('o1'), t0);
    exec(`UPDATE outbox SET message = '{"fallbackText":"x","blocks":[{"type":"video"}]}'`);
    expect(() => store.outbox.get('o1')).toThrow(/o1: message does not match/);
    exec(`UPDATE outbox SET message = '{'`);
    expect(() => store.outbox.get('o1')).toThrow(/o1: message is not valid JSON/);
    // Listing reads no message: one unreadable row cannot stop the queue.
    expect(dueIds(store, t0)).toEqual(['o1']);
  });
});

describe('messageSchema', () => {
  it('accepts every block kind and rejects malformed ones', () => {
    expect(messageSchema.parse(rich)).toEqual(rich);
    expect(messageSchema.safeParse({ blocks: [] }).success).toBe(false);
    expect(
      messageSchema.safeParse({ fallbackText: 'x', blocks: [{ type: 'bars', title: 't' }] }).success,
    ).toBe(false);
    const badStyle = { type: 'actions', buttons: [{ action: 'a', label: 'l', value: 'v', style: 'link' }] };
    expect(messageSchema.safeParse({ fallbackText: 'x', blocks: [badStyle] }).success).toBe(false);
  });

  it('has exactly the type of Message', () => {
    // Exact equality: a property missing from the schema would be stripped silently when read.
    expectTypeOf<z.infer<typeof messageSchema>>().toEqualTypeOf<Message>();
  });
});
