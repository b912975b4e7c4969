import { expect } from 'vitest';
import type { FakeSlack, Json, PostedMessage } from '../../support/fake-slack.js';
import type { SlackCairn } from './slack-cairn.js';
import { eventually, type SlackUserSession } from './slack-client.js';

export const TEAM = 'T0CAIRN';
export const FACILITATOR = 'UFAC';
export const MEMBERS = ['UALICE', 'UBRUNO', 'UCHLOE', 'UDAVID', 'UEMMA'] as const;

/** People of a Slack workspace, a bot that must never become a member, and Cairn. */
export function populate(fake: FakeSlack): void {
  fake.addUser(FACILITATOR, 'Claire Animatrice');
  fake.addUser('UALICE', 'Alice Martin');
  fake.addUser('UBRUNO', 'Bruno Petit');
  fake.addUser('UCHLOE', 'Chloé Durand');
  fake.addUser('UDAVID', 'David Moreau', { locale: 'en-US' });
  fake.addUser('UEMMA', 'Emma Laurent');
  fake.addUser('UPOLLBOT', 'Poll Bot', { isBot: true });
  fake.addUser(fake.botUserId, 'Cairn', { isBot: true });
}

/**
 * A private channel with Cairn invited, and `/cairn setup` run in it by the facilitator through the modal
 * (every field as the modal offers it, the group's name typed).
 */
export async function setUpGroup(
  cairn: SlackCairn,
  fake: FakeSlack,
  channel = 'GLYON',
  name = 'Groupe Lyon',
  members: readonly string[] = MEMBERS,
): Promise<{ space: string; facilitator: SlackUserSession }> {
  fake.addChannel(channel, [FACILITATOR, ...members, 'UPOLLBOT', fake.botUserId]);
  const facilitator = cairn.driver.as(FACILITATOR);
  const opened = await facilitator.command('setup', channel);
  expect(opened.view?.callback_id).toBe('setup');
  const ack = await facilitator.submit(opened.view!, {
    name,
    supportContacts: 'Ligne d’écoute : 0800 000 000',
  });
  expect(ack.response_action).toBe('update');
  await cairn.run();
  const space = `slack:${TEAM}:${channel}`;
  expect(cairn.store.groups.findBySpace(space)?.name).toBe(name);
  return { space, facilitator };
}

/** `/cairn session` in the group's channel, submitted with a date and time. */
export async function scheduleSession(
  cairn: SlackCairn,
  facilitator: SlackUserSession,
  channel: string,
  date: string,
  time = '14:00',
): Promise<Json> {
  const opened = await facilitator.command('session', channel);
  expect(opened.view?.callback_id).toBe('session');
  const ack = await facilitator.submit(opened.view!, { date, time, place: 'Salle Rhône' });
  await cairn.run();
  return ack;
}

/** The last message Cairn posted in someone's DM. */
export function lastDm(fake: FakeSlack, userId: string): PostedMessage | undefined {
  const list = fake.messagesIn(fake.dmChannelOf(userId));
  return list[list.length - 1];
}

export async function waitForDm(fake: FakeSlack, userId: string, count = 1): Promise<PostedMessage> {
  return eventually(() => fake.messagesIn(fake.dmChannelOf(userId)).length >= count && lastDm(fake, userId));
}
