import { afterEach, describe, expect, it } from 'vitest';
import { message } from '../../src/core/contract/message.js';
import type { Pacer } from '../../src/core/delivery/rate-limiter.js';
import { cardOf, cardText } from './support/cards.js';
import type { Recorded } from './support/fake-connector.js';
import { findCard, personalOf, scheduleSession, setUpGroupChat } from './support/flows.js';
import { startTeamsHarness, type TeamsHarness } from './support/harness.js';

/** Virtual time for the outbox's pacing, read by the fake too: sleeping advances it at once. */
class VirtualPacer implements Pacer {
  private t = 1_000_000;
  nowMs(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.t += Math.max(ms, 1);
  }
}

/** The most requests found in any window of one second starting at a request. */
function busiestSecond(requests: Recorded[]): number {
  const times = requests.map((r) => r.at).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < times.length; i++) {
    let j = i;
    while (j < times.length && times[j]! < times[i]! + 1_000) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

const enqueuePosts = (h: TeamsHarness, address: string, count: number, prefix = 'load') => {
  for (let i = 0; i < count; i++) {
    h.store.outbox.enqueue(
      {
        id: `${prefix}:${i}`,
        platform: 'teams',
        kind: 'space',
        address,
        message: message(`Message ${i}`),
        personId: null,
      },
      h.clock.now(),
    );
  }
};

describe('Teams: pacing and failures', () => {
  let h: TeamsHarness;
  afterEach(async () => {
    await h.close();
  });

  it('a fan-out of 200 messages to one conversation never exceeds 7 per second at the connector', async () => {
    const pacer = new VirtualPacer();
    h = await startTeamsHarness({ pacer, fakeNow: () => pacer.nowMs() });
    const g = await setUpGroupChat(h);
    const before = h.fake.deliveries(g.chatId).length;
    enqueuePosts(h, g.address, 200);
    await h.core.outbox.drain();
    const sent = h.fake.deliveries(g.chatId).slice(before);
    expect(sent).toHaveLength(200);
    expect(new Set(sent.map((r) => cardText(cardOf(r.body))))).toHaveProperty('size', 200);
    expect(busiestSecond(sent)).toBe(7);
    // 200 messages at 7 a second take at least 28 seconds (of the pacer's time).
    expect(sent.at(-1)!.at - sent[0]!.at).toBeGreaterThanOrEqual(28_000);
  });

  it('a tenant-wide fan-out stays under TEAMS_TENANT_RATE per second', async () => {
    const pacer = new VirtualPacer();
    h = await startTeamsHarness({ pacer, fakeNow: () => pacer.nowMs(), env: { TEAMS_TENANT_RATE: '10' } });
    const members = Array.from({ length: 40 }, (_, i) => h.client.user(`aad-m${i}`, `Membre ${i}`));
    const g = await setUpGroupChat(h, { members });
    await h.client.say(g.facilitator, 'checkin open', g.where);
    await h.run();
    const prompts = h.fake.requests.filter(
      (r) => r.kind === 'send' && /^a:dm-aad-m/.test(r.conversationId ?? ''),
    );
    expect(prompts).toHaveLength(40);
    expect(busiestSecond(prompts)).toBeLessThanOrEqual(10);
    expect(busiestSecond(prompts)).toBeGreaterThanOrEqual(9);
  });

  it('a 429 with Retry-After holds the conversation for that long, then the message arrives once', async () => {
    h = await startTeamsHarness();
    const g = await setUpGroupChat(h);
    const before = h.fake.deliveries(g.chatId).length;
    const sendsBefore = h.fake.requests.filter(
      (r) => r.kind === 'send' && r.conversationId === g.chatId,
    ).length;
    h.fake.failNext(1, 429, { headers: { 'retry-after': '1' }, match: (r) => r.kind === 'send' });
    enqueuePosts(h, g.address, 1, 'throttled');
    await h.core.outbox.drain();
    // Refused once, not retried by the connector client: the outbox waits Retry-After on Cairn's clock.
    const attempts = () =>
      h.fake.requests.filter((r) => r.kind === 'send' && r.conversationId === g.chatId).slice(sendsBefore);
    expect(attempts().map((r) => r.status)).toEqual([429]);
    const row = h.store.outbox.get('throttled:0');
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row!.nextAttemptAt.getTime() - h.clock.now().getTime()).toBe(1_000);

    // The whole conversation is held for Retry-After: the next message waits for it too.
    enqueuePosts(h, g.address, 1, 'next');
    await h.core.outbox.drain();
    expect(attempts().map((r) => r.status)).toEqual([429, 200]);
    expect(attempts()[1]!.at - attempts()[0]!.at).toBeGreaterThanOrEqual(950);

    h.clock.advance(1_000);
    await h.core.outbox.drain();
    expect(attempts().map((r) => r.status)).toEqual([429, 200, 200]);
    expect(h.fake.deliveries(g.chatId)).toHaveLength(before + 2);
    expect(h.store.outbox.get('throttled:0')?.status).toBe('sent');
    expect(h.store.outbox.get('next:0')?.status).toBe('sent');
  });

  it('a 429 stops the sends already under way (opening a chat): nothing reaches the tenant during Retry-After', async () => {
    h = await startTeamsHarness();
    const g = await setUpGroupChat(h);
    await scheduleSession(h, g, '2026-03-16');
    // Every 1:1 chat but the first member's opens slowly: those reminders are under way when the first
    // member's message is answered 429.
    const first = g.members[0]!;
    h.fake.answerDelayOf = (r) =>
      r.kind === 'create' && r.body?.members?.[0]?.id !== first.id ? 300 : undefined;
    const toPeople = (r: Recorded) => r.kind === 'send' && String(r.conversationId).startsWith('a:dm-');
    h.fake.failNext(1, 429, { headers: { 'retry-after': '1' }, match: (r) => r.kind === 'send' });
    const before = h.fake.requests.length;
    await h.advance(14 * 24 * 3_600_000, 6 * 3_600_000);
    const sends = h.fake.requests.slice(before).filter(toPeople);
    const refusal = sends.find((r) => r.status === 429)!;
    expect(refusal).toBeDefined();
    const duringPause = sends.filter(
      (r) => r.at > refusal.answeredAt! + 50 && r.at < refusal.answeredAt! + 1_000,
    );
    expect(duringPause).toEqual([]);
    // Everyone got the reminder afterwards; nothing ended dead.
    for (const member of g.members)
      expect(cardText(findCard(h, personalOf(h, member), /Proposer un cas/))).toBeTruthy();
    expect(h.db.sqlite.prepare("select count(*) as n from outbox where status = 'dead'").get()).toEqual({
      n: 0,
    });
  });

  it('a 502 is retried with backoff; a 412 makes the outbox wait; a 404 is not retried', async () => {
    h = await startTeamsHarness();
    const g = await setUpGroupChat(h);
    const before = h.fake.deliveries(g.chatId).length;
    h.fake.failNext(1, 502, { match: (r) => r.kind === 'send' });
    enqueuePosts(h, g.address, 1, 'gateway');
    await h.core.outbox.drain();
    expect(h.store.outbox.get('gateway:0')).toMatchObject({ status: 'pending', attempts: 1 });
    h.clock.advance(1_000);
    await h.core.outbox.drain();
    expect(h.store.outbox.get('gateway:0')?.status).toBe('sent');

    h.fake.failNext(1, 412, { match: (r) => r.kind === 'send' });
    enqueuePosts(h, g.address, 1, 'precondition');
    await h.core.outbox.drain();
    expect(h.store.outbox.get('precondition:0')).toMatchObject({ status: 'pending', attempts: 0 });
    h.clock.advance(1_000);
    await h.core.outbox.drain();
    expect(h.store.outbox.get('precondition:0')?.status).toBe('sent');
    expect(h.fake.deliveries(g.chatId)).toHaveLength(before + 2);

    h.fake.failNext(1, 404, { match: (r) => r.kind === 'send' });
    enqueuePosts(h, g.address, 1, 'gone');
    await h.core.outbox.drain();
    expect(h.store.outbox.get('gone:0')).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('a member Cairn cannot reach is reported to the facilitator once, and not retried forever', async () => {
    h = await startTeamsHarness();
    const g = await setUpGroupChat(h);
    const david = g.members[3]!;
    h.fake.unreachable.add(david.aadObjectId);
    await scheduleSession(h, g, '2026-03-16');
    await h.advance(14 * 24 * 3_600_000, 6 * 3_600_000);
    const reports = h.fake
      .messagesIn(personalOf(h, g.facilitator))
      .filter((a) => /David Moreau/.test(cardText(cardOf(a))) && /joindre|écrire/.test(cardText(cardOf(a))));
    expect(reports).toHaveLength(1);
    const dead = h.db.sqlite
      .prepare("select count(*) as n from outbox where status = 'dead' and address like ?")
      .get(`%${david.aadObjectId}`) as { n: number };
    expect(dead.n).toBeGreaterThanOrEqual(2);
    // Each reminder to David was tried once (create conversation refused), never retried.
    const creates = h.fake.requests.filter(
      (r) => r.kind === 'create' && r.body?.members?.[0]?.id === david.id,
    );
    expect(creates).toHaveLength(dead.n);
    // The others got their reminders.
    expect(cardText(findCard(h, personalOf(h, g.members[0]!), /Proposer un cas/))).toBeTruthy();

    // Reachable again (David writes to Cairn): a later failure would be reported again.
    h.fake.unreachable.delete(david.aadObjectId);
    await h.client.say(david, 'aide');
    const record = h.db.sqlite
      .prepare('select unreachable_reported_at as at from teams_conversations where key like ?')
      .get(`%${david.aadObjectId}`) as { at: number | null };
    expect(record.at).toBeNull();
  });
});
