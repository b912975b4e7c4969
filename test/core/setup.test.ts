import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../adapters/memory/platform.js';
import { createHarness, type Harness, setUpGroup } from '../support/harness.js';
import { countRows, replyText, rolesOf, said, texts } from '../support/scenario.js';

let h: Harness;
afterEach(() => h?.close());

const LYON = [
  ['U-ALICE', 'Alice Martin'],
  ['U-BRUNO', 'Bruno Petit'],
  ['U-CHLOE', 'Chloé Durand'],
] as [string, string][];

function twoMembersSpace(harness: Harness) {
  const claire = harness.platform.addUser('U-FAC', 'Claire Animatrice');
  for (const [ref, name] of LYON) harness.platform.addUser(ref, name);
  harness.platform.addSpace('C-LYON', ['U-FAC', ...LYON.map(([ref]) => ref)]);
  return claire;
}

describe('group set-up, in French', () => {
  it('a facilitator sets a group up in its channel: field errors first, then the group and its welcome', async () => {
    h = await createHarness();
    const claire = twoMembersSpace(h);

    await claire.command('setup', { in: 'C-LYON' });
    const form = claire.form!;
    expect(form.title).toBe('Créer le groupe');
    expect(form.fields.map((f) => f.id)).toEqual([
      'name',
      'language',
      'timeZone',
      'facilitators',
      'reminderDays',
      'reminderTime',
      'checkinK',
      'supportContacts',
      'retentionMonths',
      // Choosing the cases (test/core/case-vote.test.ts), then the session guide's durations (guide.test.ts).
      'casesPerSession',
      'voteWhenMore',
      'cycleStart',
      'guideExpose',
      'guideClarification',
      'guideContract',
      'guideConsultation',
      'guideActionPlan',
      'guideLearned',
    ]);
    const facilitators = form.fields.find((f) => f.id === 'facilitators');
    expect(facilitators?.kind === 'multiselect' && facilitators.options.map((o) => o.label)).toEqual([
      'Alice Martin',
      'Bruno Petit',
      'Chloé Durand',
      'Claire Animatrice',
    ]);
    expect(facilitators?.kind === 'multiselect' && facilitators.initial).toEqual(['U-FAC']);

    await claire.submit({ name: 'Groupe Lyon', timeZone: 'Europe/Lyon', reminderDays: '7, 0, 90' });
    expect(claire.lastReply?.kind).toBe('form.errors');
    expect(claire.formErrors).toEqual({
      timeZone: 'Fuseau horaire inconnu (exemple : Europe/Paris).',
      reminderDays: 'Indiquez jusqu’à 5 nombres de jours entre 1 et 60, séparés par des virgules.',
    });
    expect(claire.form).toBe(form);
    await h.run();
    expect(countRows(h, 'groups')).toBe(0);
    expect(countRows(h, 'people')).toBe(0);
    expect(h.platform.deliveries).toHaveLength(0);

    await claire.submit({
      name: '',
      timeZone: 'Europe/Paris',
      reminderDays: 'tous les jours',
      casesPerSession: '9',
      cycleStart: '2026-13-45',
    });
    expect(claire.formErrors).toEqual({
      name: 'Ce champ est obligatoire.',
      reminderDays: 'Indiquez jusqu’à 5 nombres de jours entre 1 et 60, séparés par des virgules.',
      casesPerSession: '4 au maximum.',
      cycleStart: 'Date non valide (format AAAA-MM-JJ).',
    });

    await claire.submit({
      name: 'Groupe Lyon',
      timeZone: 'Europe/Paris',
      reminderDays: '7, 2',
      casesPerSession: '2',
      cycleStart: '',
    });
    expect(claire.lastReply?.kind).toBe('form.done');
    expect(replyText(claire.lastReply)).toBe(
      'Le groupe « Groupe Lyon » est créé. J’ajoute les membres du canal ; un message de bienvenue y sera publié.',
    );
    await h.run();

    const group = h.store.groups.findBySpace('C-LYON')!;
    expect(group).toMatchObject({
      name: 'Groupe Lyon',
      language: 'fr',
      timeZone: 'Europe/Paris',
      reminderOffsets: [
        { daysBefore: 7, time: '09:00' },
        { daysBefore: 2, time: '09:00' },
      ],
      checkinK: 4,
      retentionMonths: 12,
    });
    expect(rolesOf(h, group.id)).toEqual({
      'U-ALICE': 'member',
      'U-BRUNO': 'member',
      'U-CHLOE': 'member',
      'U-FAC': 'facilitator',
    });
    const posts = h.platform.postsIn('C-LYON');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.fallbackText).toBe('Cairn accompagne désormais « Groupe Lyon »');
    expect(messageText(posts[0]!)).toContain('Bienvenue dans « Groupe Lyon »');
    expect(messageText(posts[0]!)).toContain(
      'Groupe : 3 membre(s), 1 animateur·rice(s). Tapez « /cairn help »',
    );
    // Nobody gets a direct message for a set-up.
    expect(h.platform.deliveries.filter((d) => d.kind === 'direct')).toHaveLength(0);
  });

  it('re-running set-up in the bound channel updates the group and never creates a second one', async () => {
    h = await createHarness();
    const { facilitator, group } = await setUpGroup(h);
    expect(h.platform.postsIn('C-LYON')).toHaveLength(1);

    await facilitator.command('setup', { in: 'C-LYON' });
    expect(facilitator.form?.title).toBe('Réglages du groupe');
    const initial = Object.fromEntries(facilitator.form!.fields.map((f) => [f.id, f.initial]));
    expect(initial).toMatchObject({
      name: 'Groupe Lyon',
      language: 'fr',
      timeZone: 'Europe/Paris',
      facilitators: ['U-FAC'],
      reminderDays: ['7', '2'],
      reminderTime: '09:00',
    });

    await facilitator.submit({
      name: 'Groupe Lyon — managers de proximité',
      reminderDays: ['10', '3'],
      reminderTime: '08:30',
    });
    expect(replyText(facilitator.lastReply)).toBe(
      'Les réglages du groupe « Groupe Lyon — managers de proximité » sont enregistrés.',
    );
    await h.run();

    expect(h.store.groups.listAll()).toHaveLength(1);
    expect(h.store.groups.get(group.id)).toMatchObject({
      name: 'Groupe Lyon — managers de proximité',
      reminderOffsets: [
        { daysBefore: 10, time: '08:30' },
        { daysBefore: 3, time: '08:30' },
      ],
    });
    expect(Object.keys(rolesOf(h, group.id))).toHaveLength(6);
    // No second welcome message.
    expect(h.platform.postsIn('C-LYON')).toHaveLength(1);
  });

  it('a member running set-up in the group’s channel is refused and nothing changes', async () => {
    h = await createHarness();
    const { users, group } = await setUpGroup(h);
    const alice = users[0]!;
    const before = h.store.groups.get(group.id);

    await alice.command('setup', { in: 'C-LYON' });
    expect(alice.lastReply?.kind).toBe('message');
    expect(said(alice)).toBe('Seul·e l’animateur·rice du groupe peut faire cela.');
    expect(alice.form).toBeUndefined();

    // Even with the facilitator's form state, a submission is refused: the state was sealed for them.
    const { facilitator } = { facilitator: h.platform.as('U-FAC') };
    await facilitator.command('setup', { in: 'C-LYON' });
    await alice.submit({ name: 'Pris par Alice' }, { formId: 'setup', state: facilitator.form!.state });
    expect(alice.lastReply).toEqual({
      kind: 'form.done',
      message: expect.objectContaining({
        fallbackText:
          'Ce formulaire a expiré ou n’est plus valide : ouvrez-le à nouveau (relancez la commande ou le bouton).',
      }),
    });
    await h.run();
    expect(h.store.groups.get(group.id)).toEqual(before);
    expect(rolesOf(h, group.id)['U-ALICE']).toBe('member');
  });

  it('set-up in a direct conversation is refused with an explanation', async () => {
    h = await createHarness();
    const claire = twoMembersSpace(h);
    await claire.command('setup');
    expect(claire.form).toBeUndefined();
    expect(said(claire)).toBe(
      'Lancez « setup » dans le canal privé (ou la conversation de groupe) du groupe, après y avoir invité Cairn.',
    );
    await h.run();
    expect(countRows(h, 'groups')).toBe(0);
  });

  it('people joining or leaving the channel join or leave the group', async () => {
    h = await createHarness();
    const { group } = await setUpGroup(h);
    h.platform.addUser('U-FRED', 'Frédéric Nouveau');

    await h.platform.join('C-LYON', 'U-FRED');
    expect(rolesOf(h, group.id)['U-FRED']).toBe('member');
    // Joining twice changes nothing.
    await h.platform.join('C-LYON', 'U-FRED');
    expect(Object.keys(rolesOf(h, group.id))).toHaveLength(7);

    await h.platform.leave('C-LYON', 'U-BRUNO');
    expect(rolesOf(h, group.id)['U-BRUNO']).toBeUndefined();
    expect(Object.keys(rolesOf(h, group.id))).toHaveLength(6);

    // A channel Cairn does not serve is ignored.
    h.platform.addSpace('C-OTHER', []);
    await h.platform.join('C-OTHER', 'U-FRED');
    expect(
      h.store.memberships.listByPerson(h.store.people.findByUserRef('memory', 'U-FRED')!.id),
    ).toHaveLength(1);

    // Fred, now a member, sees the group in his help.
    const fred = h.platform.as('U-FRED');
    await fred.command('help');
    expect(said(fred)).toContain('« Groupe Lyon » : aucune séance programmée pour l’instant.');
  });

  it('a co-facilitator chosen in the form becomes a facilitator; unticking them makes them a member again', async () => {
    h = await createHarness();
    const claire = twoMembersSpace(h);
    await claire.command('setup', { in: 'C-LYON' });
    await claire.submit({ name: 'Groupe Lyon', facilitators: ['U-FAC', 'U-BRUNO'] } as never);
    await h.run();
    const group = h.store.groups.findBySpace('C-LYON')!;
    expect(rolesOf(h, group.id)).toEqual({
      'U-ALICE': 'member',
      'U-BRUNO': 'facilitator',
      'U-CHLOE': 'member',
      'U-FAC': 'facilitator',
    });
    expect(messageText(h.platform.postsIn('C-LYON')[0]!)).toContain('2 membre(s), 2 animateur·rice(s)');

    // Bruno can now manage the group: he opens the settings, with both facilitators ticked.
    const bruno = h.platform.as('U-BRUNO');
    await bruno.command('setup', { in: 'C-LYON' });
    expect(bruno.form?.fields.find((f) => f.id === 'facilitators')?.initial).toEqual(['U-BRUNO', 'U-FAC']);

    // Claire unticks Bruno.
    await claire.command('setup', { in: 'C-LYON' });
    await claire.submit({ facilitators: ['U-FAC'] } as never);
    await h.run();
    expect(rolesOf(h, group.id)['U-BRUNO']).toBe('member');
    await bruno.command('session', { in: 'C-LYON' });
    expect(said(bruno)).toBe('Seul·e l’animateur·rice du groupe peut faire cela.');
  });
});

