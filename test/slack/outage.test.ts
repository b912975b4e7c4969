import { afterEach, describe, expect, it } from 'vitest';
import { slackCase } from '../privacy/support/slack-flows.js';
import { caseTexts } from '../support/cases.js';
import { FakeSlack } from '../support/fake-slack.js';
import { checkOutage, type Delivered } from '../support/outage-figures.js';
import { FACILITATOR, MEMBERS, populate, scheduleSession, setUpGroup } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';

const MINUTE = 60_000;

let fake: FakeSlack;
let cairn: SlackCairn;
afterEach(async () => {
  await cairn?.close();
  await fake?.close();
});

/**
 * Issue 16 §1 on Slack, in simulated time (the production retry settings: 2 s first backoff, 10 min at
 * most, given up after 24 h; the fake Slack and the outbox on the test's clock). Slack answers 500 to every
 * message for 30 minutes from 09:10 (Paris) on 13 March. Cairn comes back from a downtime at that moment:
 * it catches up the 2-day reminder of a session starting at 09:30 that day, and the facilitator's digest
 * for it (both useless once the session has started), and the 7-day reminder of a session a week later
 * (useful). During the outage the facilitator opens a check-in round and closes it (its prompts become
 * useless) and a member submits a case (its notification stays useful).
 *
 * Before (8 attempts, 2 s doubling): every message was dead after 127–254 s and waited for an operator.
 */
describe('Slack: a 30-minute outage', () => {
  it('loses nothing, sends nothing twice, delivers nothing that became useless', async () => {
    fake = await FakeSlack.start();
    populate(fake);
    cairn = await startSlackCairn(fake, {
      start: '2026-03-02T08:00:00Z',
      outbox: { baseBackoffMs: 2_000, giveUpMs: 24 * 60 * MINUTE },
    });
    fake.now = () => cairn.clock.now().getTime();
    const { facilitator } = await setUpGroup(cairn, fake);
    await scheduleSession(cairn, facilitator, 'GLYON', '2026-03-13', '09:30');
    await scheduleSession(cairn, facilitator, 'GLYON', '2026-03-20', '09:00');
    const postsBefore = fake.callsTo('chat.postMessage').filter((c) => c.ok).length;

    const start = new Date('2026-03-13T08:10:00Z').getTime();
    const outageEnd = start + 30 * MINUTE;
    for (const method of ['chat.postMessage', 'conversations.open'])
      fake.failUntil(method, { status: 500 }, outageEnd);
    const failed = () => fake.calls.filter((c) => c.status === 500).length;

    cairn.clock.set(new Date(start));
    await cairn.run();
    cairn.clock.set(new Date(start + 2 * MINUTE));
    await facilitator.command('checkin open', 'GLYON');
    await cairn.run();
    cairn.clock.set(new Date(start + 5 * MINUTE));
    const texts = caseTexts('Panne');
    await slackCase(cairn, 'UALICE', 'GLYON', texts);
    cairn.clock.set(new Date(start + 10 * MINUTE));
    await facilitator.command('checkin close', 'GLYON');
    await cairn.run();
    // Simulated time goes by in 10-second steps, each running the scheduler and the outbox.
    while (cairn.clock.now().getTime() < outageEnd + 5 * MINUTE) {
      cairn.clock.advance(10_000);
      await cairn.run();
    }
    const failedCalls = failed();

    // Every message Slack took (the fallback text is what a notification shows), with when.
    const delivered: Delivered[] = fake.calls
      .filter((c) => c.method === 'chat.postMessage' && c.ok)
      .slice(postsBefore)
      .map((c) => ({
        recipient: String(c.args.channel).replace(/^D/, ''),
        text: String(c.args.text),
        at: c.at,
      }));
    const figures = checkOutage('Slack 500 for 30 minutes', delivered, {
      outageEnd,
      useful: [
        ...MEMBERS.map((m) => ({
          recipient: m,
          what: 'reminder, 20 March',
          pattern: /20 (mars|March) 2026/,
        })),
        { recipient: FACILITATOR, what: 'new case', pattern: new RegExp(texts.title.slice(0, 30)) },
        { recipient: FACILITATOR, what: 'check-in closed', pattern: /Point d’étape clos|Check-in closed/ },
      ],
      useless: [
        { what: 'reminder, session started', pattern: /13 (mars|March) 2026/ },
        { what: 'digest, session started', pattern: /Séance de demain|Tomorrow’s session/ },
        { what: 'prompt, round closed', pattern: /Point d’étape anonyme|Anonymous check-in/ },
      ],
    });
    console.log(`[outage] Slack: ${failedCalls} calls answered 500 during the 30 minutes`);
    // The breaker pauses the workspace: a few failures, then one probe now and then, not every row's tries.
    expect(failedCalls).toBeLessThanOrEqual(60);
    expect(figures.lastDeliveryAfterOutageMs).toBeLessThanOrEqual(2 * MINUTE);
    expect(delivered.every((d) => d.at >= outageEnd)).toBe(true);
    const rows = cairn.db.sqlite
      .prepare(
        'SELECT status, last_error AS error, count(*) AS n FROM outbox WHERE status NOT IN (?) GROUP BY 1, 2',
      )
      .all('sent');
    expect(rows).toEqual([{ status: 'cancelled', error: 'expired', n: MEMBERS.length + 1 }]);
  }, 120_000);
});
