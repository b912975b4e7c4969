import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import type { Form } from '../../src/core/contract/form.js';
import { ACTION, FORM } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import type { Group } from '../../src/core/domain/group.js';
import { replyLine, replyText } from '../support/checkins.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';

let h: Harness;
let facilitator: MemoryUser;
let lyon: Group;
let paris: Group;
let lyonMembers: MemoryUser[];
let parisMembers: MemoryUser[];

const CONTENT = {
  themes: 'Déléguer sans perdre la main\nGérer un conflit entre deux chefs d’équipe',
  learned: 'Poser le cadre avant la tâche.',
  commitments: 'Chacun teste une délégation d’ici la prochaine séance.',
  freeText: 'Merci pour la qualité d’écoute.',
};

beforeEach(async () => {
  h = await createHarness({ start: '2026-03-02T08:00:00Z' });
  const a = await setUpGroup(h, { language: 'en', name: 'Groupe Lyon' });
  const b = await setUpGroup(h, {
    space: 'C-PARIS',
    name: 'Groupe Paris',
    language: 'fr',
    members: [
      ['U-PAUL', 'Paul Girard'],
      ['U-PIA', 'Pia Roux'],
      ['U-PIERRE', 'Pierre Blanc'],
    ],
  });
  facilitator = a.facilitator;
  lyon = a.group;
  paris = b.group;
  lyonMembers = a.users;
  parisMembers = b.users;
  await scheduleSession(facilitator, 'C-LYON', '2026-03-05', '14:00');
  await scheduleSession(facilitator, 'C-LYON', '2026-03-12', '14:00');
  await scheduleSession(facilitator, 'C-LYON', '2026-04-09', '14:00');
  // One jump: what the scheduler does on the way is not what these tests are about.
  await h.advanceTo('2026-03-13T10:00:00Z', 30 * 24 * 3_600_000);
});
afterEach(() => h.close());

const field = (form: Form | undefined, id: string) => form?.fields.find((f) => f.id === id);
const directCounts = (users: MemoryUser[]) => users.map((u) => u.directs.length);

async function writeAndPreview(values: Record<string, string | string[]>) {
  await facilitator.command('synthesis', { in: 'C-LYON' });
  return facilitator.submit({ ...CONTENT, ...values } as Record<string, string>);
}

