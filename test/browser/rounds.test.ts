import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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

const QUESTIONS = [
  /Ma charge de travail/,
  /Le soutien que je ressens/,
  /Mon recul sur ma situation/,
  /Comment je vais, globalement/,
];
/** Four members' answers (1–5) to the four questions. */
const ANSWERS: [string, number[]][] = [
  ['pg:julien', [2, 3, 3, 3]],
  ['pg:nadia', [2, 4, 2, 3]],
  ['pg:thomas', [4, 4, 3, 4]],
  ['pg:sophie', [3, 5, 4, 4]],
];
const THEMES = 'Déléguer sans se défausser ; tenir une décision impopulaire avec respect.';

describe('check-in rounds and syntheses in a real browser', () => {
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

  it('the facilitator opens a round, four members answer, it closes and the result bars arrive', async () => {
    await asPersona(page, 'pg:helene');
    await openConversation(page, /^Cairn/);
    // The demo has the round the core opened after the last session: close it, then open a new one.
    await type(page, '/cairn checkin close');
    await log(page)
      .getByText(/Point d’étape de « Groupe Lyon — managers de proximité » clos/)
      .waitFor();
    await type(page, '/cairn checkin open');
    await log(page)
      .getByText(/Point d’étape ouvert pour « Groupe Lyon/)
      .waitFor();

    for (const [ref, values] of ANSWERS) {
      await asPersona(page, ref);
      await openConversation(page, /^Cairn/);
      const prompt = log(page).locator('article.entry', { hasText: 'Comment allez-vous ?' }).last();
      await prompt.getByRole('button', { name: 'Répondre' }).click();
      const form = dialog(page);
      await form.getByRole('heading', { name: 'Point d’étape anonyme' }).waitFor();
      for (const [i, question] of QUESTIONS.entries()) {
        await form.getByLabel(question).selectOption(String(values[i]));
      }
      await form.getByRole('button', { name: 'Envoyer' }).click();
      await form.getByText(/Votre réponse est comptée, sans votre nom/).waitFor();
      await form.getByRole('button', { name: 'Fermer' }).click();
      await form.waitFor({ state: 'hidden' });
    }

    await asPersona(page, 'pg:helene');
    await openConversation(page, /^Cairn/);
    await type(page, '/cairn checkin close');
    const result = log(page).locator('article.entry', { hasText: 'Point d’étape — Groupe Lyon' }).last();
    await result.locator('figure.block-bars').first().waitFor();
    expect(await result.locator('figure.block-bars').count()).toBe(4);
    await result.getByText('4 réponses (seuil d’anonymat : 4).').waitFor();
    // Each question's bars count the four answers, and nobody's name is anywhere in the result.
    const counts = await result.locator('figure.block-bars').first().locator('.bar-count').allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(4);
    const text = (await result.textContent()) ?? '';
    for (const name of ['Julien', 'Nadia', 'Thomas', 'Sophie']) expect(text).not.toContain(name);
    await result.evaluate((node) =>
      (node as unknown as { scrollIntoView(o: { block: string }): void }).scrollIntoView({ block: 'start' }),
    );
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    const shot = await screenshot(page, 'checkin-result');
    // The representative screenshot for the README.
    mkdirSync(join(import.meta.dirname, '..', 'artifacts'), { recursive: true });
    copyFileSync(shot, join(import.meta.dirname, '..', 'artifacts', 'playground.png'));

    // Shared with the group: members see the distribution in the group's space.
    await result.getByRole('button', { name: 'Partager avec le groupe' }).click();
    await asPersona(page, 'pg:karim');
    await openConversation(page, /Groupe Lyon/);
    const shared = log(page).locator('article.entry', { hasText: 'Point d’étape du groupe' }).last();
    await shared.locator('figure.block-bars').first().waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('the trend picture follows the result, inline, and comes again on demand with /cairn checkin tendances', async () => {
    await asPersona(page, 'pg:helene');
    await openConversation(page, /^Cairn/);
    const trend = () =>
      log(page).locator('article.entry', { hasText: 'Tendances des points d’étape — Groupe Lyon' });
    const picture = trend().last().locator('figure.block-picture img');
    await picture.waitFor();
    // Drawn by the browser from its data URI: the page's Content-Security-Policy lets it in.
    const shown = await picture.evaluate((node) => {
      const img = node as unknown as { complete: boolean; naturalWidth: number; src: string; alt: string };
      return { complete: img.complete, width: img.naturalWidth, src: img.src.slice(0, 22), alt: img.alt };
    });
    expect(shown.complete).toBe(true);
    expect(shown.width).toBeGreaterThan(400);
    expect(shown.src).toBe('data:image/png;base64,');
    expect(shown.alt).toContain('Tendances des points d’étape de « Groupe Lyon — managers de proximité »');
    expect(shown.alt).toContain('Nombre de réponses');
    // The same words, for anyone who would rather read them.
    await trend().last().getByText('Lire l’image en texte').click();
    await trend()
      .last()
      .locator('.picture-text')
      .getByText(/Comment je vais, globalement/)
      .waitFor();
    await trend()
      .last()
      .evaluate((node) =>
        (node as unknown as { scrollIntoView(o: { block: string }): void }).scrollIntoView({
          block: 'start',
        }),
      );
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await screenshot(page, 'checkin-trends');

    const before = await trend().count();
    await type(page, '/cairn checkin tendances');
    await log(page)
      .getByText(/Je vous envoie en message privé l’image des tendances/)
      .waitFor();
    await expect.poll(() => trend().count(), { timeout: 15_000 }).toBe(before + 1);
    await trend().last().locator('figure.block-picture img').waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('the facilitator writes a synthesis, previews and posts it; a member reads it in the group space', async () => {
    await asPersona(page, 'pg:helene');
    await openConversation(page, /Groupe Lyon/);
    await type(page, '/cairn synthese');
    const form = dialog(page);
    await form.getByRole('heading', { name: 'Rédiger une synthèse' }).waitFor();
    await form.getByLabel(/Thèmes travaillés/).fill(THEMES);
    await form.getByLabel(/Ce que le groupe a appris/).fill('Nommer ce qui ne dépend pas de soi.');
    await form.getByRole('button', { name: 'Aperçu' }).click();
    await form.getByRole('heading', { name: 'Aperçu de la synthèse' }).waitFor();
    await form.getByText(THEMES).waitFor();
    await screenshot(page, 'synthesis-preview');
    await form.getByRole('button', { name: 'Publier' }).click();
    await form.getByText('Synthèse publiée dans 1 groupe(s).').waitFor();
    await form.getByRole('button', { name: 'Fermer' }).click();
    await form.waitFor({ state: 'hidden' });

    await asPersona(page, 'pg:thomas');
    await openConversation(page, /Groupe Lyon/);
    const posted = log(page).locator('article.entry', { hasText: THEMES }).last();
    await posted.getByText(/^Synthèse de la séance du/).waitFor();
    await screenshot(page, 'synthesis-posted');
    expect(pageErrors(page)).toEqual([]);
  });
});
