import { afterEach, expect, it } from 'vitest';
import { buttonsOf } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import { createHarness, type Harness, setUpGroup } from '../support/harness.js';
import { said } from '../support/scenario.js';

let h: Harness;
afterEach(() => h?.close());

const lastMessage = (reply: unknown): Message => (reply as { message: Message }).message;

it('a facilitator of two groups opens a round from a direct message by choosing the group', async () => {
  h = await createHarness();
  const lyon = await setUpGroup(h);
  const paris = await setUpGroup(h, {
    space: 'C-PARIS',
    name: 'Groupe Paris',
    members: [
      ['U-FANNY', 'Fanny Roux'],
      ['U-GUY', 'Guy Blanc'],
      ['U-HUGO', 'Hugo Noir'],
    ],
  });
  const reply = await lyon.facilitator.command('checkin open');
  const buttons = buttonsOf(lastMessage(reply));
  expect(buttons.map((b) => [b.action, b.label])).toEqual([
    [ACTION.checkinManage, 'Groupe Lyon'],
    [ACTION.checkinManage, 'Groupe Paris'],
  ]);
  await lyon.facilitator.press(buttons[1]!);
  expect(said(lyon.facilitator)).toContain('Point d’étape ouvert pour « Groupe Paris »');
  expect(h.store.checkins.openRoundOf(paris.group.id)).toBeDefined();
  expect(h.store.checkins.openRoundOf(lyon.group.id)).toBeUndefined();

  // A member pressing the same kind of button for a group they do not facilitate is refused.
  await paris.users[0]!.press({ action: ACTION.checkinManage, value: `close:${paris.group.id}` });
  expect(said(paris.users[0]!)).toContain('Seul·e l’animateur·rice');
  await lyon.users[0]!.press({ action: ACTION.checkinManage, value: `close:${paris.group.id}` });
  expect(h.store.checkins.openRoundOf(paris.group.id)).toBeDefined();
});

it('asking for contact in a group without another facilitator shows the support contacts instead', async () => {
  h = await createHarness();
  const { facilitator, users, group } = await setUpGroup(h);
  await facilitator.command('forget-me');
  await facilitator.submit({ confirm: 'true' });
  await users[0]!.press({ action: ACTION.careContact, value: group.id });
  expect(said(users[0]!)).toContain('pas d’animateur·rice à prévenir');
  expect(said(users[0]!)).toContain('3114');
  await h.run();
  expect(h.platform.deliveries.filter((d) => d.message.fallbackText.includes('contacté'))).toHaveLength(0);
});
