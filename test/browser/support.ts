import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildWeb } from '../../adapters/playground/build-web.js';
import { loadConfig } from '../../src/host/config.js';
import { type RunningCairn, startCairn } from '../../src/host/main.js';
import { browserTestPlan } from './chromium.js';

export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
const PLAN = browserTestPlan();

let built: Promise<string> | undefined;

/** The page bundle, built once per test process into its own folder (never the shared dist/). */
export function builtWeb(): Promise<string> {
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-web-'));
    await buildWeb(dir);
    return dir;
  })();
  return built;
}

export type RunningPlayground = { cairn: RunningCairn; url: string; stop(): Promise<void> };

/** A real Cairn (core, SQLite file, HTTP) serving the playground on 127.0.0.1 with the seeded demo. */
export async function startPlayground(env: Record<string, string> = {}): Promise<RunningPlayground> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-pg-'));
  const config = loadConfig({
    CAIRN_DB: join(dir, 'cairn.db'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...env,
  });
  const cairn = await startCairn(config, { playground: { webDir: await builtWeb() } });
  const address = cairn.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let stopped: Promise<void> | undefined;
  return {
    cairn,
    url: `http://127.0.0.1:${port}`,
    stop() {
      stopped ??= cairn.stop().then(() => rmSync(dir, { recursive: true, force: true }));
      return stopped;
    },
  };
}

/** Debian's Chromium, headless; never a downloaded browser. Without one, fails saying what to install. */
export async function launchBrowser(): Promise<Browser> {
  if (!PLAN.run) throw new Error(PLAN.notice);
  if ('error' in PLAN) throw new Error(PLAN.error);
  return chromium.launch({
    executablePath: PLAN.chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Opens the playground and waits until the first view is drawn. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  // Under the test's own timeout (20 s), so a failure names the element that never came; generous, as
  // the whole suite shares two CPUs with the browser.
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url);
  await page.locator('#app[data-persona]').waitFor();
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

/** Script errors the page raised (a test fails on any). */
export const pageErrors = (page: Page): string[] => (page as Page & { errors?: string[] }).errors ?? [];

/** Switches who I am, and waits for that persona's view. */
export async function asPersona(page: Page, ref: string): Promise<void> {
  await page.locator('#persona').selectOption(ref);
  await page.locator(`#app[data-persona="${ref}"]`).waitFor();
}

export async function openConversation(page: Page, name: RegExp): Promise<void> {
  await page.locator('nav.conversations').getByRole('button', { name }).click();
  await page.locator('#conversation-title', { hasText: name }).waitFor();
}

/** Types in the composer and sends. */
export async function type(page: Page, text: string): Promise<void> {
  const box = page.locator('.composer input');
  await box.fill(text);
  await box.press('Escape');
  await box.press('Enter');
}

/** The conversation shown, as a locator scoped to its messages. */
export const log = (page: Page) => page.locator('#log');
export const home = (page: Page) => page.locator('aside.home');
export const dialog = (page: Page) => page.getByRole('dialog');
