import type { ClockStep, ConversationView, EntryView, View } from '../api.js';
import { ApiError, api } from './api-client.js';
import { renderMessage } from './blocks.js';
import { Composer } from './composer.js';
import { ConversationLog, focusedKey, restoreFocus } from './conversation-log.js';
import { conversationItems, conversationName } from './conversation-nav.js';
import { el, replaceChildren } from './dom.js';
import { FormDialog } from './form-dialog.js';
import { type ChromeLanguage, type ChromeTranslate, chrome } from './i18n.js';
import { formatClock } from './time.js';

const PERSONA_KEY = 'cairn.playground.persona';

/** The whole page: built once, then refreshed from the server's view of the current persona. */
export class App {
  private view: View | null = null;
  private persona: string | null = null;
  private t: ChromeTranslate = chrome('fr');
  private readonly active = new Map<string, string>();
  private readonly seen = new Map<string, number>();
  private skewMs = 0;
  private refreshing: Promise<void> | null = null;
  private again = false;
  private tab: 'chat' | 'home' = 'chat';

  private readonly title = el('h1', {});
  private readonly personaLabel = el('label', { for: 'persona' });
  private readonly personaSelect = el('select', { id: 'persona' });
  private readonly clockLabel = el('span', { id: 'clock-label', class: 'clock-label' });
  private readonly clockTime = el('time', { id: 'clock-time', class: 'clock-time' });
  private readonly clockGroup = el('div', { role: 'group', class: 'clock-buttons' });
  private readonly clockButtons: Record<ClockStep, HTMLButtonElement> = {
    minutes: el('button', { type: 'button', class: 'button', 'data-step': 'minutes' }),
    hour: el('button', { type: 'button', class: 'button', 'data-step': 'hour' }),
    day: el('button', { type: 'button', class: 'button', 'data-step': 'day' }),
    next: el('button', { type: 'button', class: 'button primary', 'data-step': 'next' }),
  };
  private readonly status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly languageLabel = el('span', { id: 'language-label' });
  private readonly languageButtons = {
    fr: el('button', { type: 'button', class: 'button lang', lang: 'fr' }, 'Français'),
    en: el('button', { type: 'button', class: 'button lang', lang: 'en' }, 'English'),
  };
  private readonly skip = el('a', { class: 'skip', href: '#log' });
  private readonly tabChat = el('button', { type: 'button', class: 'tab' });
  private readonly tabHome = el('button', { type: 'button', class: 'tab' });
  private readonly tabs = el('div', { class: 'tabs', role: 'group' }, this.tabChat, this.tabHome);
  private readonly nav = el('nav', { class: 'conversations' });
  private readonly navList = el('ul', {});
  private readonly conversationTitle = el('h2', { id: 'conversation-title' });
  private readonly entries = new ConversationLog(
    (entry, action, value) => void this.press(entry, action, value),
  );
  private readonly log = this.entries.element;
  private readonly homeTitle = el('h2', { id: 'home-title', class: 'home-title' });
  private readonly homeBody = el('div', { class: 'home-body' });
  private readonly layout = el('div', { class: 'layout' });
  private readonly note = el('p', { class: 'note' });
  private readonly composer: Composer;
  private readonly dialog: FormDialog;

  constructor(private readonly root: HTMLElement) {
    this.composer = new Composer((text) => this.say(text));
    this.dialog = new FormDialog(
      {
        submit: (seq, values) => this.act(() => api.submit(this.requirePersona(), seq, values), true),
        close: () => this.act(() => api.closeForm(this.requirePersona())),
        press: (button) => void this.press('form', button.action, button.value),
        fallbackFocus: () => this.composer.input,
      },
      this.t,
    );
    this.build();
  }

  async start(): Promise<void> {
    const stored = window.localStorage.getItem(PERSONA_KEY);
    try {
      this.apply(await (stored ? api.view(stored).catch(() => api.viewDefault()) : api.viewDefault()));
    } catch {
      this.setStatus(this.t('error.network'));
    }
    this.root.removeAttribute('aria-busy');
    this.listen();
    window.setInterval(() => this.renderClock(), 15_000);
  }

  // --- building

