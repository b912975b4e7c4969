import type { CommandView } from '../api.js';
import { el, uid } from './dom.js';
import type { ChromeTranslate } from './i18n.js';

const PREFIX = '/cairn ';
/** Second words some sub-commands take. */
const ARGUMENTS: Record<string, string[]> = {
  language: ['fr', 'en'],
  pause: ['off', 'until '],
  checkin: ['open', 'close'],
};

type Suggestion = { text: string; label: string; detail: string };

const normalize = (word: string): string =>
  word
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/**
 * The message box: what is typed goes to the conversation; "/cairn …" (or plain words to Cairn directly)
 * runs a command. Sub-commands and their aliases are completed from the core's list (an ARIA combobox).
 */
export class Composer {
  readonly element: HTMLFormElement;
  readonly input: HTMLInputElement;
  private readonly label: HTMLLabelElement;
  private readonly hint: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly sendButton: HTMLButtonElement;
  private commands: CommandView[] = [];
  private direct = true;
  private suggestions: Suggestion[] = [];
  private active = -1;

  constructor(private readonly send: (text: string) => Promise<boolean>) {
    const inputId = uid('composer');
    const listId = uid('composer-list');
    const hintId = uid('composer-hint');
    this.input = el('input', {
      id: inputId,
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': listId,
      'aria-describedby': hintId,
      maxlength: 4000,
    });
    this.label = el('label', { for: inputId, class: 'composer-label' });
    this.hint = el('p', { id: hintId, class: 'composer-hint' });
    this.list = el('ul', { id: listId, role: 'listbox', class: 'suggestions', hidden: true });
    this.sendButton = el('button', { type: 'submit', class: 'button primary' });
    this.element = el(
      'form',
      { class: 'composer', novalidate: true },
      this.label,
      el(
        'div',
        { class: 'composer-row' },
        el('div', { class: 'composer-box' }, this.input, this.list),
        this.sendButton,
      ),
      this.hint,
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.input.addEventListener('input', () => this.suggest());
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.input.addEventListener('blur', () => setTimeout(() => this.hide(), 150));
  }

  update(opts: { commands: CommandView[]; t: ChromeTranslate; title: string; direct: boolean }): void {
    const { t } = opts;
    this.commands = opts.commands;
    this.direct = opts.direct;
    this.label.textContent = t('composer.label', opts.title);
    this.input.placeholder = opts.direct ? t('composer.placeholder') : t('composer.placeholderSpace');
    this.hint.textContent = t('composer.hint');
    this.list.setAttribute('aria-label', t('composer.suggestions'));
    this.sendButton.textContent = t('composer.send');
    this.facilitatorTag = t('composer.facilitatorOnly');
  }

  private facilitatorTag = '';

  private async submit(): Promise<void> {
    const text = this.input.value.trim();
    if (!text) return;
    this.hide();
    this.sendButton.disabled = true;
    const sent = await this.send(text);
    this.sendButton.disabled = false;
    if (sent) this.input.value = '';
    this.input.focus();
  }

  private suggest(): void {
    this.suggestions = this.compute(this.input.value);
    this.active = -1;
    this.renderList();
  }

  private compute(value: string): Suggestion[] {
    const lower = value.toLowerCase();
    if (lower.startsWith('/') && PREFIX.startsWith(lower) && lower !== PREFIX) {
      return [{ text: PREFIX, label: PREFIX.trim(), detail: '' }];
    }
    let rest: string;
    let prefix: string;
    if (lower.startsWith(PREFIX)) {
      prefix = PREFIX;
      rest = value.slice(PREFIX.length);
    } else if (this.direct && value !== '' && !value.startsWith('/')) {
      prefix = '';
      rest = value;
    } else {
      return [];
    }
    const match = /^(\S*)(\s+(\S*))?$/.exec(rest);
    if (!match) return [];
    const word = normalize(match[1] ?? '');
    if (match[2] === undefined) {
      return this.commands
        .filter((c) => [c.name, ...c.aliases].some((w) => w.startsWith(word)))
        .slice(0, 8)
        .map((c) => {
          const typed = [c.name, ...c.aliases].find((w) => w.startsWith(word)) ?? c.name;
          return {
            text: `${prefix}${typed} `,
            label: `${prefix}${typed}`,
            detail: c.facilitatorOnly ? `${c.description} (${this.facilitatorTag})` : c.description,
          };
        });
    }
    const command = this.commands.find((c) => c.name === word || c.aliases.includes(word));
    const second = normalize(match[3] ?? '');
    const args = command ? (ARGUMENTS[command.name] ?? []) : [];
    return args
      .filter((a) => a.startsWith(second) && a !== second)
      .map((a) => ({ text: `${prefix}${match[1]} ${a}`, label: `${prefix}${match[1]} ${a}`, detail: '' }));
  }

  private renderList(): void {
    this.list.replaceChildren(
      ...this.suggestions.map((s, i) => {
        const option = el(
          'li',
          {
            role: 'option',
            id: `${this.list.id}-${i}`,
            'aria-selected': i === this.active ? 'true' : 'false',
          },
          el('span', { class: 'suggestion-command' }, s.label),
          s.detail ? el('span', { class: 'suggestion-detail' }, s.detail) : null,
        );
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          this.accept(i);
        });
        return option;
      }),
    );
    const open = this.suggestions.length > 0;
    this.list.hidden = !open;
    this.input.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.active}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  private onKey(event: KeyboardEvent): void {
    const open = this.suggestions.length > 0 && !this.list.hidden;
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const n = this.suggestions.length;
      this.active = (this.active + step + n) % n;
      this.renderList();
    } else if (event.key === 'Tab' || (event.key === 'Enter' && this.active >= 0)) {
      event.preventDefault();
      this.accept(Math.max(this.active, 0));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.hide();
    }
  }

  private accept(index: number): void {
    const chosen = this.suggestions[index];
    if (!chosen) return;
    this.input.value = chosen.text;
    this.input.focus();
    this.suggest();
  }

  private hide(): void {
    this.suggestions = [];
    this.active = -1;
    this.renderList();
  }
}
