import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Where the browser tests find Chromium, and what a run does without it. They drive Debian's Chromium
 * (never a downloaded browser), which a newcomer's machine may not have: `npm test` then skips them with
 * one line saying what to install, while CI (`.ci/run`) sets CAIRN_REQUIRE_BROWSER=1 so that a missing
 * browser fails the run instead of quietly testing less.
 */
export const REQUIRE_BROWSER = 'CAIRN_REQUIRE_BROWSER';

export type BrowserTestPlan =
  /** Chromium found: run the browser tests with it. */
  | { run: true; chromium: string }
  /** Not found and required: run them, so that each fails with `error`. */
  | { run: true; chromium: undefined; error: string }
  /** Not found, not required: leave them out and say so in one line. */
  | { run: false; notice: string };

type Env = Record<string, string | undefined>;

const isExecutableFile = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** CHROMIUM_PATH when set (and then only it), else `chromium` on the PATH; or why there is none. */
export function findChromium(env: Env = process.env): { path: string } | { missing: string } {
  const chosen = env.CHROMIUM_PATH;
  if (chosen)
    return isExecutableFile(chosen)
      ? { path: chosen }
      : { missing: `CHROMIUM_PATH=${chosen} is not a program` };
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutableFile(join(dir, 'chromium'))) return { path: join(dir, 'chromium') };
  }
  return { missing: 'no chromium on the PATH' };
}

const HOW_TO_INSTALL =
  'install it with `sudo apt-get install chromium` or set CHROMIUM_PATH to a Chromium binary';

export function browserTestPlan(env: Env = process.env): BrowserTestPlan {
  const found = findChromium(env);
  if ('path' in found) return { run: true, chromium: found.path };
  const required = env[REQUIRE_BROWSER] === '1' || env[REQUIRE_BROWSER] === 'true';
  if (required)
    return {
      run: true,
      chromium: undefined,
      error: `Chromium is required (${REQUIRE_BROWSER}=1) but not found (${found.missing}): ${HOW_TO_INSTALL}.`,
    };
  return {
    run: false,
    notice:
      `Browser tests (test/browser) skipped: no Chromium (${found.missing}); ${HOW_TO_INSTALL}. ` +
      `${REQUIRE_BROWSER}=1 turns this skip into a failure.`,
  };
}
