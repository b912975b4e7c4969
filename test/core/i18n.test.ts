import { describe, expect, it } from 'vitest';
import { COMMANDS, parseCommand } from '../../src/core/contract/commands.js';
import { catalogueKeys, errorKeys, translator } from '../../src/core/i18n/catalogue.js';
import { ERROR_CODES } from '../../src/core/kernel/result.js';

describe('message catalogues', () => {
  it('French and English have exactly the same keys', () => {
    expect(catalogueKeys('en')).toEqual(catalogueKeys('fr'));
    expect(catalogueKeys('fr').length).toBeGreaterThan(100);
  });

  it('every error code has a message in both languages', () => {
    expect(errorKeys('fr')).toEqual([...ERROR_CODES].sort());
    expect(errorKeys('en')).toEqual([...ERROR_CODES].sort());
  });

  it('no entry is empty and the two languages differ', () => {
    const fr = translator('fr');
    const en = translator('en');
    expect(fr('help.title')).not.toEqual(en('help.title'));
    for (const key of catalogueKeys('fr')) expect(key.length).toBeGreaterThan(0);
  });
});

describe('command parsing', () => {
  it('matches names and French aliases, with or without accents', () => {
    expect(parseCommand('séance').name).toBe('session');
    expect(parseCommand('Synthèse').name).toBe('synthesis');
    expect(parseCommand('synthèses').name).toBe('syntheses');
    expect(parseCommand('mes-données').name).toBe('my-data');
    expect(parseCommand('oubliez-moi').name).toBe('forget-me');
    expect(parseCommand('cas Comment puis-je déléguer ?')).toEqual({
      name: 'case',
      word: 'cas',
      args: 'Comment puis-je déléguer ?',
    });
  });

  it('an empty command is help and an unknown word is reported as such', () => {
    expect(parseCommand('   ').name).toBe('help');
    expect(parseCommand('dance now').name).toBeNull();
  });

  it('every command name and alias is unique', () => {
    const words = COMMANDS.flatMap((c) => [c.name, ...c.aliases]);
    expect(new Set(words).size).toBe(words.length);
  });
});
