import { type Block, context, heading, type Message, message, text } from '../contract/message.js';
import type { Group } from '../domain/group.js';
import type { Synthesis } from '../domain/synthesis.js';
import { translator } from '../i18n/catalogue.js';
import { formatDate } from '../i18n/format.js';
import type { CoreDeps } from '../kernel/deps.js';

/** A synthesis as posted in a group's space, in that group's language. */
export function synthesisMessage(deps: CoreDeps, s: Synthesis, group: Group): Message {
  const t = translator(group.language);
  const session = s.sessionId ? deps.store.sessions.get(s.sessionId) : undefined;
  const title = session
    ? t('synthesis.titleFor', { date: formatDate(session.startsAt, group.language, group.timeZone) })
    : t('synthesis.titlePlain');
  return message(`${title} — ${group.name}`, ...synthesisBlocks(t, s, title), context(t('synthesis.footer')));
}

export function synthesisBlocks(t: ReturnType<typeof translator>, s: Synthesis, title: string): Block[] {
  const blocks: Block[] = [heading(title)];
  const section = (label: string, value: string) => {
    if (value.trim()) blocks.push(text(`${label}\n${value}`));
  };
  section(t('synthesis.themes'), s.themes);
  section(t('synthesis.learned'), s.learned);
  section(t('synthesis.commitments'), s.commitments);
  section(t('synthesis.freeText'), s.freeText);
  return blocks;
}

/** Members of the target groups whose display name appears in the text (accents and case ignored). */
export function namedMembers(deps: CoreDeps, s: Synthesis): string[] {
  const haystack = fold([s.themes, s.learned, s.commitments, s.freeText].join('\n'));
  const names = new Set<string>();
  for (const groupId of s.targetGroups) {
    for (const { person, role } of deps.store.memberships.listByGroup(groupId)) {
      if (role !== 'member' || person.displayName.trim().length < 3) continue;
      const needle = fold(person.displayName);
      const at = haystack.indexOf(needle);
      const before = at > 0 ? haystack[at - 1]! : ' ';
      const after = haystack[at + needle.length] ?? ' ';
      if (at >= 0 && !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after))
        names.add(person.displayName);
    }
  }
  return [...names].sort();
}

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');
