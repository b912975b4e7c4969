import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../adapters/slack/escape.js';
import { renderMessage } from '../../adapters/slack/render-message.js';
import { escapeMarkdown } from '../../adapters/teams/escape.js';
import { renderCard } from '../../adapters/teams/render-message.js';
import { context, fields, heading, message, text } from '../../src/core/contract/message.js';
import { cardText, elementsOf } from '../teams/support/cards.js';
import { CORPUS, SLACK_ACTIVE, stringsIn } from './support/corpus.js';
import { report } from './support/figures.js';

/** Strings rich in what platforms parse: Slack's <…> syntax, Markdown, HTML, entities, any Unicode. */
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({
    unit: fc.constantFrom(
      ...'<>&!@#|:/[]()*_`~\\{}-+=. aZ9éé😀\n\u202e\u200b'.split(''),
      '<!channel>',
      '<@U1>',
      '<#C1>',
      '<https://evil.example|x>',
      '](',
      '&amp;',
      '&lt;',
      '<at>',
      '</at>',
    ),
    maxLength: 120,
  }),
  fc.constantFrom(...CORPUS.map(([, t]) => t.slice(0, 500))),
);

const unescapeSlack = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('Slack escaping: for any text, no active syntax, and the text itself shown', () => {
  it('escapeText leaves no < or > and no bare entity, and gives back the text', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeText(s);
        expect(out).not.toMatch(/[<>]/);
        // Every & starts one of the three escapes: nothing the person typed reads as an entity.
        expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
        expect(unescapeSlack(out)).toBe(s);
      }),
      { numRuns: 2_000 },
    );
  });

  it('a rendered message carries no mention, channel link or disguised link, and shows the text', () => {
    let runs = 0;
    fc.assert(
      fc.property(hostile, (s) => {
        runs++;
        const out = renderMessage(
          message(s, heading(s), text(s), context(s), fields({ label: s, value: s })),
        );
        for (const [, value] of stringsIn(out)) expect(value).not.toMatch(SLACK_ACTIVE);
        expect(unescapeSlack(out.text)).toBe(s);
        const sections = out.blocks
          .filter((b) => b.type === 'section' && (b as { text?: unknown }).text)
          .map((b) => unescapeSlack(String((b as { text: { text: string } }).text.text)));
        if (s.trim() !== '') expect(sections.join('\n')).toContain(s.trim());
      }),
      { numRuns: 1_000 },
    );
    report('escaping property (Slack)', { runs, activeFound: 0 });
  });
});

const MARKUP = '\\`*_[]()<>#~|{}!';
const allEscaped = (out: string): boolean => {
  for (let i = 0; i < out.length; i++) {
    if (!MARKUP.includes(out[i]!) || out[i] === '\\') continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && out[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0) return false;
  }
  return true;
};

describe('Teams escaping: for any text, no active Markdown or mention, and the text itself shown', () => {
  it('a rendered card escapes every Markdown character in every TextBlock and fact, and shows the text', () => {
    let runs = 0;
    fc.assert(
      fc.property(hostile, (raw) => {
        runs++;
        const s = raw.replace(/\r/g, '');
        const card = renderCard(message(s, heading(s), text(s), context(s), fields({ label: s, value: s })));
        for (const e of elementsOf(card)) {
          if (e.type === 'TextBlock') expect(allEscaped(String(e.text))).toBe(true);
          if (e.type === 'FactSet')
            for (const f of e.facts)
              expect(allEscaped(String(f.title)) && allEscaped(String(f.value))).toBe(true);
        }
        expect(JSON.stringify(card)).not.toContain('"mention"');
        if (s.trim() !== '') expect(cardText(card)).toContain(s.trim().split('\n')[0]!);
        expect(escapeMarkdown(s).length).toBeGreaterThanOrEqual(s.length);
      }),
      { numRuns: 1_000 },
    );
    report('escaping property (Teams)', { runs, activeFound: 0 });
  });
});
