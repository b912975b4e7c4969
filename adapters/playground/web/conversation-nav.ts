import type { ConversationView } from '../api.js';
import { el } from './dom.js';
import type { ChromeTranslate } from './i18n.js';

/** A conversation's name in the list and above the log: the DM with Cairn, or `# space`. */
export const conversationName = (c: ConversationView, t: ChromeTranslate): string =>
  c.kind === 'direct' ? t('nav.direct') : `# ${c.title}`;

/**
 * The persona's conversations as list items, each with its count of entries not yet seen. `seen` holds,
 * per persona and conversation, how many entries were there when it was last shown; it is updated here.
 */
export function conversationItems(options: {
  persona: string;
  conversations: ConversationView[];
  currentId: string | undefined;
  seen: Map<string, number>;
  t: ChromeTranslate;
  open: (id: string) => void;
}): HTMLLIElement[] {
  const { persona, currentId, seen, t } = options;
  return options.conversations.map((c) => {
    const key = `${persona}|${c.id}`;
    const isCurrent = c.id === currentId;
    if (isCurrent || !seen.has(key)) seen.set(key, c.entries.length);
    const unread = c.entries.length - (seen.get(key) ?? 0);
    const button = el(
      'button',
      {
        type: 'button',
        class: 'conversation-link',
        'aria-current': isCurrent ? 'true' : undefined,
        'data-conversation': c.id,
      },
      el('span', { class: 'conversation-name' }, conversationName(c, t)),
      el('span', { class: 'conversation-kind' }, c.kind === 'direct' ? t('nav.directHint') : t('nav.space')),
      unread > 0 ? el('span', { class: 'badge' }, t('nav.new', unread)) : null,
    );
    button.addEventListener('click', () => options.open(c.id));
    return el('li', {}, button);
  });
}
