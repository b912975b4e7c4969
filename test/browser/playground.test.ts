import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asPersona,
  dialog,
  home,
  log,
  openConversation,
  openPage,
  pageErrors,
  type RunningPlayground,
  screenshot,
  startPlayground,
  type,
} from './support.js';

const TITLE = 'Comment puis-je faire vivre le binôme avec ma nouvelle adjointe ?';

describe('the playground in a real browser', () => {
  let pg: RunningPlayground;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    pg = await startPlayground();
    browser = await launchBrowserOnce();
    page = await openPage(browser, pg.url);
  });

  afterAll(async () => {
    await browser?.close();
    await pg?.stop();
  });

  it('a member submits a case through the dialog: an empty required field is refused, then it is sent', async () => {
    await asPersona(page, 'pg:thomas');
    await openConversation(page, /^Cairn/);
    await type(page, '/cairn case');
    const form = dialog(page);
    await form.waitFor();
    expect(await form.getByRole('heading', { level: 2 }).textContent()).toBe('Proposer un cas');

    await form.getByLabel(/Votre question/).fill(TITLE);
    await form.getByLabel(/^Nature/).selectOption('project');
    // "La situation" stays empty.
    await form.getByLabel(/Ce qui est en jeu pour moi/).fill('Que chacun sache qui décide quoi.');
    await form.getByLabel(/Ce que j’ai déjà essayé/).fill('Un point hebdomadaire à deux.');
    await form.getByLabel(/Ce que j’attends du groupe/).fill('Des façons de partager les rôles.');
    await form.getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Envoyer' }).click();

    const situation = form.getByLabel(/La situation/);
    await form.locator('[aria-invalid="true"]').first().waitFor();
    expect(await situation.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await situation.getAttribute('aria-describedby'))?.split(' ').pop() ?? '';
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('Ce champ est obligatoire.');
    expect(await form.getByRole('alert').textContent()).toContain('corrigez les champs signalés');
    // Focus goes to the field to correct.
    expect(await situation.evaluate((node) => node === document.activeElement)).toBe(true);
    // What was typed is still there.
    expect(await form.getByLabel(/Votre question/).inputValue()).toBe(TITLE);
    await screenshot(page, 'case-error');

    await situation.fill('Ma nouvelle adjointe arrive d’un autre site ; l’équipe hésite à qui s’adresser.');
    await form.getByRole('button', { name: 'Envoyer' }).click();
    await form.getByText(`Merci, votre cas « ${TITLE} » est envoyé à l’animateur·rice.`).first().waitFor();
    await screenshot(page, 'case-submitted');
    await form.getByRole('button', { name: 'Mes cas' }).click();
    await form.waitFor({ state: 'hidden' });

    // "My cases" lands in the direct conversation, and the home panel lists the case too.
    await log(page).locator('article.entry', { hasText: 'Mes cas' }).getByText(TITLE).first().waitFor();
    await home(page).getByText(TITLE, { exact: false }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('the facilitator is told about the case and sees it in the queue', async () => {
    await asPersona(page, 'pg:helene');
    await openConversation(page, /^Cairn/);
    await log(page).getByText(`Nouveau cas de Thomas Girard : ${TITLE}`).first().waitFor();
    await home(page).getByText(new RegExp(`Thomas Girard : ${escape(TITLE)}`)).waitFor();
    await type(page, '/cairn cas');
    await dialog(page).waitFor();
    await dialog(page).getByRole('button', { name: 'Annuler' }).click();
    await dialog(page).waitFor({ state: 'hidden' });
    await type(page, '/cairn cases');
    const queue = log(page).locator('article.entry.private').last();
    await queue.getByText(new RegExp(`Thomas Girard : ${escape(TITLE)}`)).waitFor();
    await screenshot(page, 'facilitator-queue');
    expect(pageErrors(page)).toEqual([]);
  });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function launchBrowserOnce(): Promise<Browser> {
  const { launchBrowser } = await import('./support.js');
  return launchBrowser();
}
