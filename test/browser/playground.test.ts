import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asPersona,
  dialog,
  home,
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

const TITLE = 'Comment puis-je faire vivre le binôme avec ma nouvelle adjointe ?';

describe('the playground in a real browser', () => {
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
    expect(await page.evaluate('document.activeElement.id')).toBe(await situation.getAttribute('id'));
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
    await home(page)
      .getByText(new RegExp(`Thomas Girard : ${escapeRegExp(TITLE)}`))
      .waitFor();
    await type(page, '/cairn cas');
    await dialog(page).waitFor();
    await dialog(page).getByRole('button', { name: 'Annuler' }).click();
    await dialog(page).waitFor({ state: 'hidden' });
    await type(page, '/cairn cases');
    const queue = log(page).locator('article.entry.private').last();
    await queue.getByText(new RegExp(`Thomas Girard : ${escapeRegExp(TITLE)}`)).waitFor();
    await screenshot(page, 'facilitator-queue');
    expect(pageErrors(page)).toEqual([]);
  });

  it('moving the clock forward brings a case-preparation reminder to a member', async () => {
    await asPersona(page, 'pg:karim');
    await openConversation(page, /^Cairn/);
    const reminders = log(page).locator('article.entry', { hasText: 'Préparer la prochaine séance' });
    const before = await reminders.count();
    const clock = page.locator('#clock-time');
    const startedAt = Date.parse((await clock.getAttribute('datetime')) ?? '');

    await page.getByRole('button', { name: '+1 heure' }).click();
    await page
      .getByRole('status')
      .getByText(/délivré|Rien de nouveau/)
      .waitFor();
    const afterHour = Date.parse((await clock.getAttribute('datetime')) ?? '');
    expect(afterHour - startedAt).toBeGreaterThanOrEqual(3_600_000);

    // The next session is two to eight days ahead: a few jumps reach a reminder for members (on the way,
    // the check-in's halfway reminder and Sophie's follow-up, due the day after the seed, may come first).
    for (let jump = 0; jump < 6 && (await reminders.count()) === before; jump++) {
      await page.getByRole('button', { name: 'Prochain rappel' }).click();
      await page
        .getByRole('status')
        .getByText(/délivré/)
        .waitFor();
      await page.getByRole('button', { name: 'Prochain rappel' }).and(page.locator(':enabled')).waitFor();
    }
    await reminders.nth(before).waitFor();
    const latest = reminders.last();
    await latest.getByRole('button', { name: 'Proposer un cas' }).waitFor();
    await latest.getByRole('button', { name: 'Pas cette fois' }).click();
    await log(page).getByText('C’est noté : plus de rappel pour cette séance.').waitFor();
    await screenshot(page, 'reminder');
    expect(pageErrors(page)).toEqual([]);
  });

  it('can be used with the keyboard: completion, the dialog and its Escape key, focus coming back', async () => {
    await asPersona(page, 'pg:helene');
    await openConversation(page, /^Cairn/);
    const box = page.getByRole('combobox', { name: /Écrire dans « Cairn »/ });
    await box.focus();
    await box.fill('/cairn synth');
    const options = page.getByRole('listbox').getByRole('option');
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual([
      expect.stringContaining('/cairn synthesis'),
      expect.stringContaining('/cairn syntheses'),
    ]);
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBeTruthy();
    await box.press('Tab');
    expect(await box.inputValue()).toBe('/cairn syntheses ');
    await box.fill('/cairn ses');
    await options.first().waitFor();
    await box.press('Tab');
    expect(await box.inputValue()).toBe('/cairn session ');
    await box.press('Enter');
    await dialog(page).getByRole('heading', { level: 2 }).waitFor();
    expect(await page.evaluate('document.activeElement.type')).toBe('date');
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'hidden' });
    expect(await page.evaluate('document.activeElement.getAttribute("role")')).toBe('combobox');
  });

  it('what people write is shown as text, never as markup', async () => {
    await asPersona(page, 'pg:julien');
    await openConversation(page, /Groupe Lyon/);
    const hostile = '<img src=x onerror="window.__pwned=1"> <b>gras</b> @channel';
    await type(page, hostile);
    await log(page).getByText(hostile).waitFor();
    expect(await log(page).locator('img, b').count()).toBe(0);
    expect(await page.evaluate('window.__pwned === undefined')).toBe(true);
  });

  it('switching to English changes the interface and what Cairn says to that person', async () => {
    await asPersona(page, 'pg:sophie');
    expect(await page.locator('label[for="persona"]').textContent()).toBe('Je suis');
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor();
    expect(await page.locator('label[for="persona"]').textContent()).toBe('I am');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Next reminder' }).waitFor();
    await log(page).getByText('Noted: I will write to you in English from now on.').waitFor();
    await home(page)
      .getByText(/^Next session:/)
      .waitFor();
    await type(page, '/cairn help');
    await log(page).getByText('Cairn — your group between sessions').waitFor();
    await screenshot(page, 'english');
    // The others keep their own language.
    await asPersona(page, 'pg:julien');
    await page.locator('html[lang="fr"]').waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('works at phone width: one column, the home panel behind a tab, the dialog fits', async () => {
    const phone = await openPage(browser, pg.url, { width: 375, height: 812 });
    await asPersona(phone, 'pg:nadia');
    const overflow = await phone.evaluate('document.documentElement.scrollWidth');
    expect(overflow).toBeLessThanOrEqual(375);
    expect(await phone.locator('aside.home').isVisible()).toBe(false);
    await phone.getByRole('button', { name: 'Accueil' }).click();
    await phone.locator('aside.home').getByText('Mes cas en cours').waitFor();
    await screenshot(phone, 'phone-home');
    await phone.getByRole('button', { name: 'Conversation' }).click();
    await type(phone, '/cairn checkin');
    await dialog(phone).waitFor();
    const box = await dialog(phone).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    await screenshot(phone, 'phone-dialog');
    await phone.keyboard.press('Escape');
    await dialog(phone).waitFor({ state: 'hidden' });
    expect(pageErrors(phone)).toEqual([]);
    await phone.close();
  });
});

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
