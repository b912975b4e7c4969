import { expect } from 'vitest';
import { spaceAddressOf } from '../../../adapters/teams/addresses.js';
import { button, type Card, cardOf, cardText, fill } from './cards.js';
import type { Activity, TeamsUserAccount } from './fake-connector.js';
import { TENANT, type TeamsHarness } from './harness.js';
import type { Where } from './teams-client.js';

/** The last message Cairn posted in a conversation. */
export function lastIn(h: TeamsHarness, conversationId: string): Activity {
  const all = h.fake.messagesIn(conversationId);
  const last = all[all.length - 1];
  if (!last) throw new Error(`nothing posted in ${conversationId}`);
  return last;
}

export const personalOf = (h: TeamsHarness, user: TeamsUserAccount): string => h.fake.personalChatOf(user);

/** The card of a dialog answer (`task`), failing clearly when it is something else. */
export function dialogCard(task: Activity | undefined): Card {
  if (task?.type !== 'continue')
    throw new Error(`expected a dialog card, got ${JSON.stringify(task)?.slice(0, 300)}`);
  return task.value.card.content;
}

/** A typed command whose answer is a form: the card in the person's 1:1 chat, its button, the dialog. */
export async function openFormByCommand(
  h: TeamsHarness,
  user: TeamsUserAccount,
  text: string,
  where: Where = h.client.personal(user),
): Promise<Card> {
  const before = h.fake.messagesIn(personalOf(h, user)).length;
  const answer = await h.client.say(user, text, where);
  expect(answer.status).toBe(200);
  const posted = h.fake.messagesIn(personalOf(h, user));
  expect(posted.length).toBe(before + 1);
  const card = cardOf(posted[posted.length - 1]);
  return dialogCard(await h.client.fetchTask(user, button(card, /./), h.client.personal(user)));
}

/** Presses a button of a card in a chat: the dialog it opens. */
export async function press(
  h: TeamsHarness,
  user: TeamsUserAccount,
  card: Card,
  title: RegExp,
  where: Where = h.client.personal(user),
): Promise<Activity> {
  return h.client.fetchTask(user, button(card, title), where);
}

/** Fills and submits a dialog card; the next dialog answer (undefined when it closed). */
export function submit(
  h: TeamsHarness,
  user: TeamsUserAccount,
  card: Card,
  values: Record<string, string | string[] | boolean>,
  where: Where = h.client.personal(user),
): Promise<Activity | undefined> {
  return h.client.submitTask(user, fill(card, values), where);
}

export type GroupChat = {
  chatId: string;
  where: Where;
  address: string;
  facilitator: TeamsUserAccount;
  members: TeamsUserAccount[];
  groupId: string;
};

/** A group chat with a facilitator and members, Cairn installed and `setup` run there through the dialog. */
export async function setUpGroupChat(
  h: TeamsHarness,
  opts: { chatId?: string; name?: string; facilitator?: TeamsUserAccount; members?: TeamsUserAccount[] } = {},
): Promise<GroupChat> {
  const { client } = h;
  const chatId = opts.chatId ?? '19:lyon-group@thread.v2';
  const facilitator = opts.facilitator ?? client.user('aad-claire', 'Claire Animatrice');
  const members = opts.members ?? [
    client.user('aad-alice', 'Alice Martin'),
    client.user('aad-bruno', 'Bruno Petit'),
    client.user('aad-chloe', 'Chloé Durand'),
    client.user('aad-david', 'David Moreau'),
  ];
  h.fake.setMembers(chatId, [facilitator, ...members]);
  const where = client.groupChat(chatId);
  await client.install(facilitator, where);
  const form = await openFormByCommand(h, facilitator, 'setup', where);
  const done = await submit(h, facilitator, form, { name: opts.name ?? 'Groupe Lyon', language: 'fr' });
  expect(done?.type).toBe('continue');
  await h.run();
  const address = spaceAddressOf(TENANT, chatId);
  const group = h.store.groups.findBySpace(address);
  if (!group) throw new Error('setup did not create the group');
  return { chatId, where, address, facilitator, members, groupId: group.id };
}

/** The most recent card in a conversation whose text matches. */
export function findCard(h: TeamsHarness, conversationId: string, pattern: RegExp): Card {
  const cards = h.fake
    .messagesIn(conversationId)
    .filter((a) => a.attachments?.[0]?.content)
    .map((a) => cardOf(a));
  const found = cards.reverse().find((c) => pattern.test(cardText(c)));
  if (!found)
    throw new Error(
      `no card matching ${pattern} in ${conversationId}:\n${cards.map(cardText).join('\n---\n')}`,
    );
  return found;
}

/** Schedules a session from the group chat (local date and time in the group's zone). */
export async function scheduleSession(
  h: TeamsHarness,
  g: GroupChat,
  date: string,
  time = '14:00',
): Promise<void> {
  const form = await openFormByCommand(h, g.facilitator, 'session', g.where);
  const done = await submit(h, g.facilitator, form, { date, time, place: 'Salle Rhône, 2e étage' });
  expect(done?.type).toBe('continue');
  await h.run();
}

export type CaseRow = { id: string; title: string; situation: string; status: string; author: string };

/** A group's cases as stored (author by display name). */
export function casesOf(h: TeamsHarness, groupId: string): CaseRow[] {
  return h.db.sqlite
    .prepare(
      `select c.id, c.title, c.situation, c.status, p.display_name as author
       from cases c join people p on p.id = c.author_id where c.group_id = ? order by c.created_at, c.id`,
    )
    .all(groupId) as CaseRow[];
}
