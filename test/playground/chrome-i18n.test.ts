import { describe, expect, it } from 'vitest';
import { CHROME, chrome } from '../../adapters/playground/web/i18n.js';

describe('the playground page’s own words', () => {
  it('French and English have exactly the same keys, none empty', () => {
    const fr = Object.keys(CHROME.fr).sort();
    expect(Object.keys(CHROME.en).sort()).toEqual(fr);
    expect(fr.length).toBeGreaterThan(30);
    for (const lang of ['fr', 'en'] as const) {
      for (const [key, entry] of Object.entries(CHROME[lang])) {
        const text = typeof entry === 'function' ? (entry as (...a: unknown[]) => string)(2, 5) : entry;
        expect(text.trim().length, `${lang} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('the two languages differ and take the same arguments', () => {
    const fr = chrome('fr');
    const en = chrome('en');
    expect(fr('persona.label')).toBe('Je suis');
    expect(en('persona.label')).toBe('I am');
    expect(fr('clock.delivered', 3)).toBe('3 messages délivrés.');
    expect(en('clock.delivered', 1)).toBe('1 message delivered.');
    for (const key of Object.keys(CHROME.fr) as (keyof typeof CHROME.fr)[]) {
      expect(typeof CHROME.en[key], key).toBe(typeof CHROME.fr[key]);
    }
  });
});