  private build(): void {
    this.personaSelect.addEventListener('change', () => void this.switchPersona(this.personaSelect.value));
    for (const [step, button] of Object.entries(this.clockButtons) as [ClockStep, HTMLButtonElement][]) {
      button.addEventListener('click', () => void this.moveClock(step));
      this.clockGroup.appendChild(button);
    }
    for (const [lang, button] of Object.entries(this.languageButtons) as [
      ChromeLanguage,
      HTMLButtonElement,
    ][]) {
      button.addEventListener('click', () => void this.setLanguage(lang));
    }
    this.tabChat.addEventListener('click', () => this.showTab('chat'));
    this.tabHome.addEventListener('click', () => this.showTab('home'));
    this.nav.appendChild(this.navList);
    const main = el(
      'main',
      { class: 'conversation', 'aria-labelledby': 'conversation-title' },
      this.conversationTitle,
      this.log,
      this.composer.element,
    );
    this.log.setAttribute('aria-labelledby', 'conversation-title');
    const aside = el(
      'aside',
      { class: 'home', 'aria-labelledby': 'home-title' },
      this.homeTitle,
      this.homeBody,
    );
    replaceChildren(this.layout, this.nav, main, aside);
    const header = el(
      'header',
      { class: 'topbar' },
      el('div', { class: 'brand' }, el('span', { class: 'logo', 'aria-hidden': 'true' }, '▲'), this.title),
      el('div', { class: 'persona' }, this.personaLabel, this.personaSelect),
      el(
        'section',
        { class: 'clock', 'aria-labelledby': 'clock-label' },
        el('p', { class: 'clock-now' }, this.clockLabel, ' ', this.clockTime),
        this.clockGroup,
      ),
      el(
        'div',
        { class: 'language', role: 'group', 'aria-labelledby': 'language-label' },
        this.languageLabel,
        this.languageButtons.fr,
        this.languageButtons.en,
      ),
    );
    replaceChildren(
      this.root,
      this.skip,
      header,
      this.status,
      this.tabs,
      this.layout,
      this.note,
      this.dialog.element,
    );
    this.renderChrome();
  }

  // --- actions

  private requirePersona(): string {
    if (!this.persona) throw new Error('no persona');
    return this.persona;
  }

  private async switchPersona(ref: string): Promise<void> {
    window.localStorage.setItem(PERSONA_KEY, ref);
    this.persona = ref;
    await this.refresh();
  }

  private async say(text: string): Promise<boolean> {
    const conversation = this.activeConversation();
    if (!conversation) return false;
    return this.act(() => api.say(this.requirePersona(), conversation.id, text));
  }

  private async press(entry: EntryView | 'home' | 'form', action: string, value: string): Promise<void> {
    const id = typeof entry === 'string' ? entry : entry.id;
    const before = this.directEntries();
    await this.act(() => api.press(this.requirePersona(), id, action, value));
    // A reply to a button on the home panel or in the dialog lands in the direct conversation: go there.
    if (typeof entry === 'string' && this.directEntries() > before && this.view) {
      const direct = this.view.conversations.find((c) => c.kind === 'direct');
      if (direct) this.activate(direct.id);
      this.showTab('chat');
    }
  }

  private async setLanguage(lang: ChromeLanguage): Promise<void> {
    await this.act(() => api.language(this.requirePersona(), lang));
  }

  private async moveClock(step: ClockStep): Promise<void> {
    for (const b of Object.values(this.clockButtons)) b.disabled = true;
    this.setStatus(this.t('clock.moving'));
    try {
      const result = await api.clock(step);
      this.setStatus(
        result.reached ? this.t('clock.delivered', result.delivered) : this.t('clock.nothingDue'),
      );
      await this.refresh();
    } catch (err) {
      this.setStatus(this.t(err instanceof ApiError && err.status === 0 ? 'error.network' : 'error.action'));
    } finally {
      for (const b of Object.values(this.clockButtons)) b.disabled = false;
    }
  }

