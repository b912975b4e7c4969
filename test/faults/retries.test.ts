import { afterEach, describe, expect, it } from 'vitest';
import { TALLY_BASE } from '../../db/repositories/checkins.js';
import { populate, setUpGroup, TEAM } from '../slack/support/scenario.js';
import { type SlackCairn, startSlackCairn } from '../slack/support/slack-cairn.js';
import { eventually } from '../slack/support/slack-client.js';
import { FakeSlack } from '../support/fake-slack.js';
import { cardText, fill } from '../teams/support/cards.js';
import {
  casesOf,
  dialogCard,
  findCard,
  type GroupChat,
  openFormByCommand,
  personalOf,
  press,
  scheduleSession,
  setUpGroupChat,
} from '../teams/support/flows.js';
import { startTeamsHarness, type TeamsHarness } from '../teams/support/harness.js';
import { report } from './support/figures.js';

const count = (
  db: { sqlite: { prepare(s: string): { get(...a: unknown[]): unknown } } },
  sql: string,
  ...args: unknown[]
) => (db.sqlite.prepare(sql).get(...args) as { n: number }).n;

describe('Slack retries of the same event (x-slack-retry-num, same event_id) have one effect', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  it('a join delivered three times (two at once) acts once: after a leave, the late retry changes nothing', async () => {
    fake = await FakeSlack.start();
    populate(fake);
    cairn = await startSlackCairn(fake);
    await setUpGroup(cairn, fake);
    fake.addUser('UFRED', 'Fred Leroy');
    const ref = `slack:${TEAM}:UFRED`;
    const member = () => {
      const person = cairn.store.people.findByUserRef('slack', ref);
      return person
        ? count(cairn.db, 'SELECT count(*) AS n FROM memberships WHERE person_id = ?', person.id)
        : 0;
    };
    const joined = {
      type: 'member_joined_channel',
      user: 'UFRED',
      channel: 'GLYON',
      channel_type: 'G',
      team: TEAM,
      event_ts: '1',
    };
    const answers = await Promise.all([
      cairn.driver.sendEvent(joined, { eventId: 'EvFRED' }),
      cairn.driver.sendEvent(joined, { eventId: 'EvFRED', retryNum: 1 }),
    ]);
    await eventually(() => member() === 1);
    await cairn.driver.sendEvent(
      { ...joined, type: 'member_left_channel', event_ts: '2' },
      { eventId: 'EvBYE' },
    );
    await eventually(() => member() === 0);
    // Slack's last retry of the join arrives after the leave.
    answers.push(await cairn.driver.sendEvent(joined, { eventId: 'EvFRED', retryNum: 2 }));
    // A later, distinct event marks the point where the retry has been handled.
    fake.addUser('UGINA', 'Gina Roux');
    await cairn.driver.sendEvent({ ...joined, user: 'UGINA', event_ts: '3' }, { eventId: 'EvGINA' });
    await eventually(() => cairn.store.people.findByUserRef('slack', `slack:${TEAM}:UGINA`));
    await cairn.core.idle();
    const events = count(cairn.db, "SELECT count(*) AS n FROM inbound_events WHERE event_id LIKE '%EvFRED%'");
    report('Slack event retried', { deliveries: 3, memberAfterLeave: member(), eventsRecorded: events });
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(member()).toBe(0);
    expect(events).toBe(1);
  });
});

describe('Teams retries of the same activity id have one effect', () => {
  let h: TeamsHarness;
  let g: GroupChat;
  afterEach(async () => {
    await h.close();
  });

  it('a command and a case submission, each delivered three times, act once', async () => {
    h = await startTeamsHarness();
    g = await setUpGroupChat(h);
    await scheduleSession(h, g, '2026-03-16');

    // "checkin open" typed in the group chat, delivered three times with the same activity id.
    const typed = h.client.activity(g.facilitator, g.where, {
      type: 'message',
      text: '<at>Cairn</at> checkin open',
      textFormat: 'plain',
      entities: [
        { type: 'mention', text: '<at>Cairn</at>', mentioned: { id: h.client.botId, name: 'Cairn' } },
      ],
    });
    const first = await Promise.all([h.client.post(typed), h.client.post(typed)]);
    first.push(await h.client.post(typed));
    expect(first.map((a) => a.status)).toEqual([200, 200, 200]);
    await h.run();
    const rounds = count(h.db, 'SELECT count(*) AS n FROM checkin_rounds');
    const prompts = g.members.map(
      (m) =>
        h.fake
          .messagesIn(personalOf(h, m))
          .filter((a) => /Répondre/.test(cardText(a.attachments?.[0]?.content ?? {}))).length,
    );

    // A case submitted from its dialog, the submission delivered three times.
    const alice = g.members[0]!;
    const form = await openFormByCommand(h, alice, 'case');
    const submission = h.client.activity(alice, h.client.personal(alice), {
      type: 'invoke',
      name: 'task/submit',
      value: {
        data: fill(form, {
          title: 'Comment puis-je tenir les délais sans épuiser l’équipe ?',
          kind: 'problem',
          situation: 'Trois projets arrivent en même temps.',
          stakes: 'La santé de l’équipe.',
          tried: 'Décaler un projet.',
          expectations: 'Des idées de priorisation.',
          charter: true,
        }),
        context: { theme: 'default' },
      },
    });
    const second = await Promise.all([h.client.post(submission), h.client.post(submission)]);
    second.push(await h.client.post(submission));
    await h.run();
    const cases = casesOf(h, g.groupId);
    report('Teams activity retried', { deliveries: 3, rounds, prompts, cases: cases.length });
    expect(rounds).toBe(1);
    expect(prompts).toEqual(g.members.map(() => 1));
    expect(second.every((a) => a.status === 200)).toBe(true);
    expect(cases).toHaveLength(1);
  });

  it('a check-in answer delivered twice is counted once, and nothing is recorded around it', async () => {
    h = await startTeamsHarness();
    g = await setUpGroupChat(h);
    await h.client.say(g.facilitator, 'checkin open', g.where);
    await h.run();
    const bruno = g.members[1]!;
    const form = dialogCard(await press(h, bruno, findCard(h, personalOf(h, bruno), /Répondre/), /Répondre/));
    const answer = h.client.activity(bruno, h.client.personal(bruno), {
      type: 'invoke',
      name: 'task/submit',
      value: {
        data: fill(form, { workload: '3', support: '4', perspective: '3', overall: '4' }),
        context: { theme: 'default' },
      },
    });
    const events = () => count(h.db, 'SELECT count(*) AS n FROM inbound_events');
    const before = events();
    const answers = [await h.client.post(answer), await h.client.post(answer)];
    const tally = count(
      h.db,
      `SELECT coalesce(sum(count - ${TALLY_BASE}), 0) AS n FROM checkin_tally WHERE question = 'overall'`,
    );
    report('Teams check-in answer retried', {
      deliveries: 2,
      counted: tally,
      eventsRecorded: events() - before,
    });
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(cardText(dialogCard(answers[1]!.body?.task))).toMatch(/déjà/);
    expect(tally).toBe(1);
    expect(events()).toBe(before);
  });
});
