import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import { caseTexts, submitCase } from '../support/cases.js';
import { replyLine, replyText } from '../support/checkins.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

describe('/cairn my-data', () => {
  it('sends a direct message with a JSON file of memberships, cases and preferences; check-ins are said to be excluded', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users } = await setUpGroup(h, { language: 'fr' });
    await setUpGroup(h, {
      space: 'C-PARIS',
      name: 'Groupe Paris',
      facilitator: ['U-FAC2', 'Fanny Deux'],
      members: [['U-ALICE', 'Alice Martin']],
    });
    const [alice, bruno] = users;
    await scheduleSession(facilitator, space, '2026-03-20');
    const aliceCase = caseTexts('Alice');
    const brunoCase = caseTexts('Bruno');
    await submitCase(alice!, space, aliceCase);
    await submitCase(bruno!, space, brunoCase);
    await alice!.command('language en');
    await alice!.command('pause until 2026-12-31');
    await alice!.command('note Une situation notée pour mon carnet.');
    await h.run();

    const directsBefore = alice!.directs.length;
    const reply = await alice!.command('my-data');
    expect(replyLine(reply)).toBe('I have sent you your data in a direct message.');
    await h.run();
    const received = alice!.directs.slice(directsBefore);
    expect(received).toHaveLength(1);
    const dm = received[0]!;
    const text = messageText(dm);
    expect(text).toContain('Everything Cairn keeps about you');
    expect(text).toContain('Groups: Groupe Lyon (member), Groupe Paris (member)');
    expect(text).toContain('Cases proposed: 1');
    expect(text).toContain(aliceCase.title);
    expect(text).toContain('Your check-in answers are not here: Cairn cannot tell which ones are yours.');
    expect(text).toContain('Reminders paused until');
    expect(dm.attachment?.filename).toBe('cairn-my-data.json');
    expect(dm.attachment?.mimeType).toBe('application/json');

    const data = JSON.parse(dm.attachment!.content);
    expect(data.person).toEqual(
      expect.objectContaining({
        displayName: 'Alice Martin',
        platformUserId: 'U-ALICE',
        language: 'en',
        platform: 'memory',
      }),
    );
    // Paused until the end of 31 December, Paris time.
    expect(data.person.remindersPausedUntil).toBe('2026-12-31T23:00:00.000Z');
    // When Alice joined each group (the rotation counts sessions held while she was a member).
    expect(data.groups).toEqual([
      { name: 'Groupe Lyon', role: 'member', memberSince: expect.any(String) },
      { name: 'Groupe Paris', role: 'member', memberSince: expect.any(String) },
    ]);
    expect(data.caseVotes).toBe(
      'Your votes on proposed cases are not here either: Cairn cannot tell which ones are yours.',
    );
    expect(data.cases).toHaveLength(1);
    expect(data.cases[0]).toEqual(
      expect.objectContaining({ ...aliceCase, kind: 'problem', visibility: 'group', group: 'Groupe Lyon' }),
    );
    // Her notebook, in full.
    expect(data.notebook).toEqual({
      keepMonths: null,
      notes: [expect.objectContaining({ kind: 'note', text: 'Une situation notée pour mon carnet.' })],
    });
    expect(text).toContain('Notebook: 1 note(s) · action plans: 0');
    expect(data.checkInAnswers).toBe(
      'Your check-in answers are not here: Cairn cannot tell which ones are yours.',
    );
    // Nothing of anyone else.
    const whole = dm.attachment!.content + text;
    for (const v of Object.values(brunoCase)) expect(whole).not.toContain(v);
    expect(whole).not.toContain('Bruno');
    expect(whole).not.toContain('U-FAC');
    // Only Alice received anything.
    expect(bruno!.directs.some((m) => m.attachment)).toBe(false);
    expect(facilitator.directs.some((m) => m.attachment)).toBe(false);
  });

  it('a facilitator’s export lists the syntheses they wrote', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { facilitator, space } = await setUpGroup(h, { language: 'en' });
    await facilitator.command('synthesis', { in: space });
    await facilitator.submit({ themes: 'Thème unique 42', learned: 'Appris' });
    await facilitator.submit({});
    await facilitator.command('my-data');
    await h.run();
    const dm = facilitator.directs.at(-1)!;
    const data = JSON.parse(dm.attachment!.content);
    expect(data.groups).toEqual([
      { name: 'Groupe Lyon', role: 'facilitator', memberSince: '2026-03-02T08:00:00.000Z' },
    ]);
    expect(data.synthesesWritten.map((s: { themes: string }) => s.themes)).toEqual(['Thème unique 42']);
  });

  it('holds what forget-me would erase: a synthesis draft never posted, and each "not this time"', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { facilitator, space, users } = await setUpGroup(h, { language: 'en' });
    await scheduleSession(facilitator, space, '2026-03-20');
    const session = h.store.sessions.listUpcoming(h.store.groups.findBySpace(space)!.id, h.clock.now())[0]!;
    const alice = users[0]!;
    await alice.press({ action: ACTION.reminderSkip, value: session.id });
    await alice.command('my-data');
    await h.run();
    const mine = JSON.parse(alice.directs.at(-1)!.attachment!.content);
    expect(mine.notThisTime).toEqual([{ session: session.startsAt.toISOString() }]);

    // Previewed, never posted: the facilitator's own writing, which forget-me erases.
    await facilitator.command('synthesis', { in: space });
    await facilitator.submit({ themes: 'Brouillon jamais publié 7', learned: 'Appris en brouillon' });
    await facilitator.command('my-data');
    await h.run();
    const theirs = JSON.parse(facilitator.directs.at(-1)!.attachment!.content);
    expect(theirs.synthesisDrafts).toEqual([
      expect.objectContaining({ themes: 'Brouillon jamais publié 7', learned: 'Appris en brouillon' }),
    ]);
    expect(theirs.notThisTime).toEqual([]);
    expect(JSON.stringify(mine)).not.toContain('Brouillon');
  });

  it('someone Cairn does not know gets a clear message, and stays unknown', async () => {
    h = await createHarness();
    const stranger = h.platform.addUser('U-NOBODY', 'Nora Personne');
    const reply = await stranger.command('my-data');
    expect(replyLine(reply)).toBe('Cairn ne conserve aucune donnée à votre sujet.');
    await h.run();
    expect(stranger.directs).toHaveLength(0);
    expect(h.store.people.findByUserRef('memory', 'U-NOBODY')).toBeUndefined();
    // Privacy still explains what Cairn would keep.
    expect(replyText(await stranger.command('privacy'))).toContain('Ce que Cairn ne peut pas savoir');
  });
});
