import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAVE_NOTE_COMMAND } from '../../adapters/teams/payloads.js';
import { buttonsOf, cardText, errorUnder, fill, inputsOf } from './support/cards.js';
import {
  dialogCard,
  findCard,
  type GroupChat,
  personalOf,
  press,
  scheduleSession,
  setUpGroupChat,
} from './support/flows.js';
import { startTeamsHarness, type TeamsHarness } from './support/harness.js';

/**
 * The practice loop through Teams (teams-ai, Adaptive Cards, dialogs, the fake Bot Connector): Alice notes
 * a situation by command and one with the "Save as a note" message action, turns one into a case, it is
 * presented, she writes her plan in a dialog, the follow-up comes on its date, she reports, and the
 * facilitator's digest opens with her report.
 */

const NOTE_1 = 'Mon adjoint a contredit mon arbitrage devant l’équipe de nuit.';
const PLAN = 'Un point hebdomadaire en tête-à-tête avec mon adjoint.';
const HAPPENED = 'Deux points ont eu lieu ; le second a préparé l’arbitrage du planning.';

describe('Teams: the practice loop between sessions', () => {
  let h: TeamsHarness;
  let g: GroupChat;
  beforeEach(async () => {
    h = await startTeamsHarness({ start: '2026-03-02T08:00:00Z' });
    g = await setUpGroupChat(h);
    for (const date of ['2026-03-19', '2026-04-16', '2026-05-14']) await scheduleSession(h, g, date);
  });
  afterEach(async () => {
    await h.close();
  });

  const at = async (iso: string) => {
    h.clock.set(new Date(iso));
    await h.run();
  };

  it('from a note and a saved message to the report that opens the next digest', async () => {
    const alice = h.as(g.members[0]!);
    const aliceAccount = g.members[0]!;

    // `note <text>` in the 1:1 chat: saved at once.
    const saved = await alice.command(`note ${NOTE_1}`);
    expect(cardText(saved!)).toContain('C’est noté dans votre carnet. Vous seul·e pouvez le lire.');
    // "Save as a note" on a message of the group chat: the note dialog, with the message as its text.
    await at('2026-03-05T08:00:00Z');
    const html = '<p>Entretien <b>tendu</b> avec une technicienne &amp; sa demande de mutation.</p>';
    const form = dialogCard(await h.client.extensionFetch(aliceAccount, g.where, html, SAVE_NOTE_COMMAND));
    const text = inputsOf(form).find((i) => i.id === 'f.text');
    expect(text?.value).toBe('Entretien tendu avec une technicienne & sa demande de mutation.');
    const done = await h.client.extensionSubmit(
      aliceAccount,
      g.where,
      fill(form, { noticed: '' }),
      SAVE_NOTE_COMMAND,
    );
    expect(cardText(dialogCard(done))).toContain('Votre carnet compte 2 notes.');
    const aliceId = h.db.sqlite
      .prepare('SELECT id FROM people WHERE display_name = ?')
      .pluck()
      .get('Alice Martin') as string;
    expect(h.store.notes.listByAuthor(aliceId).map((n) => n.text)).toEqual([
      'Entretien tendu avec une technicienne & sa demande de mutation.',
      NOTE_1,
    ]);

    // The reminder counts them; the notebook's "Turn into a case" opens the case dialog with the note.
    await at('2026-03-12T08:00:00Z');
    const reminder = findCard(h, personalOf(h, aliceAccount), /Proposer un cas/);
    expect(cardText(reminder)).toContain('vous avez noté 2 situations dans votre carnet');
    expect(buttonsOf(reminder).map((b) => b.title)).toContain('Voir mes notes');
    const notebook = (await alice.command('carnet'))!;
    expect(cardText(notebook)).toContain('Mon carnet de pratique');
    await alice.press(/^En faire un cas$/, notebook); // the newest note first: the saved message
    expect(inputsOf(alice.form!).find((i) => i.id === 'f.situation')?.value).toBe(
      'Entretien tendu avec une technicienne & sa demande de mutation.',
    );
    await alice.submit({
      title: 'Comment puis-je accompagner une demande de mutation ?',
      kind: 'concern',
      stakes: 'Garder la confiance de l’équipe.',
      tried: 'Un premier entretien.',
      expectations: 'Des pistes.',
      charter: true,
    });
    const aliceCase = h.store.cases.listByAuthor(aliceId)[0]!;
    expect(aliceCase.situation).toBe('Entretien tendu avec une technicienne & sa demande de mutation.');

    // Presented after the session: "Write my action plan" in her 1:1 chat.
    await at('2026-03-19T16:30:00Z');
    await h.client.say(g.facilitator, 'cases');
    const queue = findCard(h, personalOf(h, g.facilitator), /mutation/);
    await press(h, g.facilitator, queue, /^Présenté$/);
    await h.run();
    const prompt = findCard(h, personalOf(h, aliceAccount), /Votre plan d’action/);
    await alice.press(/Écrire mon plan d’action/, prompt);
    expect(inputsOf(alice.form!).find((i) => i.id === 'f.followUpOn')).toMatchObject({
      type: 'Input.Date',
      value: '2026-04-09',
    });
    const refused = await alice.submit({ what: PLAN, followUpOn: '2026-03-01' });
    expect(errorUnder(refused!, 'followUpOn')).toBe(
      'Cette date est passée : choisissez aujourd’hui ou plus tard.',
    );
    await alice.submit({ what: PLAN, followUpOn: '2026-04-09' });
    expect(cardText(alice.lastReply!)).toContain('Le jeudi 9 avril 2026 à 9 h, Cairn vous demandera');
    // The welcome card (help) shows her plan's date.
    const help = (await alice.command('aide'))!;
    expect(cardText(help)).toContain('suivi le jeudi 9 avril 2026');

    // The follow-up on its date at 09:00 in Paris; she reports, for the group.
    await at('2026-04-09T07:00:00Z');
    const followUp = findCard(h, personalOf(h, aliceAccount), /Comment cela s’est-il passé/);
    await alice.press(/^Raconter$/, followUp);
    await alice.submit({ outcome: 'partly', happened: HAPPENED, share: 'group' });
    expect(cardText(alice.lastReply!)).toContain('Merci. Votre compte rendu est enregistré.');
    // Twice: refused, nothing changed.
    await alice.press(/^Raconter$/, followUp);
    expect(cardText(alice.lastReply!)).toContain('Vous avez déjà raconté comment cela s’est passé');

    // The digest the day before opens with her report.
    await at('2026-04-15T07:00:00Z');
    const digest = findCard(h, personalOf(h, g.facilitator), /Les retours des précédents clients/);
    const digestText = cardText(digest);
    expect(digestText.indexOf('Les retours des précédents clients')).toBeLessThan(
      digestText.indexOf('Les cas de demain'),
    );
    expect(digestText).toContain(HAPPENED);
    expect(digestText).not.toContain(PLAN);
    // Nobody else's chat holds her notes or her plan; the logs hold none of it.
    for (const member of g.members.slice(1)) {
      const seen = JSON.stringify(h.fake.messagesIn(personalOf(h, member)));
      for (const secret of [NOTE_1, PLAN, 'technicienne']) expect(seen).not.toContain(secret);
    }
    expect(JSON.stringify(h.fake.messagesIn(g.chatId))).not.toMatch(/adjoint|technicienne|hebdomadaire/);
    for (const written of [NOTE_1, PLAN, HAPPENED, 'technicienne'])
      expect(h.logs.text).not.toContain(written);
  });
});
