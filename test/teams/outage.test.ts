import { afterEach, describe, expect, it } from 'vitest';
import { teamsCase } from '../privacy/support/teams-flows.js';
import { caseTexts } from '../support/cases.js';
import { checkOutage, type Delivered } from '../support/outage-figures.js';
import { scheduleSession, setUpGroupChat } from './support/flows.js';
import { startTeamsHarness, type TeamsHarness } from './support/harness.js';

const MINUTE = 60_000;

let h: TeamsHarness;
afterEach(() => h?.close());

/**
 * Issue 16 §1 on Teams, in simulated time, the same story as test/slack/outage.test.ts: the Bot Connector
 * answers 502 to every message (and every new 1:1 chat) for 30 minutes; Cairn catches up a reminder and a
 * digest that become useless when their session starts during the outage, and a reminder that stays
 * useful; a round opens and closes during the outage; a member submits a case.
 */
describe('Teams: a 30-minute outage', () => {
  it('loses nothing, sends nothing twice, delivers nothing that became useless', async () => {
    h = await startTeamsHarness({
      start: '2026-03-02T08:00:00Z',
      fakeNow: () => h.clock.now().getTime(),
      outbox: { baseBackoffMs: 2_000, giveUpMs: 24 * 60 * MINUTE },
    });
    const g = await setUpGroupChat(h);
    await scheduleSession(h, g, '2026-03-13', '09:30');
    await scheduleSession(h, g, '2026-03-20', '09:00');
    const before = h.fake.deliveries().length;

    const start = new Date('2026-03-13T08:10:00Z').getTime();
    const outageEnd = start + 30 * MINUTE;
    h.fake.failUntil(outageEnd, 502, { match: (r) => r.kind === 'send' || r.kind === 'create' });
    const failed = () => h.fake.requests.filter((r) => r.status === 502).length;

    h.clock.set(new Date(start));
    await h.run();
    h.clock.set(new Date(start + 2 * MINUTE));
    await h.client.say(g.facilitator, 'checkin open', g.where);
    await h.run();
    h.clock.set(new Date(start + 5 * MINUTE));
    const texts = caseTexts('Panne-Teams');
    await teamsCase(h, g.members[0]!, texts);
    h.clock.set(new Date(start + 10 * MINUTE));
    await h.client.say(g.facilitator, 'checkin close', g.where);
    await h.run();
    while (h.clock.now().getTime() < outageEnd + 5 * MINUTE) {
      h.clock.advance(10_000);
      await h.run();
    }
    const failedCalls = failed();

    const chatOf = new Map([g.facilitator, ...g.members].map((u) => [h.fake.personalChatOf(u), u.name]));
    const delivered: Delivered[] = h.fake
      .deliveries()
      .slice(before)
      .filter((r) => r.kind === 'send')
      .map((r) => ({
        recipient: chatOf.get(String(r.conversationId)) ?? String(r.conversationId),
        text: String(r.body?.summary ?? ''),
        at: r.at,
      }));
    const figures = checkOutage('Teams 502 for 30 minutes', delivered, {
      outageEnd,
      useful: [
        ...g.members.map((m) => ({ recipient: m.name, what: 'reminder, 20 March', pattern: /20 mars 2026/ })),
        { recipient: g.facilitator.name, what: 'new case', pattern: new RegExp(texts.title.slice(0, 30)) },
        { recipient: g.facilitator.name, what: 'check-in closed', pattern: /Point d’étape clos/ },
      ],
      useless: [
        { what: 'reminder, session started', pattern: /13 mars 2026/ },
        { what: 'digest, session started', pattern: /Séance de demain/ },
        { what: 'prompt, round closed', pattern: /Point d’étape anonyme/ },
      ],
    });
    console.log(`[outage] Teams: ${failedCalls} requests answered 502 during the 30 minutes`);
    expect(failedCalls).toBeLessThanOrEqual(60);
    expect(figures.lastDeliveryAfterOutageMs).toBeLessThanOrEqual(2 * MINUTE);
    expect(delivered.every((d) => d.at >= outageEnd)).toBe(true);
    const rows = h.db.sqlite
      .prepare(
        'SELECT status, last_error AS error, count(*) AS n FROM outbox WHERE status != ? GROUP BY 1, 2',
      )
      .all('sent');
    expect(rows).toEqual([{ status: 'cancelled', error: 'expired', n: g.members.length + 1 }]);
  }, 120_000);
});
