import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Json } from '../support/fake-slack.js';
import { FakeSlack } from '../support/fake-slack.js';
import { FACILITATOR, lastDm, populate, scheduleSession, setUpGroup, TEAM } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';
import { textOf } from './support/slack-client.js';

const TITLES: Record<string, string> = {
  UALICE: 'Comment puis-je dire non à mon N+1 ?',
  UBRUNO: 'Comment puis-je accueillir un nouvel adjoint ?',
  UCHLOE: 'Comment puis-je tenir le rythme de l’équipe de nuit ?',
  UDAVID: 'Comment puis-je annoncer la fermeture du site ?',
};

describe('Slack: the group’s vote on proposed cases and the rotation', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    cairn = await startSlackCairn(fake, { start: '2026-03-02T08:00:00Z' });
  });
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  const advanceTo = async (iso: string) => {
    while (cairn.clock.now() < new Date(iso)) {
      cairn.clock.set(new Date(Math.min(new Date(iso).getTime(), cairn.clock.now().getTime() + 3_600_000)));
      await cairn.run();
    }
  };

  it('the ballot arrives as a DM whose button opens a multi-select modal; nothing is written or asked around a vote; the count reaches the facilitator’s digest', async () => {
    const { facilitator } = await setUpGroup(cairn, fake);
    await scheduleSession(cairn, facilitator, 'GLYON', '2026-03-12');
    for (const [user, title] of Object.entries(TITLES)) {
      cairn.clock.set(new Date(cairn.clock.now().getTime() + 60_000));
      const opened = await cairn.driver.as(user).command('case', 'GLYON');
      const ack = await cairn.driver.as(user).submit(opened.view!, {
        title,
        visibility: user === 'UDAVID' ? 'facilitator' : 'group',
      });
      expect(ack.response_action).toBe('update');
    }
    await advanceTo('2026-03-09T08:00:00Z');
    const ids = Object.fromEntries(
      (cairn.db.sqlite.prepare('SELECT id, title FROM cases').all() as { id: string; title: string }[]).map(
        (r) => [r.title, r.id],
      ),
    );

    // Each member has the same ballot in their DM, with the cases the group may read and one button.
    const ballots = ['UALICE', 'UBRUNO', 'UCHLOE', 'UDAVID', 'UEMMA'].map((u) => lastDm(fake, u)!);
    for (const b of ballots) expect(JSON.stringify(b.blocks)).toBe(JSON.stringify(ballots[0]!.blocks));
    const ballotText = textOf(ballots[0]!.blocks);
    expect(ballotText).toContain('Quels cas pour la prochaine séance ?');
    expect(ballotText).toContain(TITLES.UALICE);
    expect(ballotText).not.toContain(TITLES.UDAVID);
    expect(ballotText).toContain('Et 1 autre cas, que seul·e l’animateur·rice peut lire');
    expect(lastDm(fake, FACILITATOR)?.text ?? '').not.toContain('Vote anonyme');

    const inbound = () => cairn.db.sqlite.prepare('SELECT count(*) AS n FROM inbound_events').get();
    const names = () => cairn.db.sqlite.prepare('SELECT id, display_name FROM people ORDER BY id').all();
    // Alice renamed herself in Slack: voting must not write it (nothing but counters is written).
    fake.users.get('UALICE')!.realName = 'Alice Renamed';
    cairn.slack.platform.forgetUser(`slack:${TEAM}:UALICE`);
    for (const [user, choices] of [
      ['UALICE', [ids[TITLES.UALICE!]!, ids[TITLES.UBRUNO!]!]],
      ['UBRUNO', [ids[TITLES.UCHLOE!]!]],
      ['UCHLOE', [ids[TITLES.UCHLOE!]!, ids[TITLES.UALICE!]!]],
    ] as const) {
      const member = cairn.driver.as(user);
      const form = await member.pressInMessage(lastDm(fake, user)!, 'vote.ballot');
      expect(form.view?.callback_id).toBe('vote');
      const input = (form.view!.blocks as Json[]).find((b) => b.type === 'input')!;
      expect((input.element as Json).type).toBe('multi_static_select');
      expect(((input.element as Json).options as Json[]).map((o) => (o.text as Json).text)).toEqual([
        TITLES.UALICE,
        TITLES.UBRUNO,
        TITLES.UCHLOE,
      ]);
      if (user === 'UALICE') {
        // Too many choices: the modal stays open with the message under the field; nothing counted.
        const refused = await member.submit(form.view!, { choices: Object.values(ids).slice(0, 3) });
        expect(refused).toMatchObject({
          response_action: 'errors',
          errors: { choices: 'Choisissez au plus 2 cas : rien n’a été compté.' },
        });
      }
      const before = { inbound: inbound(), names: names(), publishes: fake.callsTo('views.publish').length };
      cairn.slack.platform.forgetUser(`slack:${TEAM}:${user}`);
      const lookups = fake.callsTo('users.info').length;
      const logLines = cairn.logs.lines.length;
      const ack = await member.submit(form.view!, { choices: [...choices] });
      expect(ack.response_action).toBe('update');
      expect(textOf((ack.view as Json).blocks as Json[])).toContain('Votre vote est compté, sans votre nom.');
      expect({ inbound: inbound(), names: names(), publishes: fake.callsTo('views.publish').length }).toEqual(
        before,
      );
      expect(fake.callsTo('users.info')).toHaveLength(lookups);
      expect(cairn.logs.lines.slice(logLines).filter((l) => !/"level":(10|20)/.test(l))).toEqual([]);
    }
    // A second ballot is refused at the button: no modal opens.
    const again = await cairn.driver.as('UALICE').pressInMessage(lastDm(fake, 'UALICE')!, 'vote.ballot');
    expect(again.view).toBeUndefined();
    expect(JSON.stringify(again.reply)).toContain('Vous avez déjà voté');

    // The day before at 09:00, the facilitator's digest carries the counts.
    await advanceTo('2026-03-11T08:00:00Z');
    const digest = fake
      .messagesIn(fake.dmChannelOf(FACILITATOR))
      .find((m) => m.text.startsWith('Séance de demain'))!;
    const digestText = textOf(digest.blocks);
    expect(digestText).toContain('Le vote du groupe');
    expect(digestText).toContain('3 personnes ont voté');
    expect(digestText).toMatch(/█/);
    expect(digestText).toContain('Vote : 2 voix · première fois');
    for (const user of ['UALICE', 'UBRUNO', 'UCHLOE', 'UEMMA'])
      expect(textOf(lastDm(fake, user)!.blocks)).not.toContain('Le vote du groupe');
    expect(cairn.store.people.findByUserRef('slack', `slack:${TEAM}:UALICE`)?.displayName).toBe(
      'Alice Martin',
    );
  });

  it('/cairn rotation answers the facilitator privately with a nudge button; the nudge is one DM to that member', async () => {
    const { facilitator } = await setUpGroup(cairn, fake);
    const member = cairn.driver.as('UALICE');
    const refused = await member.command('rotation', 'GLYON');
    expect(JSON.stringify(refused.reply)).toContain('Seul·e l’animateur·rice');

    const shown = await facilitator.command('rotation', 'GLYON');
    expect(shown.reply?.response_type).toBe('ephemeral');
    const text = textOf(shown.reply!.blocks as Json[]);
    expect(text).toContain('Tour de parole — Groupe Lyon');
    expect(text).toContain('Alice Martin — n’a jamais présenté (0 séance(s) depuis son arrivée)');
    const alice = cairn.store.people.findByUserRef('slack', `slack:${TEAM}:UALICE`)!;
    const group = cairn.store.groups.findBySpace(`slack:${TEAM}:GLYON`)!;
    const channelPosts = fake.messagesIn('GLYON').length;
    const pressed = await facilitator.pressInReply(
      shown.reply!,
      'rotation.nudge',
      `${group.id}:${alice.id}`,
      'GLYON',
    );
    expect(JSON.stringify(pressed.reply)).toContain('Invitation envoyée en privé à Alice Martin.');
    await cairn.run();
    const invitation = lastDm(fake, 'UALICE')!;
    expect(textOf(invitation.blocks)).toContain('Claire Animatrice serait heureux·se de vous entendre');
    expect(JSON.stringify(invitation.blocks)).toContain('case.open');
    expect(fake.messagesIn('GLYON')).toHaveLength(channelPosts);
    expect(lastDm(fake, 'UBRUNO')?.text ?? '').not.toContain('invitation');
  });
});
