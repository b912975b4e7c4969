import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buttonsOf } from '../../adapters/memory/platform.js';
import { loadConfig } from '../../src/host/config.js';
import { createHarness, setUpGroup } from '../support/harness.js';

/**
 * PRIVACY.md is the document a data-protection officer and a works council read. It exists in both
 * languages with the same sections, every test it cites exists, every attack test is cited, and
 * `/cairn privacy` links to it (or to the operator's CAIRN_PRIVACY_URL).
 */

const ROOT = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(ROOT, 'PRIVACY.md'), 'utf8');
const [fr = '', en = ''] = doc
  .split(/^## English$/m)
  .map((part) => part.split(/^## Français$/m).at(-1) ?? '');

describe('PRIVACY.md', () => {
  it('has the same numbered sections in French and in English', () => {
    const sections = (part: string) => (part.match(/^### \d\./gm) ?? []).join(' ');
    expect(sections(fr)).toBe('### 1. ### 2. ### 3. ### 4. ### 5. ### 6. ### 7.');
    expect(sections(en)).toBe(sections(fr));
    // The same evidence table on both sides.
    const tests = (part: string) => [...part.matchAll(/`(test\/[\w/.-]+\.test\.ts)`/g)].map((m) => m[1]);
    expect(tests(en)).toEqual(tests(fr));
  });

  it('cites tests that exist, and every attack test of the privacy suite', () => {
    const cited = new Set([...doc.matchAll(/`(test\/[\w/.-]+\.test\.ts)`/g)].map((m) => m[1]!));
    for (const file of cited) expect(existsSync(join(ROOT, file)), file).toBe(true);
    const suite = readdirSync(join(ROOT, 'test', 'privacy')).filter(
      (f) => f.endsWith('.test.ts') && f !== 'document.test.ts',
    );
    for (const file of suite) expect(cited.has(`test/privacy/${file}`), file).toBe(true);
    // Each command it gives runs something that exists.
    for (const [, paths] of doc.matchAll(/`npx vitest run ([^`]+)`/g))
      for (const path of paths!.split(' '))
        expect(
          readdirSync(join(ROOT, path.split('/').slice(0, -1).join('/'))).some((f) =>
            f.startsWith(path.split('/').at(-1)!),
          ),
          path,
        ).toBe(true);
  });

  it('is where /cairn privacy points by default, and the operator can point it elsewhere', async () => {
    expect(loadConfig({ NODE_ENV: 'test' }).CAIRN_PRIVACY_URL).toMatch(/\/PRIVACY\.md$/);
    const h = await createHarness();
    try {
      const { users } = await setUpGroup(h, { language: 'en' });
      const reply = await users[0]!.command('privacy');
      const link = buttonsOf(reply.kind === 'message' ? reply.message : undefined).find((b) => b.url);
      expect(link?.url).toBe('https://example.org/privacy');
    } finally {
      h.close();
    }
  });
});
