import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  asPersona,
  dialog,
  launchBrowser,
  log,
  openConversation,
  openPage,
  pageErrors,
  type RunningPlayground,
  screenshot,
  startPlayground,
  type,
} from './support.js';

/**
 * The session guide in the playground: the seeded demo's next session, reached with the simulated clock;
 * the facilitator starts the guide in the group's space and the countdown moves as time does.
 */
describe('the session guide in a real browser', () => {
  let pg: RunningPlayground;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    pg = await startPlayground();
    browser = await launchBrowser();
    page = await openPage(browser, pg.url);
  });

  afterAll(async () => {
    await browser?.close();
    await pg?.stop();
  });

  it('starts in the group’s space, the countdown moves with the clock, and only the facilitator leads', async () => {
    // The simulated clock goes to 20 minutes before the demo's next session (delivering what is due on the way).
    const { store, playground } = pg.cairn;
    const group = store.groups.findBySpace('pg-space:lyon')!;
    const next = store.sessions.listUpcoming(group.id, pg.cairn.clock.now())[0]!;
    await playground!.playground.time.advanceTo(new Date(next.startsAt.getTime() - 20 * 60_000));

    await asPersona(page, 'pg:helene');
    await openConversation(page, /Groupe Lyon/);
    await type(page, '/cairn animer');
    const form = dialog(page);
    await form.getByRole('heading', { name: 'Animer la séance' }).waitFor();
    // Nadia's case, proposed for this session, is offered (beside the two the group is voting on).
    const cases = form.getByLabel(/Cas présenté/);
    await cases.waitFor();
    const nadias = await cases.locator('option', { hasText: 'Nadia Benali' }).first().getAttribute('value');
    expect(nadias).toBeTruthy();
    await cases.selectOption(nadias!);
    await form.getByRole('button', { name: 'Démarrer' }).click();
    await form.getByText(/Le guide a démarré dans l’espace du groupe/).waitFor();
    await form.getByRole('button', { name: 'Fermer' }).click();
    await form.waitFor({ state: 'hidden' });

    const guide = log(page).locator('article.entry', { hasText: 'Guide de séance' }).last();
    await guide.getByText('▶ Étape 1/6 — Exposé — reste 10 min').waitFor();
    await guide.getByText(/Client : Nadia Benali/).waitFor();
    await guide.getByRole('button', { name: '+5 min' }).click();
    await guide.getByText('▶ Étape 1/6 — Exposé — reste 15 min').waitFor();

    // Ten simulated minutes: the same message shows the time left.
    await page.locator('.clock-buttons button[data-step="minutes"]').click();
    await guide.getByText('▶ Étape 1/6 — Exposé — reste 5 min').waitFor();
    await guide.getByRole('button', { name: 'Étape suivante' }).click();
    await guide.getByText('▶ Étape 2/6 — Questions de clarification — reste 10 min').waitFor();
    await guide.getByText('Uniquement des questions, pas encore de conseils.').waitFor();
    expect(await log(page).locator('article.entry', { hasText: 'Guide de séance' }).count()).toBe(1);

    await guide.evaluate((node) =>
      (node as unknown as { scrollIntoView(o: { block: string }): void }).scrollIntoView({ block: 'start' }),
    );
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    const shot = await screenshot(page, 'guide');
    // The README's picture of the guide (docs/playground-guide.png is this file, copied by hand).
    mkdirSync(ARTIFACTS, { recursive: true });
    copyFileSync(shot, join(ARTIFACTS, 'playground-guide.png'));

    // A member sees the same message; their press is answered privately, and nothing moves.
    await asPersona(page, 'pg:julien');
    await openConversation(page, /Groupe Lyon/);
    const seen = log(page).locator('article.entry', { hasText: 'Guide de séance' }).last();
    await seen.getByText(/Étape 2\/6 — Questions de clarification/).waitFor();
    await seen.getByRole('button', { name: 'Étape suivante' }).click();
    await log(page).getByText('Seul·e l’animateur·rice mène la séance.').waitFor();
    expect(store.guides.findRunning(group.id)?.step).toBe(1);
    expect(pageErrors(page)).toEqual([]);
  });
});
