import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../adapters/memory/platform.js';
import { halfwayTime } from '../../src/core/checkins/round-schedule.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import { answer, checkinPrompts, openRoundOf, replyText, scores, tallyTotal } from '../support/checkins.js';
import { createHarness, type Harness, setUpGroup } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

const CONTACTS = 'Médecine du travail : Dr Morel, poste 4412\nLigne d’écoute Psya : 0800 100 200';

async function groupWithRound(opts: { language: 'fr' | 'en'; contacts?: string; facilitators?: number }) {
  h = await createHarness({ start: '2026-03-02T08:00:00Z' });
  const g = await setUpGroup(h, { language: opts.language });
  if (opts.contacts !== undefined || opts.facilitators) {
    await g.facilitator.command('setup', { in: g.space });
    const values: Record<string, string | string[]> = {};
    if (opts.contacts !== undefined) values.supportContacts = opts.contacts;
    if (opts.facilitators) values.facilitators = ['U-FAC', 'U-EMMA'];
    await g.facilitator.submit(values as Record<string, string>);
    await h.run();
  }
  await g.facilitator.command('checkin open', { in: g.space });
  await h.run();
  return { ...g, round: openRoundOf(h, g.group.id) };
}

const careButton = (m: Message | undefined) => buttonsOf(m).find((b) => b.action === ACTION.careContact);
const formResult = (reply: unknown) => (reply as { message?: Message }).message;

describe('duty of care', () => {
  it('a 1 on "overall" shows the group’s contacts and the contact button, privately; pressing it tells the facilitator the name only', async () => {
    const { facilitator, users, round, group } = await groupWithRound({ language: 'en', contacts: CONTACTS });
    const [alice] = users;
    const facilitatorDirects = facilitator.directs.length;
    const deliveries = h.platform.deliveries.length;

    const { submitted } = await answer(alice!, round.id, scores(3, 2, 4, 1));
    expect(submitted?.kind).toBe('form.done');
    const shown = formResult(submitted)!;
    const text = messageText(shown);
    expect(text).toContain('You are going through a hard time.');
    expect(text).toContain('Médecine du travail : Dr Morel, poste 4412');
    expect(text).toContain('Ligne d’écoute Psya : 0800 100 200');
    expect(text).not.toContain('3114');
    const button = careButton(shown)!;
    expect(button).toEqual(expect.objectContaining({ label: 'I would like my facilitator to contact me' }));
    expect(button.value).toBe(group.id);
    // Shown in the form's response only: nothing sent, nothing queued, nothing kept but the counters.
    await h.run();
    expect(h.platform.deliveries).toHaveLength(deliveries);
    expect(tallyTotal(h, round.id)).toBe(1);

    const pressed = await alice!.press(button);
    expect(replyText(pressed)).toContain('Done: your facilitator will contact you.');
    await h.run();
    const received = facilitator.directs.slice(facilitatorDirects);
    expect(received).toHaveLength(1);
    const request = messageText(received[0]!);
    expect(request).toContain('Alice Martin ("Groupe Lyon") would like you to contact them.');
    // Nothing about any answer: no score, no question, no scale label.
    expect(request.match(/\d/g)).toBeNull();
    for (const word of ['workload', 'support I feel', 'overall', 'very hard', 'check-in answer 1'])
      expect(request.toLowerCase()).not.toContain(word);
    expect(buttonsOf(received[0]!)).toHaveLength(0);
    // Only the facilitator got it.
    for (const u of users) expect(u.directs.some((m) => messageText(m).includes('contact them'))).toBe(false);

    // Pressing again the same day does not flood the facilitator.
    await alice!.press(button);
    await h.run();
    expect(facilitator.directs.slice(facilitatorDirects)).toHaveLength(1);
  });

  it('with no contacts set, the translated defaults are shown (French and English)', async () => {
    const fr = await groupWithRound({ language: 'fr' });
    const { submitted } = await answer(fr.users[0]!, fr.round.id, scores(4, 4, 4, 1));
    const text = messageText(formResult(submitted)!);
    expect(text).toContain('Vous traversez un moment difficile.');
    expect(text).toContain('Médecine du travail (service de santé au travail de votre entreprise)');
    expect(text).toContain('3114');
    expect(careButton(formResult(submitted))?.label).toBe('Je souhaite que l’animateur·rice me contacte');
    h.close();

    const en = await groupWithRound({ language: 'en', contacts: '' });
    const r = await answer(en.users[1]!, en.round.id, scores(4, 4, 4, 1));
    const enText = messageText(formResult(r.submitted)!);
    expect(enText).toContain('Occupational health (your company’s occupational health service)');
    expect(enText).toContain('3114');
  });

  it('answers of 2 and above show no support block', async () => {
    const { users, round } = await groupWithRound({ language: 'en', contacts: CONTACTS });
    for (const [i, overall] of [2, 3, 4, 5].entries()) {
      // A 1 on another question is not the "overall" trigger.
      const { submitted } = await answer(users[i]!, round.id, scores(1, 1, 1, overall));
      const shown = formResult(submitted)!;
      expect(messageText(shown)).toContain('Thank you');
      expect(messageText(shown)).not.toContain('Dr Morel');
      expect(messageText(shown)).not.toContain('hard time');
      expect(careButton(shown)).toBeUndefined();
    }
  });

  it('the contact button is in every prompt and reminder, so pressing it says nothing about an answer', async () => {
    const { facilitator, users, round, group } = await groupWithRound({ language: 'en', facilitators: 2 });
    const emma = users[4]!;
    expect(
      h.store.memberships.get(group.id, h.store.people.findByUserRef('memory', 'U-EMMA')!.id)?.role,
    ).toBe('facilitator');
    const members = users.slice(0, 4);
    for (const u of members) {
      const prompt = checkinPrompts(u)[0];
      expect(careButton(prompt)?.value).toBe(group.id);
    }
    // A member who has not answered at all presses it from the prompt: both facilitators hear it.
    const bruno = users[1]!;
    const before = [facilitator.directs.length, emma.directs.length];
    await bruno.press(careButton(checkinPrompts(bruno)[0])!);
    await h.run();
    for (const [i, f] of [facilitator, emma].entries()) {
      const got = f.directs.slice(before[i]);
      expect(got).toHaveLength(1);
      expect(messageText(got[0]!)).toContain('Bruno Petit ("Groupe Lyon") would like you to contact them.');
    }
    expect(tallyTotal(h, round.id)).toBe(0);
    // The halfway reminder carries it too.
    const halfway = halfwayTime(round.openedAt, round.closesAt, group.timeZone);
    await h.advanceTo(new Date(halfway + 3_600_000).toISOString(), 12 * 3_600_000);
    for (const u of members) {
      const prompts = checkinPrompts(u);
      expect(prompts).toHaveLength(2);
      expect(careButton(prompts[1])?.value).toBe(group.id);
    }
  });

  it('someone outside the group cannot send a contact request to its facilitator', async () => {
    const { facilitator, group } = await groupWithRound({ language: 'en' });
    const outsider = h.platform.addUser('U-OUT', 'Olivier Dehors');
    const before = facilitator.directs.length;
    const reply = await outsider.press({ action: ACTION.careContact, value: group.id });
    expect(replyText(reply)).toContain('Ce groupe n’existe pas, ou vous n’en faites pas partie.');
    await h.run();
    expect(facilitator.directs).toHaveLength(before);
  });
});
