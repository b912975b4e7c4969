import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { browserTestPlan, REQUIRE_BROWSER } from '../browser/chromium.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'cairn-chromium-'));
/** A stand-in `chromium` on a PATH of its own (the plan only checks it is an executable file). */
const fakeChromium = join(dir, 'chromium');
writeFileSync(fakeChromium, '#!/bin/sh\n');
chmodSync(fakeChromium, 0o755);
const NOWHERE = join(dir, 'no-such-chromium');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('browser tests without Chromium', () => {
  it('finds chromium on the PATH, or CHROMIUM_PATH alone when it is set', () => {
    expect(browserTestPlan({ PATH: `/nonexistent:${dir}` })).toEqual({ run: true, chromium: fakeChromium });
    expect(browserTestPlan({ PATH: '/nonexistent', CHROMIUM_PATH: fakeChromium })).toEqual({
      run: true,
      chromium: fakeChromium,
    });
    // A CHROMIUM_PATH that points nowhere is not silently replaced by another browser.
    expect(browserTestPlan({ PATH: dir, CHROMIUM_PATH: NOWHERE }).run).toBe(false);
  });

  it('skips them with one line saying what to install, or fails them when CAIRN_REQUIRE_BROWSER=1', () => {
    const skipped = browserTestPlan({ PATH: '/nonexistent' });
    expect(skipped).toEqual({ run: false, notice: expect.stringContaining('apt-get install chromium') });
    if (skipped.run) throw new Error('unreachable');
    expect(skipped.notice).toContain('CHROMIUM_PATH');
    expect(skipped.notice).not.toContain('\n');

    const required = browserTestPlan({ PATH: '/nonexistent', [REQUIRE_BROWSER]: '1' });
    expect(required).toEqual({
      run: true,
      chromium: undefined,
      error: expect.stringMatching(
        /^Chromium is required \(CAIRN_REQUIRE_BROWSER=1\) but not found \(no chromium on the PATH\)/,
      ),
    });
  });

  it('vitest.config.ts leaves test/browser out without Chromium, and keeps it when it is required', async () => {
    const listed = async (env: Record<string, string>) => {
      const { [REQUIRE_BROWSER]: _, ...inherited } = process.env;
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'list', '--filesOnly', '--json'],
        { cwd: ROOT, env: { ...inherited, CHROMIUM_PATH: NOWHERE, ...env }, timeout: 60_000 },
      );
      const files = (JSON.parse(stdout.slice(stdout.indexOf('['))) as { file: string }[]).map((f) => f.file);
      expect(files.length).toBeGreaterThan(50);
      return files.filter((f) => f.includes('/test/browser/'));
    };
    expect(await listed({})).toEqual([]);
    expect((await listed({ [REQUIRE_BROWSER]: '1' })).length).toBeGreaterThan(0);
  });
});
