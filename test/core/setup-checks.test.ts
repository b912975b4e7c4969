import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/contract/chat-platform.js';
import { createHarness, DAY, type Harness, HOUR, setUpGroup } from '../support/harness.js';
import { countRows, rolesOf, said } from '../support/scenario.js';

/**
 * Set-up asks the platform about the space when the form opens and again when it is submitted: Cairn must
 * be in it, it must not be shared with another organisation, its members must be listed, and the person
 * setting it up must be one of them. Form states expire after a day. Facilitators are people of the space.
 */
let h: Harness;
afterEach(() => h?.close());

const MEMBERS = ['U-ALICE', 'U-BRUNO', 'U-CHLOE'];

function lyon(harness: Harness, facts: { cairnIsMember?: boolean; sharedOutside?: boolean } = {}) {
  const claire = harness.platform.addUser('U-FAC', 'Claire Animatrice');
  for (const ref of MEMBERS) harness.platform.addUser(ref, ref.slice(2));
  harness.platform.addSpace('C-LYON', ['U-FAC', ...MEMBERS], facts);
  return claire;
}

const nothingStored = () => {
  expect(countRows(h, 'groups')).toBe(0);
  expect(countRows(h, 'memberships')).toBe(0);
  expect(h.platform.deliveries).toHaveLength(0);
};

describe('set-up: the space is checked with the platform', () => {
  it('is refused in a space Cairn was not invited to (nobody squats a channel before Cairn arrives)', async () => {
    h = await createHarness();
    const claire = lyon(h, { cairnIsMember: false });
    await claire.command('setup', { in: 'C-LYON' });
    expect(claire.form).toBeUndefined();
    expect(said(claire)).toBe(
      'Cairn n’est pas encore dans cet espace. Ajoutez-le d’abord (Slack : /invite @Cairn ; Teams : + Applications dans la conversation), puis relancez « setup ».',
    );
    await h.run();
    nothingStored();

    // A form opened while Cairn was there, submitted after it was removed: refused as well.
    h.platform.setSpaceFacts('C-LYON', { cairnIsMember: true });
    await claire.command('setup', { in: 'C-LYON' });
    expect(claire.form).toBeDefined();
    h.platform.setSpaceFacts('C-LYON', { cairnIsMember: false });
    await claire.submit({ name: 'Groupe Lyon' });
    expect(said(claire)).toContain('Cairn n’est pas encore dans cet espace.');
    await h.run();
    nothingStored();
  });

  it('is refused when the space’s members cannot be listed', async () => {
    h = await createHarness();
    const claire = lyon(h);
    h.platform.listSpaceMembers = async () => {
      throw new DeliveryError('transient', 'memory: unavailable');
    };
    await claire.command('setup', { in: 'C-LYON' });
    expect(claire.form).toBeUndefined();
    expect(said(claire)).toBe(
      'Cairn n’a pas pu lire les membres de cet espace : il ne peut pas y créer de groupe. Vérifiez que Cairn y a été ajouté, puis relancez « setup ».',
    );
    await h.run();
    nothingStored();
    expect(h.logs.text).toContain('set-up could not check the space');
  });

  it('is refused to someone who is not in the space, even with a form state sealed for them', async () => {
    h = await createHarness();
    const claire = lyon(h);
    const zoe = h.platform.addUser('U-ZOE', 'Zoé Ailleurs');
    await zoe.command('setup', { in: 'C-LYON' });
    expect(zoe.form).toBeUndefined();
    expect(said(zoe)).toBe('Seul·e un·e membre de cet espace peut y créer le groupe ou le modifier.');

    // Zoé was in the channel when she opened the form, and left before submitting it.
    h.platform.addSpace('C-LYON', ['U-FAC', 'U-ZOE', ...MEMBERS]);
    await zoe.command('setup', { in: 'C-LYON' });
    expect(zoe.form).toBeDefined();
    h.platform.removeSilently('C-LYON', 'U-ZOE');
    await zoe.submit({ name: 'Pris par Zoé' });
    expect(said(zoe)).toBe('Seul·e un·e membre de cet espace peut y créer le groupe ou le modifier.');
    await h.run();
    nothingStored();
    expect(claire.replies).toHaveLength(0);
  });

  it('is refused in a space shared with another organisation, with an explanation', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const claire = lyon(h, { sharedOutside: true });
    await claire.command('setup', { in: 'C-LYON' });
    expect(claire.form).toBeUndefined();
    expect(said(claire)).toContain('Ce canal est partagé avec une autre organisation (Slack Connect)');
    await h.run();
    nothingStored();
  });

  it('refuses a form submitted more than a day after it was opened; a fresh one works', async () => {
    h = await createHarness();
    const claire = lyon(h);
    await claire.command('setup', { in: 'C-LYON' });
    const stale = claire.form!;
    await h.advance(DAY + HOUR);
    await claire.submit({ name: 'Groupe Lyon' });
    expect(said(claire)).toBe(
      'Ce formulaire a expiré ou n’est plus valide : ouvrez-le à nouveau (relancez la commande ou le bouton).',
    );
    await h.run();
    nothingStored();

    await claire.command('setup', { in: 'C-LYON' });
    expect(claire.form?.state).not.toBe(stale.state);
    await claire.submit({ name: 'Groupe Lyon' });
    await h.run();
    expect(h.store.groups.findBySpace('C-LYON')?.name).toBe('Groupe Lyon');
  });
});

describe('facilitators are people of the space', () => {
  it('a facilitator who left the space (the event lost) is not kept when set-up is run again', async () => {
    h = await createHarness();
    const { facilitator, group } = await setUpGroup(h);
    await facilitator.command('setup', { in: 'C-LYON' });
    await facilitator.submit({ facilitators: ['U-FAC', 'U-BRUNO'] } as never);
    await h.run();
    expect(rolesOf(h, group.id)['U-BRUNO']).toBe('facilitator');

    // Bruno leaves the channel; Cairn never hears of it. Claire keeps him ticked (a forged value would
    // do the same: the form no longer offers him).
    h.platform.removeSilently('C-LYON', 'U-BRUNO');
    await facilitator.command('setup', { in: 'C-LYON' });
    const offered = facilitator.form!.fields.find((f) => f.id === 'facilitators');
    expect(offered?.kind === 'multiselect' && offered.options.map((o) => o.value)).not.toContain('U-BRUNO');
    await facilitator.submit({ facilitators: ['U-FAC', 'U-BRUNO'] } as never);
    await h.run();
    expect(rolesOf(h, group.id)['U-BRUNO']).toBeUndefined();
    expect(rolesOf(h, group.id)['U-FAC']).toBe('facilitator');

    // Nor is someone who was never in it.
    h.platform.addUser('U-ZOE', 'Zoé Ailleurs');
    await facilitator.command('setup', { in: 'C-LYON' });
    await facilitator.submit({ facilitators: ['U-FAC', 'U-ZOE'] } as never);
    await h.run();
    expect(rolesOf(h, group.id)['U-ZOE']).toBeUndefined();
    expect(h.store.people.findByUserRef('memory', 'U-ZOE')).toBeUndefined();
  });
});
