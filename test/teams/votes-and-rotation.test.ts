import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardText, errorUnder, inputsOf } from './support/cards.js';
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
  submit,
} from './support/flows.js';
import { startTeamsHarness, type TeamsHarness } from './support/harness.js';

const CASE = {
  kind: 'problem',
  situation: 'Mon N+1 impose un point hebdomadaire que l’équipe juge inutile.',
  stakes: 'La motivation de l’équipe.',
  tried: 'J’ai raccourci la réunion.',
  expectations: 'Des pistes.',
  charter: true,
};
const TITLES = [
  'Comment puis-je dire non à mon N+1 ?',
  'Comment puis-je accueillir un nouvel adjoint ?',
  'Comment puis-je tenir le rythme de nuit ?',
  'Comment puis-je annoncer la fermeture du site ?',
];

describe('Teams: the group’s vote on proposed cases and the rotation', () => {
  let h: TeamsHarness;
  let g: GroupChat;
  beforeEach(async () => {
    h = await startTeamsHarness({ start: '2026-03-02T08:00:00Z' });
    g = await setUpGroupChat(h);
    await scheduleSession(h, g, '2026-03-12');
  });
  afterEach(async () => {
    await h.close();
  });

  it('a 1:1 card opens the ballot dialog; votes write nothing but counters; the digest carries the count', async () => {
    for (const [i, member] of g.members.entries()) {
      h.clock.advance(60_000);
      const done = await submit(h, member, await openFormByCommand(h, member, 'case'), {
        ...CASE,
        title: TITLES[i]!,
        visibility: i === 3 ? 'facilitator' : 'group',
      });
      expect(done?.type).toBe('continue');
    }
    const ids = Object.fromEntries(casesOf(h, g.groupId).map((c) => [c.title, c.id]));
    await h.advance(new Date('2026-03-09T08:00:00Z').getTime() - h.clock.now().getTime());
    for (const member of g.members)
      expect(cardText(findCard(h, personalOf(h, member), /Quels cas pour la prochaine séance/))).toContain(
        'Et 1 autre cas, que seul·e l’animateur·rice peut lire',
      );

    const adapterState = () => h.db.sqlite.prepare('select * from teams_conversations order by key').all();
    const inboundEvents = () => h.db.sqlite.prepare('select count(*) as n from inbound_events').get();
    const stateBefore = adapterState();
    const eventsBefore = inboundEvents();
    const choices = [
      [ids[TITLES[0]!]!, ids[TITLES[1]!]!],
      [ids[TITLES[2]!]!],
      [ids[TITLES[2]!]!, ids[TITLES[0]!]!],
    ];
    for (const [i, member] of g.members.slice(0, 3).entries()) {
      const ballot = findCard(h, personalOf(h, member), /Quels cas pour la prochaine séance/);
      const form = dialogCard(await press(h, member, ballot, /^Voter$/));
      const choiceSet = inputsOf(form).find((x) => x.id === 'f.choices')!;
      expect(choiceSet.type).toBe('Input.ChoiceSet');
      expect(choiceSet.isMultiSelect).toBe(true);
      expect(choiceSet.choices.map((c: { title: string }) => c.title)).toEqual(TITLES.slice(0, 3));
      if (i === 0) {
        const refused = dialogCard(
          await submit(h, member, form, { choices: TITLES.slice(0, 3).map((t) => ids[t]!) }),
        );
        expect(errorUnder(refused, 'choices')).toBe('Choisissez au plus 2 cas : rien n’a été compté.');
        // Shown again as it was: the cases it describes and the vote's anonymity are still explained.
        expect(cardText(refused)).toContain('personne, ni l’animateur·rice ni l’exploitant du service');
        for (const title of TITLES.slice(0, 3)) expect(cardText(refused)).toContain(title);
        // A case that is not on the ballot (the facilitator-only one), sent by a tampered client.
        const forged = dialogCard(await submit(h, member, form, { choices: [ids[TITLES[3]!]!] }));
        expect(errorUnder(forged, 'choices')).toBe(
          'Ce cas ne fait pas partie de ce vote : rien n’a été compté.',
        );
      }
      const thanks = dialogCard(await submit(h, member, form, { choices: choices[i]! }));
      expect(cardText(thanks)).toContain('Votre vote est compté, sans votre nom.');
    }
    // Nothing was written around the votes but the counters (no reference refresh, no event id).
    expect(adapterState()).toEqual(stateBefore);
    expect(inboundEvents()).toEqual(eventsBefore);
    // A second vote is refused and not counted.
    const alice = g.members[0]!;
    const again = await press(h, alice, findCard(h, personalOf(h, alice), /Quels cas/), /^Voter$/);
    expect(cardText(dialogCard(again))).toContain('Vous avez déjà voté');

    await h.advance(new Date('2026-03-11T08:00:00Z').getTime() - h.clock.now().getTime());
    const digest = findCard(h, personalOf(h, g.facilitator), /Le vote du groupe/);
    const text = cardText(digest);
    expect(text).toMatch(/▇/);
    expect(text).toContain('3 personnes ont voté');
    expect(text).toContain('Vote : 2 voix · première fois');
    for (const member of g.members)
      expect(
        h.fake.messagesIn(personalOf(h, member)).some((a) => /Le vote du groupe/.test(JSON.stringify(a))),
      ).toBe(false);
  });

  it('rotation is answered in the facilitator’s 1:1 chat; the nudge goes to one member only', async () => {
    const groupPosts = h.fake.messagesIn(g.chatId).length;
    await h.client.say(g.facilitator, 'rotation', g.where);
    const list = findCard(h, personalOf(h, g.facilitator), /Tour de parole — Groupe Lyon/);
    expect(cardText(list)).toContain('Alice Martin — n’a jamais présenté (0 séance(s) depuis son arrivée)');
    expect(cardText(list)).toContain('Cairn ne tient pas de registre de présence');
    const confirmed = dialogCard(await press(h, g.facilitator, list, /Inviter à apporter un cas/));
    expect(cardText(confirmed)).toMatch(/Invitation envoyée en privé à .+\./);
    await h.run();
    const invited = g.members.filter((m) =>
      h.fake
        .messagesIn(personalOf(h, m))
        .some((a) => /serait heureux·se de vous entendre/.test(JSON.stringify(a))),
    );
    expect(invited).toHaveLength(1);
    // Only the private answer's notice may reach the group chat; no list, no name of anyone nudged.
    const posted = h.fake
      .messagesIn(g.chatId)
      .slice(groupPosts)
      .map((a) => JSON.stringify(a));
    for (const p of posted) expect(p).not.toMatch(/Tour de parole|Invitation|jamais présenté/);

    // A member cannot see it.
    const member = h.as(g.members[1]!);
    const reply = await member.command('rotation');
    expect(cardText(reply!)).toContain('Seul·e l’animateur·rice');
  });
});
