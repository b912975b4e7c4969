import { buttonsOf, type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Button, Message } from '../../src/core/contract/message.js';
import type { Reply } from '../../src/core/contract/reply.js';
import type { Harness } from './harness.js';

/** A complete, valid case form, as a member would fill it. */
export function caseValues(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Comment puis-je recadrer un chef d’équipe sans le démotiver ?',
    kind: 'problem',
    situation: 'Un chef d’équipe arrive souvent en retard aux réunions de production.',
    stakes: 'La confiance de l’équipe de nuit.',
    tried: 'Un échange informel, sans effet durable.',
    expectations: 'Des façons d’ouvrir la conversation.',
    urgency: 'high',
    visibility: 'facilitator',
    charter: 'true',
    ...overrides,
  };
}

/** Opens the case form with `/cairn case [title]` and submits it. */
export async function proposeCase(
  user: MemoryUser,
  overrides: Record<string, string> = {},
  title = '',
): Promise<Reply> {
  await user.command(title ? `case ${title}` : 'case');
  if (!user.form) throw new Error(`no case form for ${user.userRef}: ${user.lastText}`);
  return user.submit(caseValues(overrides));
}

/** What a person reads in a message: the text of its blocks (not the notification fallback). */
export function shown(message: Message | undefined): string {
  if (!message) return '';
  const full = messageText(message);
  return full.slice(message.fallbackText.length + 1);
}

/** What a reply shows: a private message, or the message shown in place of a closed form. */
export function replyText(reply: Reply | undefined): string {
  if (!reply) return '';
  if (reply.kind === 'message') return shown(reply.message);
  if (reply.kind === 'form.done' && reply.message) return shown(reply.message);
  return '';
}

/** What a user was shown last. */
export const said = (user: MemoryUser): string => replyText(user.lastReply);

export const texts = (messages: Message[]): string[] => messages.map(messageText);

/** The button of a message with this action (and value, when given). */
export function button(message: Message | undefined, action: string, value?: string): Button {
  const found = buttonsOf(message).find(
    (b) => b.action === action && (value === undefined || b.value === value),
  );
  if (!found) throw new Error(`no ${action} button in: ${message ? messageText(message) : '(no message)'}`);
  return found;
}

/** The id of a case, from the "Read" button of a list or queue where its title appears. */
export function caseIdIn(message: Message, title: string): string {
  const blocks = message.blocks;
  const at = blocks.findIndex((b) => b.type === 'text' && b.text.includes(title));
  if (at < 0) throw new Error(`case "${title}" not listed in: ${messageText(message)}`);
  const next = blocks.slice(at + 1).find((b) => b.type === 'actions');
  const read = next?.type === 'actions' ? next.buttons.find((b) => b.action === ACTION.caseView) : undefined;
  if (!read) throw new Error(`no Read button after "${title}"`);
  return read.value;
}

/** How many rows the outbox holds, by status. */
export function outboxCounts(h: Harness): Record<string, number> {
  const rows = h.db.sqlite.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all() as {
    status: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export const countRows = (h: Harness, table: string): number =>
  (h.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** The roles of a group's members, by user ref, sorted. */
export function rolesOf(h: Harness, groupId: string): Record<string, string> {
  const entries = h.store.memberships
    .listByGroup(groupId)
    .map((m) => [m.person.userRef, m.role] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(entries);
}

/** The direct messages that reached each user since `since` deliveries, as their fallback texts. */
export function directsSince(h: Harness, since: number): { to: string; text: string }[] {
  return h.platform.deliveries
    .slice(since)
    .filter((d) => d.kind === 'direct')
    .map((d) => ({ to: d.address, text: d.message.fallbackText }));
}
