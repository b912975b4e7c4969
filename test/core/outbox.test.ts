import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/contract/chat-platform.js';
import { message } from '../../src/core/contract/message.js';
import { enqueueDirect, enqueueSpacePost } from '../../src/core/delivery/enqueue.js';
import type { Pacer } from '../../src/core/delivery/rate-limiter.js';
import type { OutboxItem } from '../../src/core/ports/repositories/outbox.js';
import { createHarness, DAY, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

const REMINDER_AT = '2026-03-17T08:00:00Z';

/** A group with one member and a session; the clock just before the member's first reminder. */
async function oneMemberBeforeReminder() {
  h = await createHarness();
  const { facilitator, users, group } = await setUpGroup(h, { members: [['U-ALICE', 'Alice Martin']] });
  await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
  await h.advanceTo('2026-03-17T07:00:00Z', DAY);
  return { alice: users[0]!, group };
}

/** The outbox row of Alice's first reminder. */
function reminderRow(): OutboxItem {
  const row = h.db.sqlite.prepare("SELECT id FROM outbox WHERE id LIKE 'reminder:%'").get() as { id: string };
  return h.store.outbox.get(row.id)!;
}

const at = (ms: number) => new Date(new Date(REMINDER_AT).getTime() + ms);

describe('outbox delivery', () => {
  it('a transient failure is retried with growing backoff, then delivered', async () => {
    const { alice } = await oneMemberBeforeReminder();
    h.platform.failNext(
      new DeliveryError('transient', 'service unavailable'),
      new DeliveryError('transient', 'connection reset'),
    );
    h.clock.set(REMINDER_AT);
    await h.run();
    expect(alice.directs).toEqual([]);
    let row = reminderRow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'service unavailable' });
    // First retry after 0.5–1 s (half the base backoff plus jitter).
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(at(500).getTime());
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(at(1_000).getTime());

    h.clock.set(at(1_000));
    await h.run();
    row = reminderRow();
    expect(row).toMatchObject({ status: 'pending', attempts: 2, lastError: 'connection reset' });
    // Second retry after 1–2 s more.
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(at(2_000).getTime());
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(at(3_000).getTime());
    expect(alice.directs).toEqual([]);

    h.clock.set(at(3_000));
    await h.run();
    expect(alice.directs).toHaveLength(1);
    expect(reminderRow()).toMatchObject({ status: 'sent', attempts: 3, sentAt: at(3_000) });
    expect(reminderRow().ref).toBe(h.platform.deliveries.at(-1)!.ref);
    await h.advance(DAY);
    expect(alice.directs).toHaveLength(1);
  });

  it('a permanent failure ends the row dead at once', async () => {
    const { alice } = await oneMemberBeforeReminder();
    h.platform.failNext(new DeliveryError('permanent', 'user_not_found'));
    h.clock.set(REMINDER_AT);
    await h.run();
    expect(reminderRow()).toMatchObject({ status: 'dead', attempts: 1, lastError: 'user_not_found' });
    expect(h.store.outbox.backlog()).toMatchObject({ pending: 0, dead: 1 });
    await h.advance(DAY);
    expect(alice.directs).toEqual([]);
    expect(h.logs.text).toContain('outbox row dead');
  });

  it('transient failures are retried for the give-up budget from the first failure, then the row ends dead', async () => {
    const { alice } = await oneMemberBeforeReminder();
    h.platform.failNext(
      ...Array.from({ length: 100 }, (_, i) => new DeliveryError('transient', `timeout ${i + 1}`)),
    );
    h.clock.set(REMINDER_AT);
    // The harness gives up after 10 minutes of failures (24 hours by default).
    for (let i = 0; i < 10; i++) {
      await h.run();
      h.clock.advance(60_000);
    }
    expect(reminderRow()).toMatchObject({ status: 'pending', failingSince: at(0) });
    for (let i = 0; i < 3; i++) {
      await h.run();
      h.clock.advance(60_000);
    }
    const row = reminderRow();
    expect(row).toMatchObject({ status: 'dead', lastError: expect.stringMatching(/^gave up: /) });
    // Retried at most every 10 minutes, and the breaker's probes are one every 30 s: a handful of tries.
    expect(row.attempts).toBeGreaterThanOrEqual(4);
    expect(row.attempts).toBeLessThanOrEqual(30);
    expect(alice.directs).toEqual([]);
    // One warning line per dead row, naming it by its id (which holds ids only).
    const dead = h.logs.lines.filter((l) => l.includes('"msg":"outbox row dead"'));
    expect(dead).toHaveLength(1);
    expect(dead[0]).toContain(`"outboxId":"${row.id}"`);
    expect(dead[0]).toContain('"level":40');
    expect(h.core.status().outbox).toMatchObject({ dead: 1 });
    // An operator revives it: it goes out.
    h.platform.stopFailing();
    expect(h.store.outbox.revive(row.id, h.clock.now())).toBe(true);
    h.clock.advance(60_000);
    await h.run();
    expect(alice.directs).toHaveLength(1);
  });

  it('a sender whose lease ran out records nothing over the sender that took the row over', async () => {
    const { OutboxWorker, DEFAULT_OUTBOX_OPTIONS } = await import('../../src/core/delivery/outbox-worker.js');
    h = await createHarness({ outbox: { leaseMs: 1_000, sendTimeoutMs: 400 } });
    const { group } = await setUpGroup(h);
    h.store.transaction(() => enqueueSpacePost(h.deps, 'slow', group, message('once')));
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // Worker A's send never answers: it gives up after 400 ms (real time) and asks for a retry.
    h.platform.neverAnswerNext();
    const a = h.core.outbox.drain();
    await sleep(50);
    expect(h.store.outbox.get('slow')?.status).toBe('sending');
    // Meanwhile A's lease runs out; worker B takes the row over; Slack is slow to answer B.
    h.clock.advance(1_001);
    let answer: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const post = h.platform.postToSpace.bind(h.platform);
    h.platform.postToSpace = async (...args) => {
      await slow;
      return post(...args);
    };
    const settings = { ...DEFAULT_OUTBOX_OPTIONS, leaseMs: 60_000, sendTimeoutMs: 30_000 };
    const b = new OutboxWorker(h.deps, settings).drain();
    await sleep(50);
    // A's late failure lands while B is sending: it must not put B's row back in the queue...
    await a;
    expect(h.store.outbox.get('slow')?.status).toBe('sending');
    // ...where a third worker would send it again.
    const c = new OutboxWorker(h.deps, settings).drain();
    await sleep(50);
    answer();
    await Promise.all([b, c]);
    expect(h.store.outbox.get('slow')?.status).toBe('sent');
    expect(h.platform.postsIn('C-LYON').filter((m) => m.fallbackText === 'once')).toHaveLength(1);
  });

  it('a rate-limited send waits for Retry-After and does not count as an attempt', async () => {
    const { alice } = await oneMemberBeforeReminder();
    // Rate limits do not count as failures: the row must not die, however many.
    h.platform.failNext(
      ...Array.from(
        { length: 5 },
        () => new DeliveryError('rate_limited', 'ratelimited', 30_000, 'memory:W1'),
      ),
    );
    h.clock.set(REMINDER_AT);
    await h.run();
    expect(reminderRow()).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: at(30_000) });
    h.clock.set(at(29_999));
    await h.run();
    expect(reminderRow()).toMatchObject({ status: 'pending', attempts: 0 });
    for (let i = 1; i <= 5; i++) {
      h.clock.set(at(30_000 * i));
      await h.run();
    }
    expect(alice.directs).toHaveLength(1);
    expect(reminderRow()).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('a send that never answers fails after the send timeout, frees the worker, and is retried', async () => {
    h = await createHarness({ outbox: { sendTimeoutMs: 200 } });
    const { group } = await setUpGroup(h);
    h.store.transaction(() => {
      enqueueSpacePost(h.deps, 'a-silent', group, message('silent'));
      enqueueSpacePost(h.deps, 'b-next', group, message('next'));
    });
    h.platform.neverAnswerNext();
    await h.run();
    // The round of sends ended although one never answered: the other row went out.
    expect(h.store.outbox.get('b-next')?.status).toBe('sent');
    expect(h.store.outbox.get('a-silent')).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'no answer within 200 ms',
    });
    h.clock.advance(1_000);
    await h.run();
    expect(h.store.outbox.get('a-silent')?.status).toBe('sent');
    expect(h.platform.postsIn('C-LYON').map((m) => m.fallbackText)).toEqual(
      expect.arrayContaining(['silent', 'next']),
    );
  });

  it('an update waits until the message it updates has been sent', async () => {
    h = await createHarness();
    const { group } = await setUpGroup(h);
    const { deps } = h;
    h.platform.failNext(new DeliveryError('transient', 'busy'));
    h.store.transaction(() => enqueueSpacePost(deps, 'a-post', group, message('Première version')));
    // The update is queued as its own row (the post is already on its way, so it cannot be replaced).
    h.store.outbox.enqueue(
      {
        id: 'b-update',
        platform: group.platform,
        kind: 'update',
        address: 'a-post',
        message: message('Version corrigée'),
        personId: null,
      },
      h.clock.now(),
    );
    await h.run();
    expect(h.store.outbox.get('a-post')).toMatchObject({ status: 'pending', attempts: 1 });
    expect(h.store.outbox.get('b-update')).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: 'waiting',
    });
    expect(h.platform.postsIn('C-LYON').map((m) => m.fallbackText)).toEqual([
      'Cairn accompagne désormais « Groupe Lyon »',
    ]);

    h.clock.advance(1_000);
    await h.run();
    expect(h.store.outbox.get('a-post')?.status).toBe('sent');
    h.clock.advance(2_000);
    await h.run();
    expect(h.store.outbox.get('b-update')).toMatchObject({ status: 'sent', attempts: 1 });
    const [post, update] = h.platform.deliveries.filter((d) => d.ref === h.store.outbox.get('a-post')!.ref);
    expect(post).toMatchObject({ kind: 'space', address: 'C-LYON' });
    expect(update).toMatchObject({ kind: 'update', address: 'C-LYON' });
    expect(h.platform.postsIn('C-LYON').map((m) => m.fallbackText)).toEqual([
      'Cairn accompagne désormais « Groupe Lyon »',
      'Version corrigée',
    ]);
  });

  it('an update of a message that died is dropped, never sent', async () => {
    h = await createHarness();
    const { group } = await setUpGroup(h);
    h.platform.failNext(new DeliveryError('permanent', 'channel_not_found'));
    h.store.transaction(() => enqueueSpacePost(h.deps, 'a-post', group, message('Première version')));
    await h.run();
    h.store.outbox.enqueue(
      {
        id: 'b-update',
        platform: group.platform,
        kind: 'update',
        address: 'a-post',
        message: message('x'),
        personId: null,
      },
      h.clock.now(),
    );
    await h.run();
    expect(h.store.outbox.get('b-update')).toMatchObject({
      status: 'dead',
      lastError: 'target message missing',
    });
    expect(h.platform.deliveries.filter((d) => d.kind === 'update')).toEqual([]);
  });

  it('two workers on one database send a fan-out larger than their slots whole, each row once', async () => {
    h = await createHarness();
    const { group } = await setUpGroup(h);
    const other = await createHarness({
      dir: h.dir,
      platform: h.platform,
      start: h.clock.now().toISOString(),
    });
    try {
      const before = h.platform.deliveries.length;
      const ids = Array.from({ length: 100 }, (_, i) => `post-${i}`);
      h.store.transaction(() => {
        for (const id of ids) enqueueSpacePost(h.deps, id, group, message(id));
      });
      await Promise.all([h.core.outbox.drain(), other.core.outbox.drain()]);
      const sent = h.platform.deliveries.slice(before);
      expect(sent.map((d) => d.message.fallbackText).sort()).toEqual([...ids].sort());
      // Every send is recorded, with the reference of the message it made.
      for (const d of sent)
        expect(h.store.outbox.get(d.message.fallbackText)).toMatchObject({ status: 'sent', ref: d.ref });
      expect(h.store.outbox.backlog()).toMatchObject({ pending: 0, dead: 0 });
    } finally {
      other.close();
    }
  });

  it('a row whose stored message cannot be read ends dead; the rows behind it still go out', async () => {
    h = await createHarness();
    const { group } = await setUpGroup(h);
    h.store.transaction(() => {
      enqueueSpacePost(h.deps, 'a-broken', group, message('broken'));
      enqueueSpacePost(h.deps, 'b-fine', group, message('fine'));
    });
    h.db.sqlite.prepare("UPDATE outbox SET message = '{' WHERE id = 'a-broken'").run();
    await h.run();
    const row = h.db.sqlite
      .prepare("SELECT status, last_error AS error FROM outbox WHERE id = 'a-broken'")
      .get();
    expect(row).toEqual({ status: 'dead', error: 'stored message unreadable' });
    expect(h.store.outbox.get('b-fine')?.status).toBe('sent');
    expect(h.platform.postsIn('C-LYON').map((m) => m.fallbackText)).toContain('fine');
    expect(h.logs.text).not.toContain('outbox loop failed');
  });

  it('a long backlog held by pacing does not hold back rows of other conversations queued after it', async () => {
    const pacer = new VirtualPacer();
    h = await createHarness({ pacer });
    const { group, users } = await setUpGroup(h);
    h.platform.limits = [{ key: 'memory:{address}', perSecond: 1 }];
    const ids = Array.from({ length: 700 }, (_, i) => `post-${String(i).padStart(3, '0')}`);
    h.store.transaction(() => {
      for (const id of ids) enqueueSpacePost(h.deps, id, group, message(id));
    });
    // Queued after the whole backlog, to someone else: beyond the first page the worker lists.
    h.clock.advance(1);
    const care = h.store.people.findByUserRef('memory', users[0]!.userRef)!;
    h.store.transaction(() => enqueueDirect(h.deps, 'z-care', care, message('care')));
    const before = h.platform.deliveries.length;
    const drained = h.core.outbox.drain();
    await eventuallyDelivered(() => h.platform.deliveries.length - before >= 3);
    const order = h.platform.deliveries.slice(before).map((d) => d.message.fallbackText);
    // The direct message goes out with the first posts, not after 200 of them (700 at one a second).
    expect(order.slice(0, 3)).toContain('care');
    pacer.stop = true;
    await drained.catch(() => undefined);
  });
});

/** Pacing time that passes only when the worker sleeps (no real waiting). */
class VirtualPacer implements Pacer {
  private t = 1_000_000;
  stop = false;
  nowMs(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    if (this.stop) throw new Error('stopped');
    this.t += Math.max(ms, 1);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function eventuallyDelivered(done: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
}