describe('syntheses', () => {
  it('only facilitators write one; the form preselects the last session that took place', async () => {
    const alice = lyonMembers[0]!;
    const refused = await alice.command('synthesis', { in: 'C-LYON' });
    expect(replyLine(refused)).toBe('Only the group’s facilitator can do this.');
    expect(alice.form).toBeUndefined();
    // A stranger with no group.
    const stranger = h.platform.addUser('U-X', 'Xavier Inconnu');
    expect(replyLine(await stranger.command('synthesis'))).toContain('Cairn');

    await facilitator.command('synthesis', { in: 'C-LYON' });
    const form = facilitator.form!;
    expect(form.id).toBe(FORM.synthesis);
    const lastPast = h.store.sessions.listPast(lyon.id, h.clock.now(), 1)[0]!;
    expect(lastPast.startsAt.toISOString()).toBe('2026-03-12T13:00:00.000Z');
    const session = field(form, 'session')!;
    expect(session.initial).toBe(lastPast.id);
    // Past sessions only: the one on 9 April is not offered.
    expect((session as { options: { value: string }[] }).options).toHaveLength(2);
    expect(field(form, 'groups')?.initial).toEqual([lyon.id]);
    for (const id of ['themes', 'learned', 'commitments', 'freeText'])
      expect(field(form, id)).toEqual(expect.objectContaining({ kind: 'multiline', maxLength: 3000 }));
  });

  it('is previewed, posted to two groups through the outbox, and stored with the posts’ outbox ids', async () => {
    const members = [...lyonMembers, ...parisMembers];
    const before = directCounts(members);
    const preview = await writeAndPreview({ groups: [lyon.id, paris.id] });
    expect(preview.kind).toBe('form.next');
    const previewForm = (preview as { form: Form }).form;
    expect(previewForm.id).toBe(FORM.synthesisPreview);
    expect(previewForm.submitLabel).toBe('Post');
    expect(previewForm.fields).toEqual([]);
    const previewText = messageText({ fallbackText: '', blocks: previewForm.intro ?? [] });
    expect(previewText).toContain('Will be posted in: Groupe Lyon, Groupe Paris.');
    expect(previewText).toContain('Déléguer sans perdre la main');
    // Nothing posted at the preview.
    await h.run();
    expect(h.platform.postsIn('C-LYON').filter((m) => messageText(m).includes('Déléguer'))).toHaveLength(0);

    const posted = await facilitator.submit({});
    expect(posted.kind).toBe('form.done');
    expect(replyLine(posted)).toBe('Synthesis posted in 2 group(s).');
    await h.run();
    const inLyon = h.platform.postsIn('C-LYON').filter((m) => messageText(m).includes('Déléguer'));
    const inParis = h.platform.postsIn('C-PARIS').filter((m) => messageText(m).includes('Déléguer'));
    expect(inLyon).toHaveLength(1);
    expect(inParis).toHaveLength(1);
    // Each in its group's language, with the session's date.
    expect(messageText(inLyon[0]!)).toContain('Synthesis of the session of');
    expect(messageText(inLyon[0]!)).toContain('What the group learned\nPoser le cadre avant la tâche.');
    expect(messageText(inParis[0]!)).toContain('Synthèse de la séance du');
    expect(messageText(inParis[0]!)).toContain('Merci pour la qualité d’écoute.');

    const [synthesis] = h.store.syntheses.listByAuthor(h.store.people.findByUserRef('memory', 'U-FAC')!.id);
    expect(synthesis?.status).toBe('posted');
    const posts = h.store.syntheses.listPosts(synthesis!.id);
    expect(posts.map((p) => p.groupId).sort()).toEqual([lyon.id, paris.id].sort());
    for (const p of posts) {
      const row = h.store.outbox.get(p.outboxId)!;
      expect(row.status).toBe('sent');
      expect(row.ref).toMatch(/^m\d+$/);
      expect(row.address).toBe(p.groupId === lyon.id ? 'C-LYON' : 'C-PARIS');
    }
    // Members got nothing but the post itself.
    expect(directCounts(members)).toEqual(before);
  });

  it('an edit updates every posted copy; cancelling the edit’s preview leaves them unchanged', async () => {
    await writeAndPreview({ groups: [lyon.id, paris.id] });
    await facilitator.submit({});
    await h.run();
    const deliveriesAfterPost = h.platform.deliveries.length;

    // Edit, then cancel at the preview (the form is simply closed): nothing changes anywhere.
    const list = await facilitator.command('syntheses', { in: 'C-LYON' });
    const edit = buttonsOf((list as { message: Message }).message).find(
      (b) => b.action === ACTION.synthesisEdit,
    )!;
    expect(edit).toBeDefined();
    await facilitator.press(edit);
    expect(facilitator.form?.title).toBe('Edit the synthesis');
    expect(field(facilitator.form, 'themes')?.initial).toBe(CONTENT.themes);
    const cancelled = await facilitator.submit({ learned: 'Texte abandonné.' });
    expect(cancelled.kind).toBe('form.next');
    facilitator.form = undefined;
    await h.run();
    expect(h.platform.deliveries).toHaveLength(deliveriesAfterPost);
    for (const space of ['C-LYON', 'C-PARIS']) {
      const copy = h.platform.postsIn(space).find((m) => messageText(m).includes('Déléguer'))!;
      expect(messageText(copy)).toContain('Poser le cadre avant la tâche.');
      expect(messageText(copy)).not.toContain('Texte abandonné.');
    }

    // Edit and confirm: both copies are updated in place; members get nothing else.
    const members = [...lyonMembers, ...parisMembers];
    const before = directCounts(members);
    await facilitator.press(edit);
    const preview = await facilitator.submit({ learned: 'Clarifier le cadre, puis déléguer.' });
    expect((preview as { form: Form }).form.submitLabel).toBe('Update');
    const updated = await facilitator.submit({});
    expect(replyLine(updated)).toBe('Synthesis updated in 2 group(s).');
    await h.run();
    for (const space of ['C-LYON', 'C-PARIS']) {
      const copies = h.platform.postsIn(space).filter((m) => messageText(m).includes('Déléguer'));
      expect(copies).toHaveLength(1);
      expect(messageText(copies[0]!)).toContain('Clarifier le cadre, puis déléguer.');
      expect(messageText(copies[0]!)).not.toContain('Poser le cadre avant la tâche.');
    }
    const updates = h.platform.deliveries.slice(deliveriesAfterPost);
    expect(updates.map((d) => d.kind)).toEqual(['update', 'update']);
    expect(directCounts(members)).toEqual(before);
    // One synthesis, version 2; the abandoned draft is not listed.
    const listed = replyText(await lyonMembers[0]!.command('syntheses'));
    expect(listed.match(/Déléguer sans perdre la main/g)).toHaveLength(1);
    const fac = h.store.people.findByUserRef('memory', 'U-FAC')!;
    const posted = h.store.syntheses.listByAuthor(fac.id).filter((s) => s.status === 'posted');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.version).toBe(2);
  });

  it('an edit still updates a copy whose group was unticked', async () => {
    await writeAndPreview({ groups: [lyon.id, paris.id] });
    await facilitator.submit({});
    await h.run();
    const list = await facilitator.command('syntheses', { in: 'C-LYON' });
    const edit = buttonsOf((list as { message: Message }).message).find(
      (b) => b.action === ACTION.synthesisEdit,
    )!;
    await facilitator.press(edit);
    expect(field(facilitator.form, 'groups')?.hint).toContain('already posted, the posted copy stays');
    // Paris unticked: its posted copy cannot be taken back, so it must not keep the old text.
    const preview = await facilitator.submit({ groups: [lyon.id], learned: 'Version corrigée.' } as never);
    const intro = messageText({ fallbackText: '', blocks: (preview as { form: Form }).form.intro ?? [] });
    expect(intro).toContain('Will be posted in: Groupe Lyon, Groupe Paris.');
    expect(replyLine(await facilitator.submit({}))).toBe('Synthesis updated in 2 group(s).');
    await h.run();
    for (const space of ['C-LYON', 'C-PARIS']) {
      const copies = h.platform.postsIn(space).filter((m) => messageText(m).includes('Déléguer'));
      expect(copies).toHaveLength(1);
      expect(messageText(copies[0]!)).toContain('Version corrigée.');
    }
    // What members read again through /cairn syntheses is what the space shows.
    const paul = parisMembers[0]!;
    const theirs = await paul.command('syntheses');
    const read = await paul.press(buttonsOf((theirs as { message: Message }).message)[0]!);
    expect(replyText(read)).toContain('Version corrigée.');
  });

  it('an edit posts to a group newly ticked and updates the existing copy', async () => {
    await writeAndPreview({ groups: [lyon.id] });
    await facilitator.submit({});
    await h.run();
    expect(h.platform.postsIn('C-PARIS').filter((m) => messageText(m).includes('Déléguer'))).toHaveLength(0);
    const list = await facilitator.command('syntheses', { in: 'C-LYON' });
    await facilitator.press(
      buttonsOf((list as { message: Message }).message).find((b) => b.action === ACTION.synthesisEdit)!,
    );
    await facilitator.submit({ groups: [lyon.id, paris.id], learned: 'Pour les deux.' } as never);
    expect(replyLine(await facilitator.submit({}))).toBe('Synthesis updated in 2 group(s).');
    await h.run();
    for (const space of ['C-LYON', 'C-PARIS']) {
      const copies = h.platform.postsIn(space).filter((m) => messageText(m).includes('Déléguer'));
      expect(copies).toHaveLength(1);
      expect(messageText(copies[0]!)).toContain('Pour les deux.');
    }
  });

  it('warns when the text names a member of a target group, and requires the confirmation', async () => {
    const preview = await writeAndPreview({
      groups: [lyon.id, paris.id],
      learned: 'Comme l’a dit alice martin, poser le cadre. Et Pia Roux aussi.',
    });
    const form = (preview as { form: Form }).form;
    const intro = messageText({ fallbackText: '', blocks: form.intro ?? [] });
    expect(intro).toContain(
      'Careful: this synthesis names Alice Martin, Pia Roux. The group’s rule is that what is said stays in the group.',
    );
    expect(form.fields.map((f) => [f.id, f.kind, f.required])).toEqual([['confirmNames', 'checkbox', true]]);

    const unconfirmed = await facilitator.submit({ confirmNames: '' });
    expect(unconfirmed).toEqual({
      kind: 'form.errors',
      errors: { confirmNames: 'Confirm, or go back and remove the names.' },
    });
    await h.run();
    expect(h.platform.postsIn('C-LYON').filter((m) => messageText(m).includes('Déléguer'))).toHaveLength(0);

    const confirmed = await facilitator.submit({ confirmNames: 'true' });
    expect(replyLine(confirmed)).toBe('Synthesis posted in 2 group(s).');
    await h.run();
    expect(h.platform.postsIn('C-LYON').filter((m) => messageText(m).includes('Déléguer'))).toHaveLength(1);
  });

  it('a name inside another word, or the facilitator’s own name, raises no warning', async () => {
    const preview = await writeAndPreview({
      groups: [lyon.id],
      learned: 'Claire Animatrice a rappelé le cadre. Les Alice Martinez de ce monde…',
    });
    const form = (preview as { form: Form }).form;
    expect(messageText({ fallbackText: '', blocks: form.intro ?? [] })).not.toContain('Careful');
    expect(form.fields).toEqual([]);
  });

  it('/cairn syntheses lists them for members; a member of another group cannot read them', async () => {
    await writeAndPreview({ groups: [lyon.id] });
    await facilitator.submit({});
    await h.run();
    const alice = lyonMembers[0]!;
    const list = await alice.command('syntheses');
    const text = replyText(list);
    expect(text).toContain('Syntheses — Groupe Lyon');
    expect(text).toContain('Déléguer sans perdre la main');
    const buttons = buttonsOf((list as { message: Message }).message);
    // A member can read, not edit.
    expect(buttons.map((b) => b.action)).toEqual([ACTION.synthesisRead]);
    const read = await alice.press(buttons[0]!);
    expect(replyText(read)).toContain('Poser le cadre avant la tâche.');

    // Paris members see none, and cannot read it with Lyon's or their own group id.
    const paul = parisMembers[0]!;
    const theirs = replyText(await paul.command('syntheses'));
    expect(theirs).not.toContain('Déléguer');
    expect(theirs).toContain('Aucune synthèse');
    const synthesisId = buttons[0]!.value.split(':')[0]!;
    for (const value of [buttons[0]!.value, `${synthesisId}:${paris.id}`, synthesisId]) {
      const reply = await paul.press({ action: ACTION.synthesisRead, value });
      expect(replyText(reply)).not.toContain('Poser le cadre');
      expect(replyLine(reply)).toBe('Cette synthèse n’existe pas, ou vous n’y avez pas accès.');
    }
    // Nor edit it.
    const edit = await paul.press({ action: ACTION.synthesisEdit, value: synthesisId });
    expect(paul.form).toBeUndefined();
    expect(edit.kind).toBe('message');
  });

  it('each field holds at most 3,000 characters', async () => {
    const tooLong = await writeAndPreview({
      groups: [lyon.id],
      themes: 'a'.repeat(3001),
      freeText: 'b'.repeat(3001),
    });
    expect(tooLong).toEqual({
      kind: 'form.errors',
      errors: { themes: 'At most 3000 characters.', freeText: 'At most 3000 characters.' },
    });
    facilitator.form = undefined;
    const fits = await writeAndPreview({ groups: [lyon.id], themes: 'a'.repeat(3000) });
    expect(fits.kind).toBe('form.next');
    // Required fields.
    facilitator.form = undefined;
    const empty = await writeAndPreview({ groups: [], themes: '  ', learned: '' });
    expect(Object.keys((empty as { errors: Record<string, string> }).errors).sort()).toEqual([
      'groups',
      'learned',
      'themes',
    ]);
  });
});
