import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAVE_NOTE_COMMAND } from '../../adapters/teams/payloads.js';
import type { Core } from '../../src/core/index.js';
import { cardText, fill, inputsOf } from './support/cards.js';
import { dialogCard, findCard, type GroupChat, personalOf, press, setUpGroupChat } from './support/flows.js';
import { startTeamsHarness, type TeamsHarness } from './support/harness.js';

/**
 * When the core fails (a database error, a bug), the person is told, in their language, that it did not
 * work; never "Done.", never silence; and what they typed in a dialog is given back to them.
 */

const FAILED = 'Cairn n’a pas pu faire cela pour le moment. Réessayez dans un instant.';
const NOTE = 'Mon adjoint a contredit mon arbitrage devant l’équipe de nuit.';

describe('Teams: a failure of Cairn is said, never hidden', () => {
  let h: TeamsHarness;
  let g: GroupChat;
  let handle: Core['handle'];
  beforeEach(async () => {
    h = await startTeamsHarness({ start: '2026-03-02T08:00:00Z' });
    g = await setUpGroupChat(h);
    handle = h.core.handle.bind(h.core);
  });
  afterEach(async () => {
    h.core.handle = handle;
    await h.close();
  });

  const breakCore = () => {
    h.core.handle = async () => {
      throw new Error('disk I/O error');
    };
  };

  it('a typed command: a message in the 1:1 chat says it failed', async () => {
    const alice = g.members[0]!;
    const before = h.fake.messagesIn(personalOf(h, alice)).length;
    breakCore();
    const answer = await h.client.say(alice, `note ${NOTE}`);
    expect(answer.status).toBe(200);
    const after = h.fake.messagesIn(personalOf(h, alice)).slice(before);
    expect(JSON.stringify(after)).toContain(FAILED);
  });

  it('a card button: the dialog says it failed, not "Done."', async () => {
    const alice = g.members[0]!;
    await h.client.say(alice, `note ${NOTE}`);
    await h.client.say(alice, 'carnet');
    const notebook = findCard(h, personalOf(h, alice), /Mon carnet de pratique/);
    breakCore();
    const task = await press(h, alice, notebook, /^Supprimer$/);
    expect(task).toEqual({ type: 'message', value: FAILED });
  });

  it('a dialog submitted: the form comes back with what was typed and the failure under it', async () => {
    const alice = g.members[0]!;
    const form = dialogCard(
      await h.client.extensionFetch(alice, g.where, `<p>${NOTE}</p>`, SAVE_NOTE_COMMAND),
    );
    breakCore();
    const again = dialogCard(
      await h.client.extensionSubmit(alice, g.where, fill(form, { noticed: 'Colère' }), SAVE_NOTE_COMMAND),
    );
    expect(inputsOf(again).find((i) => i.id === 'f.text')?.value).toBe(NOTE);
    expect(inputsOf(again).find((i) => i.id === 'f.noticed')?.value).toBe('Colère');
    expect(cardText(again)).toContain('Cairn n’a pas pu faire cela pour le moment');
  });

  it('the message action: the dialog says it failed', async () => {
    breakCore();
    const task = await h.client.extensionFetch(g.members[0]!, g.where, `<p>${NOTE}</p>`, SAVE_NOTE_COMMAND);
    expect(task).toEqual({ type: 'message', value: FAILED });
  });
});

describe('Teams: a note keeps what was written, or says what it could not keep', () => {
  let h: TeamsHarness;
  let g: GroupChat;
  beforeEach(async () => {
    h = await startTeamsHarness({ start: '2026-03-02T08:00:00Z' });
    g = await setUpGroupChat(h);
  });
  afterEach(async () => {
    await h.close();
  });

  it('"Save as a note" on a message longer than a note: the dialog says that only the beginning of the message is in the note, before it is saved', async () => {
    const long = `${'Une très longue réunion de planning. '.repeat(100)}FIN-DU-MESSAGE`;
    expect(long.length).toBeGreaterThan(3000);
    const form = dialogCard(
      await h.client.extensionFetch(g.members[0]!, g.where, `<p>${long}</p>`, SAVE_NOTE_COMMAND),
    );
    const value = String(inputsOf(form).find((i) => i.id === 'f.text')?.value);
    expect(value.length).toBe(3000);
    expect(cardText(form)).toContain('Le message dépasse 3000 caractères');
  });

  it('a note typed over several lines keeps its line breaks, as the note form and "Save as a note" do', async () => {
    const alice = g.members[0]!;
    await h.client.say(
      alice,
      'note  Réunion de nuit tendue.\r\nCe que j’ai ressenti :   de la colère.\n\nÀ creuser.',
    );
    const aliceId = h.db.sqlite
      .prepare('SELECT id FROM people WHERE display_name = ?')
      .pluck()
      .get('Alice Martin') as string;
    expect(h.store.notes.listByAuthor(aliceId).map((n) => n.text)).toEqual([
      'Réunion de nuit tendue.\nCe que j’ai ressenti : de la colère.\n\nÀ creuser.',
    ]);
  });
});