describe('group set-up, in English', () => {
  it('a group set up in English gets its welcome and replies in English', async () => {
    h = await createHarness();
    const { facilitator, users, group } = await setUpGroup(h, { name: 'Montreal leaders', language: 'en' });
    expect(group.language).toBe('en');
    expect(replyText(facilitator.replies.find((r) => r.kind === 'form.done'))).toBe(
      'The group "Montreal leaders" is created. I am adding the channel’s members; a welcome message will be posted there.',
    );

    const welcome = h.platform.postsIn('C-LYON');
    expect(texts(welcome)).toHaveLength(1);
    expect(welcome[0]!.fallbackText).toBe('Cairn now supports "Montreal leaders"');
    expect(messageText(welcome[0]!)).toContain(
      'Group: 5 member(s), 1 facilitator(s). Type "/cairn help" to start.',
    );
    expect(messageText(welcome[0]!)).toContain('Charter: what is said in the group stays in the group.');

    await users[0]!.command('help');
    expect(users[0]!.lastText).toContain('"Montreal leaders": no session scheduled yet.');
    await facilitator.command('setup', { in: 'C-LYON' });
    expect(facilitator.form?.title).toBe('Group settings');
  });
});

describe('set-up form choices', () => {
  it('offers time zones and reminder days as lists, so nothing can be mistyped', async () => {
    h = await createHarness();
    h.platform.addUser('U-FAC', 'Claire Animatrice');
    h.platform.addSpace('C-NEW', ['U-FAC']);
    const claire = h.platform.as('U-FAC');
    await claire.command('setup', { in: 'C-NEW' });
    const zone = claire.form!.fields.find((f) => f.id === 'timeZone')!;
    const days = claire.form!.fields.find((f) => f.id === 'reminderDays')!;
    expect(zone.kind).toBe('select');
    expect(zone.kind === 'select' && zone.options.map((o) => o.value)).toContain('America/Montreal');
    expect(zone.initial).toBe('Europe/Paris');
    expect(days.kind).toBe('multiselect');
    expect(days.kind === 'multiselect' && days.options.map((o) => o.label)).toContain('la veille');
    await claire.submit({ name: 'Groupe Nouveau', reminderDays: ['14', '1'], timeZone: 'America/Montreal' });
    const group = h.store.groups.findBySpace('C-NEW')!;
    expect(group.timeZone).toBe('America/Montreal');
    expect(group.reminderOffsets.map((o) => o.daysBefore)).toEqual([14, 1]);
  });
});