  /** Runs a request that returns the persona's new view; false (and a refresh) when it failed. */
  private async act(run: () => Promise<{ view?: View }>, afterSubmit = false): Promise<boolean> {
    try {
      const result = await run();
      if (result.view) this.apply(result.view, afterSubmit);
      return true;
    } catch (err) {
      this.setStatus(this.t(err instanceof ApiError && err.status === 0 ? 'error.network' : 'error.action'));
      await this.refresh();
      return false;
    }
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        try {
          const ref = this.persona;
          const view = ref ? await api.view(ref) : await api.viewDefault();
          if (ref === this.persona || !ref) this.apply(view);
        } catch {
          this.setStatus(this.t('error.network'));
        }
      } while (this.again);
    })();
    try {
      await this.refreshing;
    } finally {
      this.refreshing = null;
    }
  }

  private listen(): void {
    const source = new EventSource('/api/playground/events');
    source.addEventListener('update', () => void this.refresh());
    source.addEventListener('error', () => this.setStatus(this.t('live.lost')));
    source.addEventListener('open', () => {
      if (this.status.textContent === this.t('live.lost')) this.setStatus('');
    });
  }

  // --- rendering

  private apply(view: View, afterSubmit = false): void {
    this.view = view;
    this.persona = view.persona;
    this.root.dataset.persona = view.persona;
    this.skewMs = Date.parse(view.now) - Date.now();
    this.t = chrome(view.language);
    if (
      !this.active.has(view.persona) ||
      !view.conversations.some((c) => c.id === this.active.get(view.persona))
    ) {
      const first = view.conversations[0];
      if (first) this.active.set(view.persona, first.id);
    }
    this.renderChrome();
    this.renderPersonas();
    this.renderClock();
    this.renderConversations();
    this.renderHome();
    this.dialog.show(view.form, this.t, { afterSubmit });
  }

  private renderChrome(): void {
    const t = this.t;
    const lang = this.view?.language ?? 'fr';
    document.documentElement.lang = lang;
    document.title = t('app.title');
    this.title.textContent = t('app.title');
    this.skip.textContent = t('app.skip');
    this.personaLabel.textContent = t('persona.label');
    this.clockLabel.textContent = t('clock.label');
    this.clockGroup.setAttribute('aria-label', t('clock.controls'));
    this.clockButtons.minutes.textContent = t('clock.minutes');
    this.clockButtons.hour.textContent = t('clock.hour');
    this.clockButtons.day.textContent = t('clock.day');
    this.clockButtons.next.textContent = t('clock.next');
    this.clockButtons.next.title = t('clock.nextLong');
    this.languageLabel.textContent = t('language.label');
    this.languageButtons.fr.setAttribute('aria-pressed', lang === 'fr' ? 'true' : 'false');
    this.languageButtons.en.setAttribute('aria-pressed', lang === 'en' ? 'true' : 'false');
    this.nav.setAttribute('aria-label', t('nav.label'));
    this.tabs.setAttribute('aria-label', t('tabs.label'));
    this.tabChat.textContent = t('tabs.chat');
    this.tabHome.textContent = t('tabs.home');
    this.tabChat.setAttribute('aria-pressed', this.tab === 'chat' ? 'true' : 'false');
    this.tabHome.setAttribute('aria-pressed', this.tab === 'home' ? 'true' : 'false');
    this.homeTitle.textContent = t('home.label');
    this.note.textContent = t('app.note');
  }

  private renderPersonas(): void {
    const view = this.view;
    if (!view) return;
    const t = this.t;
    replaceChildren(
      this.personaSelect,
      ...view.personas.map((p) =>
        el(
          'option',
          { value: p.ref, selected: p.ref === view.persona },
          p.role ? `${p.name} (${t(p.role === 'facilitator' ? 'role.facilitator' : 'role.member')})` : p.name,
        ),
      ),
    );
    this.personaSelect.value = view.persona;
  }

  private renderClock(): void {
    if (!this.view) return;
    const now = new Date(Date.now() + this.skewMs);
    this.clockTime.dateTime = now.toISOString();
    this.clockTime.textContent = formatClock(now, this.view.language, this.view.timeZone);
  }

  private activeConversation(): ConversationView | undefined {
    const view = this.view;
    if (!view) return undefined;
    const id = this.active.get(view.persona);
    return view.conversations.find((c) => c.id === id) ?? view.conversations[0];
  }

  private activate(id: string): void {
    if (!this.view) return;
    this.active.set(this.view.persona, id);
    this.renderConversations(true);
  }

  private directEntries(): number {
    return this.view?.conversations.find((c) => c.kind === 'direct')?.entries.length ?? 0;
  }

  private renderConversations(switched = false): void {
    const view = this.view;
    if (!view) return;
    const t = this.t;
    const current = this.activeConversation();
    const items = conversationItems({
      persona: view.persona,
      conversations: view.conversations,
      currentId: current?.id,
      seen: this.seen,
      t,
      open: (id) => {
        this.activate(id);
        this.composer.input.focus();
      },
    });
    replaceChildren(this.navList, ...items);
    if (!current) return;
    this.conversationTitle.textContent = conversationName(current, t);
    this.composer.update({
      commands: view.commands,
      t,
      title: current.kind === 'direct' ? t('nav.direct') : current.title,
      direct: current.kind === 'direct',
    });
    this.entries.show(
      current.entries,
      { t, language: view.language, timeZone: view.timeZone, empty: t('conversation.empty') },
      switched,
    );
  }

  private renderHome(): void {
    const view = this.view;
    if (!view) return;
    const focusKey = focusedKey(this.homeBody);
    this.homeBody.replaceChildren(
      renderMessage(view.home, {
        t: this.t,
        headingLevel: 3,
        focusKey: 'home',
        press: (button) => void this.press('home', button.action, button.value),
      }),
    );
    restoreFocus(this.homeBody, focusKey);
  }

  private showTab(tab: 'chat' | 'home'): void {
    this.tab = tab;
    this.layout.classList.toggle('show-home', tab === 'home');
    this.renderChrome();
  }

  private setStatus(text: string): void {
    this.status.textContent = text;
  }
}
