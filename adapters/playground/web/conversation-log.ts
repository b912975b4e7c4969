import type { EntryView } from '../api.js';
import { renderMessage } from './blocks.js';
import { el } from './dom.js';
import type { ChromeLanguage, ChromeTranslate } from './i18n.js';
import { formatStamp } from './time.js';

export type LogContext = { t: ChromeTranslate; language: ChromeLanguage; timeZone: string; empty: string };

/**
 * The conversation's messages. Entries are re-rendered only when they change, so the live region announces
 * only what is new and a keyboard user keeps their place.
 */
export class ConversationLog {
  readonly element = el('div', { id: 'log', class: 'log', role: 'log', tabindex: '0' });
  private readonly rendered = new Map<string, { signature: string; node: HTMLElement }>();

  constructor(private readonly press: (entry: EntryView, action: string, value: string) => void) {}

  show(entries: EntryView[], context: LogContext, switched: boolean): void {
    const log = this.element;
    const stick = switched || log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    const focusKey = focusedKey(log);
    this.patch(
      entries.length
        ? entries.map((e) => this.entryNode(e, context))
        : [el('p', { class: 'empty' }, context.empty)],
    );
    restoreFocus(log, focusKey);
    if (stick) log.scrollTop = log.scrollHeight;
  }

  /** An entry's element, reused while the entry is unchanged. */
  private entryNode(entry: EntryView, context: LogContext): HTMLElement {
    const signature = `${context.language}|${entry.edited}|${JSON.stringify(entry.message ?? entry.text)}`;
    const cached = this.rendered.get(entry.id);
    if (cached?.signature === signature) return cached.node;
    const node = this.renderEntry(entry, context);
    this.rendered.set(entry.id, { signature, node });
    return node;
  }

  /** Puts `nodes` in the log in order, touching only what changed (new entries are appended). */
  private patch(nodes: HTMLElement[]): void {
    const log = this.element;
    nodes.forEach((node, i) => {
      const at = log.children[i];
      if (at === node) return;
      if (at) log.insertBefore(node, at);
      else log.appendChild(node);
    });
    while (log.children.length > nodes.length) log.lastElementChild?.remove();
    const kept = new Set(nodes);
    for (const [id, { node }] of this.rendered) if (!kept.has(node)) this.rendered.delete(id);
  }

  private renderEntry(entry: EntryView, context: LogContext): HTMLElement {
    const { t } = context;
    const author = entry.author.kind === 'cairn' ? t('entry.cairn') : entry.author.name;
    const body = entry.message
      ? renderMessage(entry.message, {
          t,
          focusKey: entry.id,
          press: (button) => this.press(entry, button.action, button.value),
        })
      : el('p', { class: 'typed' }, entry.text ?? '');
    return el(
      'article',
      {
        class: `entry ${entry.author.kind}${entry.private ? ' private' : ''}`,
        'data-entry': entry.id,
      },
      el(
        'header',
        { class: 'entry-head' },
        el('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(author)),
        el('span', { class: 'author' }, author),
        el(
          'time',
          { datetime: entry.at },
          formatStamp(new Date(entry.at), context.language, context.timeZone),
        ),
        entry.private ? el('span', { class: 'private-tag' }, t('entry.private')) : null,
        entry.edited ? el('span', { class: 'edited' }, t('entry.edited')) : null,
      ),
      body,
    );
  }
}

/** Re-rendering must not lose the keyboard user's place: buttons are found again by a stable key. */
export function focusedKey(region: HTMLElement): string | null {
  const active = document.activeElement;
  return active && region.contains(active) ? active.getAttribute('data-focus-key') : null;
}

export function restoreFocus(region: HTMLElement, key: string | null): void {
  if (!key) return;
  const target = [...region.querySelectorAll<HTMLElement>('[data-focus-key]')].find(
    (e) => e.getAttribute('data-focus-key') === key,
  );
  (target ?? region).focus();
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}
