import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, errorUnder, fill, inputsOf } from './support/cards.js';
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
  title: 'Comment puis-je redonner du sens aux points du lundi ?',
  kind: 'problem',
  situation: 'Mon N+1 impose un point hebdomadaire que l’équipe juge inutile.',
  stakes: 'La motivation de l’équipe, et ma crédibilité.',
  tried: 'J’ai raccourci la réunion à 20 minutes.',
  expectations: 'Des pistes pour en parler à mon N+1.',
  charter: true,
};

describe('Teams: sessions, reminders and cases', () => {
  let h: TeamsHarness;
  let g: GroupChat;
  beforeEach(async () => {
    h = await startTeamsHarness();
    g = await setUpGroupChat(h);
    await scheduleSession(h, g, '2026-03-16');
  });
  afterEach(async () => {
    await h.close();
  });

  it('schedules the session from the group chat', () => {
    const sessions = h.store.sessions.listUpcoming(g.groupId, h.clock.now());
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.startsAt.toISOString()).toBe('2026-03-16T13:00:00.000Z');
  });

  it('sends reminders as proactive 1:1 messages, and a case goes through the dialog (errors, then success)', async () => {
    const alice = h.as(g.members[0]!);
    const bruno = h.as(g.members[1]!);
    const chloe = h.as(g.members[2]!);
    const created = h.fake.requests.filter((r) => r.kind === 'create').length;
    await h.advance(7 * 24 * 3_600_000 + 3_600_000);
    for (const member of g.members) {
      const reminder = findCard(h, personalOf(h, member), /Proposer un cas/);
      expect(cardText(reminder)).toMatch(/Pas cette fois/);
    }
    // Cairn opened the 1:1 chats it did not have (members never wrote to it).
    expect(h.fake.requests.filter((r) => r.kind === 'create').length).toBeGreaterThan(created);

    await alice.press(/Proposer un cas/);
    expect(inputsOf(alice.form!).map((i) => i.id)).toEqual(
      expect.arrayContaining(['f.title', 'f.situation', 'f.charter', 'f.visibility']),
    );
    const invalid = (await alice.submit({ title: CASE.title }))!;
    expect(errorUnder(invalid, 'situation')).toBeTruthy();
    expect(errorUnder(invalid, 'charter')).toBeTruthy();
    expect(errorUnder(invalid, 'title')).toBeUndefined();
    expect(inputsOf(invalid).find((i) => i.id === 'f.title')?.value).toBe(CASE.title);
    expect(casesOf(h, g.groupId)).toHaveLength(0);

    await alice.submit(CASE);
    expect(cardText(alice.lastReply!)).toMatch(/redonner du sens/);
    expect(alice.form).toBeUndefined();
    const cases = casesOf(h, g.groupId);
    expect(cases.map((c) => [c.title, c.situation])).toEqual([[CASE.title, CASE.situation]]);
    // The logs (at trace level) never hold what people wrote.
    for (const value of [CASE.title, CASE.situation, CASE.stakes, CASE.tried, CASE.expectations])
      expect(h.logs.text).not.toContain(value);

    // "Not this time": no more reminder for this session.
    await bruno.press(/Pas cette fois/);
    expect(cardText(bruno.lastReply!).length).toBeGreaterThan(0);
    const before = bruno.directs.length;
    await h.advance(5 * 24 * 3_600_000);
    expect(bruno.directs.length).toBe(before);
    // The second reminder still reaches those who neither submitted nor declined.
    expect(chloe.directs.filter((card) => /Proposer un cas/.test(cardText(card)))).toHaveLength(2);
  });

  it('the message extension opens the case dialog with the message as the situation', async () => {
    const chloe = g.members[2]!;
    const html = '<p>Mon N+1 <b>impose</b> un planning &amp; des astreintes…</p><p>Deuxième ligne</p>';
    const form = dialogCard(await h.client.extensionFetch(chloe, g.where, html));
    const situation = inputsOf(form).find((i) => i.id === 'f.situation');
    expect(situation?.value).toBe('Mon N+1 impose un planning & des astreintes…\nDeuxième ligne');
    expect(situation?.isMultiline).toBe(true);

    const invalid = dialogCard(
      await h.client.extensionSubmit(chloe, g.where, fill(form, { title: 'Comment faire ?' })),
    );
    expect(errorUnder(invalid, 'stakes')).toBeTruthy();
    const done = await h.client.extensionSubmit(
      chloe,
      g.where,
      fill(invalid, { ...CASE, situation: undefined as never }),
    );
    expect(cardText(dialogCard(done))).toMatch(/Comment puis-je/);
    expect(casesOf(h, g.groupId).map((c) => [c.author, c.situation])).toEqual([
      ['Chloé Durand', 'Mon N+1 impose un planning & des astreintes…\nDeuxième ligne'],
    ]);
  });

  it('the author edits then withdraws their case from the list in their 1:1 chat', async () => {
    const alice = h.as(g.members[0]!);
    await alice.command('cas');
    await alice.press(/./);
    await alice.submit(CASE);
    const list = (await alice.command('cases'))!;
    expect(cardText(list)).toMatch(/redonner du sens/);

    await alice.press(/^Modifier$/, list);
    expect(inputsOf(alice.form!).find((i) => i.id === 'f.situation')?.value).toBe(CASE.situation);
    await alice.submit({ title: 'Comment puis-je alléger les points du lundi ?' });
    expect(cardText(alice.lastReply!)).toMatch(/modifié/);
    expect(casesOf(h, g.groupId).map((c) => [c.title, c.status])).toEqual([
      ['Comment puis-je alléger les points du lundi ?', 'submitted'],
    ]);

    await alice.press(/^Retirer$/, list);
    expect(cardText(alice.lastReply!)).toMatch(/retiré/);
    expect(casesOf(h, g.groupId).map((c) => c.status)).toEqual(['withdrawn']);
  });

  it('the facilitator sees the queue, selects a case, and gets the digest the day before', async () => {
    const [alice, bruno] = g.members;
    for (const [who, title] of [
      [alice!, CASE.title],
      [bruno!, 'Comment puis-je préparer un entretien difficile ?'],
    ] as const) {
      await submit(h, who, await openFormByCommand(h, who, 'case'), {
        ...CASE,
        title,
        visibility: 'facilitator',
      });
    }
    await h.client.say(g.facilitator, 'cases');
    const queue = findCard(h, personalOf(h, g.facilitator), /entretien difficile/);
    expect(cardText(queue)).toMatch(/redonner du sens/);
    const selected = dialogCard(await press(h, g.facilitator, queue, /^Retenir$/));
    expect(cardText(selected)).toMatch(/:/);
    expect(
      casesOf(h, g.groupId)
        .map((c) => c.status)
        .sort(),
    ).toEqual(['selected', 'submitted']);
    // Members cannot read a case shared with the facilitator only.
    await h.client.say(g.members[3]!, 'cases');
    expect(cardText(cardOf(h.fake.messagesIn(personalOf(h, g.members[3]!)).at(-1)))).not.toMatch(
      /entretien difficile/,
    );

    await h.advance(13 * 24 * 3_600_000 + 4 * 3_600_000);
    const digest = findCard(h, personalOf(h, g.facilitator), /Les cas de demain/);
    expect(cardText(digest)).toMatch(/entretien difficile/);
    expect(cardText(digest)).toMatch(/redonner du sens/);
  });
});
