import { expect } from 'vitest';
import { lastDm } from '../../slack/support/scenario.js';
import type { SlackCairn } from '../../slack/support/slack-cairn.js';
import type { CaseTexts } from '../../support/cases.js';
import type { Json, StoredView } from '../../support/fake-slack.js';

/** The flows the privacy tests run through the real Slack stack (signed requests, Bolt, the fake API). */

/** `/cairn case` in the group's channel, the modal filled with these texts. */
export async function slackCase(
  cairn: SlackCairn,
  user: string,
  channel: string,
  texts: CaseTexts,
  extra: Json = {},
) {
  const opened = await cairn.driver.as(user).command('case', channel);
  expect(opened.view?.callback_id).toBe('case');
  const ack = await cairn.driver
    .as(user)
    .submit(opened.view!, { ...texts, visibility: 'group', ...extra } as never);
  expect(ack.response_action, JSON.stringify(ack.errors)).toBe('update');
  await cairn.run();
}

/** A check-in answer from the prompt's button; with overall 1, the member also asks to be contacted. */
export async function slackAnswer(cairn: SlackCairn, user: string, values: Record<string, string>) {
  const fake = cairn.driver.fake;
  const member = cairn.driver.as(user);
  const prompt = [...fake.messagesIn(fake.dmChannelOf(user))]
    .reverse()
    .find((m) => JSON.stringify(m.blocks).includes('checkin.answer'))!;
  const form = await member.pressInMessage(prompt, 'checkin.answer');
  expect(form.view?.callback_id).toBe('checkin');
  const ack = await member.submit(form.view!, values);
  expect(ack.response_action).toBe('update');
  if (values.overall === '1') {
    const shown = { ...(ack.view as object), id: `VDONE-${user}`, hash: 'h' } as StoredView;
    fake.views.set(shown.id, shown);
    await member.pressInView(shown, 'care.contact');
  }
}

/** `/cairn synthesis`, its preview, then *Post*. */
export async function slackSynthesis(
  cairn: SlackCairn,
  user: string,
  values: Record<string, string | string[]>,
) {
  const facilitator = cairn.driver.as(user);
  const opened = await facilitator.command('synthesis');
  expect(opened.view?.callback_id).toBe('synthesis');
  const preview = await facilitator.submit(opened.view!, values);
  expect(preview.response_action, JSON.stringify(preview.errors)).toBe('update');
  const view = { ...(preview.view as object), id: `VPREVIEW-${Date.now()}`, hash: 'h' } as StoredView;
  await facilitator.submit(view, { confirmNames: true });
  await cairn.run();
}

/** `/cairn forget-me`, confirmed in the modal. */
export async function slackForgetMe(cairn: SlackCairn, user: string) {
  const form = await cairn.driver.as(user).command('forget-me');
  expect(form.view?.callback_id).toBe('forget-me');
  const done = await cairn.driver.as(user).submit(form.view!, { confirm: true });
  expect(done.response_action).toBe('update');
}

/** The last direct message a user got, as text. */
export const lastDmText = (cairn: SlackCairn, user: string): string =>
  JSON.stringify(lastDm(cairn.driver.fake, user) ?? {});
