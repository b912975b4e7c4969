import { expect } from 'vitest';
import type { CaseTexts } from '../../support/cases.js';
import { cardText } from '../../teams/support/cards.js';
import type { TeamsUserAccount } from '../../teams/support/fake-connector.js';
import {
  dialogCard,
  findCard,
  type GroupChat,
  openFormByCommand,
  personalOf,
  press,
  submit,
} from '../../teams/support/flows.js';
import type { TeamsHarness } from '../../teams/support/harness.js';

/** The flows the privacy tests run through the real Teams stack (teams-ai, TeamsAdapter, the fake connector). */

/** The `case` command in the 1:1 chat, the dialog filled with these texts. */
export async function teamsCase(
  h: TeamsHarness,
  user: TeamsUserAccount,
  texts: CaseTexts,
  visibility = 'group',
) {
  const form = await openFormByCommand(h, user, 'case');
  const done = await submit(h, user, form, { ...texts, kind: 'problem', visibility, charter: true });
  expect(done?.type).toBe('continue');
  await h.run();
}

/** A check-in answer from the prompt's button in the person's 1:1 chat. */
export async function teamsAnswer(h: TeamsHarness, user: TeamsUserAccount, values: Record<string, string>) {
  const prompt = findCard(h, personalOf(h, user), /Répondre|Answer/);
  const form = dialogCard(await press(h, user, prompt, /Répondre|Answer/));
  const thanks = dialogCard(await submit(h, user, form, values));
  expect(cardText(thanks)).toMatch(/Merci|Thank/);
}

/** `synthese` in the facilitator's 1:1 chat, its preview, then *Post*. */
export async function teamsSynthesis(
  h: TeamsHarness,
  g: GroupChat,
  values: Record<string, string | string[]>,
) {
  const form = await openFormByCommand(h, g.facilitator, 'synthese');
  const preview = dialogCard(await submit(h, g.facilitator, form, { groups: [g.groupId], ...values }));
  await submit(h, g.facilitator, preview, { confirmNames: true });
  await h.run();
}
