import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, splitText } from '../../adapters/slack/escape.js';
import { readForm } from '../../adapters/slack/read-form.js';
import { renderForm, renderHome, renderNotice } from '../../adapters/slack/render-form.js';
import { coreAction, fitBlocks, LIMITS, renderMessage } from '../../adapters/slack/render-message.js';
import { STRINGS } from '../../adapters/slack/strings.js';
import type { Form } from '../../src/core/contract/form.js';
import { actions, context, fields, heading, message, text } from '../../src/core/contract/message.js';
import { blocksProblem, viewProblem } from '../support/block-kit-rules.js';
import type { Json, StoredView } from '../support/fake-slack.js';
import { fill } from './support/slack-client.js';

const HOSTILE = 'Salut <!channel> <!here> <@U123> <#C42> <https://evil.example|cliquez> & co > fin';

describe('Slack rendering', () => {
  it('escapes &, < and > so mentions, channel links and link labels stay inert', () => {
    const out = renderMessage(
      message(
        HOSTILE,
        heading(HOSTILE),
        text(HOSTILE),
        context(HOSTILE),
        fields({ label: HOSTILE, value: HOSTILE }),
      ),
    );
    const all = JSON.stringify(out);
    expect(all).not.toMatch(/<!channel>|<!here>|<@U123>|<#C42>|<https:/);
    expect(out.text).toBe(
      'Salut &lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;#C42&gt; &lt;https://evil.example|cliquez&gt; &amp; co &gt; fin',
    );
    // Only plain_text: nothing a person wrote is read as mrkdwn either.
    expect(all).not.toContain('mrkdwn');
    expect(blocksProblem(out.blocks, 'message')).toBeNull();
  });

  it('splits long texts at 3,000 characters per section without losing a character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', '\n', '&', '<', 'é', '😀', 'x'), maxLength: 9000 }),
        (s) => {
          const pieces = splitText(s, LIMITS.sectionText);
          expect(pieces.join('')).toBe(s);
          for (const p of pieces) expect(escapeText(p).length).toBeLessThanOrEqual(LIMITS.sectionText);
        },
      ),
      { numRuns: 200 },
    );
    const long = `${'mot '.repeat(2000)}fin`;
    const out = renderMessage(message('x', text(long)));
    expect(out.blocks.length).toBe(3);
    expect(out.blocks.map((b) => (b as { text: { text: string } }).text.text).join('')).toBe(long);
    // Cut at a space, never inside a word.
    expect((out.blocks[0] as { text: { text: string } }).text.text.endsWith(' ')).toBe(true);
  });

  it('keeps headings within 150 characters, fields within 2,000, buttons unique per block', () => {
    const out = renderMessage(
      message(
        'x',
        heading('h'.repeat(151)),
        fields(...Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: 'v' })), {
          label: 'long',
          value: 'y'.repeat(2100),
        }),
        actions(
          { action: 'case.mark', label: 'Retenir', value: 'c1:selected' },
          { action: 'case.mark', label: 'Reporter', value: 'c1:postponed' },
          { action: 'help', label: 'Aide', value: '', url: 'https://example.org/help' },
        ),
      ),
    );
    expect(blocksProblem(out.blocks, 'message')).toBeNull();
    expect(out.blocks[0]?.type).toBe('section');
    const buttons = (out.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string }[] })
      .elements;
    expect(buttons.map((b) => b.action_id)).toEqual(['case.mark', 'case.mark#2', 'url:help']);
    expect(buttons.map((b) => coreAction(b.action_id))).toEqual(['case.mark', 'case.mark', null]);
    expect(JSON.stringify(out.blocks)).toContain('y'.repeat(2100).slice(0, 100));
  });

  it('merges text sections rather than cut a surface that has too many blocks; says so when it must cut', () => {
    const many = Array.from({ length: 120 }, (_, i) => text(`ligne ${i}`));
    const merged = fitBlocks(renderMessage(message('x', ...many), 1000).blocks, LIMITS.messageBlocks);
    expect(merged.truncated).toBe(false);
    expect(JSON.stringify(merged.blocks)).toContain('ligne 119');
    const buttons = Array.from({ length: 60 }, (_, i) => actions({ action: 'a', label: `b${i}`, value: '' }));
    const cut = fitBlocks(renderMessage(message('x', ...buttons), 1000).blocks, LIMITS.messageBlocks);
    expect(cut.truncated).toBe(true);
    expect(cut.blocks).toHaveLength(LIMITS.messageBlocks);
    expect(renderHome(message('x', ...many)).blocks.length).toBeLessThanOrEqual(LIMITS.viewBlocks);
  });
});

const FORM: Form = {
  id: 'case',
  title: 'Proposer un cas pour la prochaine séance',
  submitLabel: 'Envoyer',
  closeLabel: 'Annuler',
  intro: [
    { type: 'text', text: HOSTILE },
    { type: 'actions', buttons: [{ action: 'care.contact', label: 'Contact', value: 'g1' }] },
  ],
  state: 'sealed.state',
  fields: [
    {
      id: 'title',
      kind: 'text',
      label: 'Titre',
      required: true,
      maxLength: 120,
      initial: 'A & B <x>',
      placeholder: 'Comment puis-je… ?',
    },
    {
      id: 'situation',
      kind: 'multiline',
      label: 'Situation',
      hint: 'Par rôles',
      required: true,
      maxLength: 5000,
    },
    {
      id: 'kind',
      kind: 'select',
      label: 'Nature',
      required: true,
      options: [
        { value: 'problem', label: 'Problème' },
        { value: 'project', label: 'Projet' },
      ],
      initial: 'project',
    },
    {
      id: 'facilitators',
      kind: 'multiselect',
      label: 'Animateurs',
      required: true,
      options: Array.from({ length: 150 }, (_, i) => ({ value: `slack:T1:U${i}`, label: `Personne ${i}` })),
      initial: ['slack:T1:U3', 'slack:T1:U120'],
    },
    {
      id: 'charter',
      kind: 'checkbox',
      label: 'Charte',
      optionLabel: `J’ai lu la charte ${'et je la respecte '.repeat(6)}`,
      required: true,
    },
    { id: 'date', kind: 'date', label: 'Date', required: true, initial: '2026-03-20' },
    { id: 'time', kind: 'time', label: 'Heure', required: false, initial: '14:00' },
  ],
};

describe('Slack modals', () => {
  it('renders every field kind as standard Block Kit that Slack accepts', () => {
    const view = renderForm(FORM);
    expect(viewProblem(view)).toBeNull();
    expect(view.callback_id).toBe('case');
    expect(view.private_metadata).toBe('sealed.state');
    // The title bar holds 24 characters: shortened there, shown in full above the form.
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(JSON.stringify(view.blocks[0])).toContain('Proposer un cas pour la prochaine séance');
    const inputs = view.blocks.filter((b) => b.type === 'input') as unknown as Json[];
    expect(inputs.map((b) => [b.block_id, (b.element as Json).type, b.optional])).toEqual([
      ['title', 'plain_text_input', false],
      ['situation', 'plain_text_input', false],
      ['kind', 'static_select', false],
      ['facilitators', 'multi_static_select', false],
      ['charter', 'checkboxes', false],
      ['date', 'datepicker', false],
      ['time', 'timepicker', true],
    ]);
    const [title, situation] = inputs.map((b) => b.element as Json);
    expect(title).toMatchObject({ initial_value: 'A & B <x>', max_length: 120, multiline: false });
    expect(situation).toMatchObject({ multiline: true, max_length: 3000 });
    const multi = inputs[3]!.element as Json;
    expect((multi.option_groups as Json[]).length).toBe(2);
    expect((multi.initial_options as Json[]).map((o) => o.value)).toEqual(['slack:T1:U3', 'slack:T1:U120']);
    // The long confirmation is shown in full just above its checkbox.
    expect(JSON.stringify(view.blocks)).toContain('et je la respecte et je la respecte et je la respecte');
    expect(JSON.stringify(view.blocks)).not.toMatch(/<!channel>/);
  });

  it('reads a submission back, element type by element type', () => {
    const view = { ...renderForm(FORM), id: 'V1', hash: 'h' } as unknown as StoredView;
    const values = fill(view, { situation: 'Une situation', facilitators: ['slack:T1:U7', 'slack:T1:U140'] });
    expect(readForm(values as never)).toEqual({
      title: 'A & B <x>',
      situation: 'Une situation',
      kind: 'project',
      facilitators: ['slack:T1:U7', 'slack:T1:U140'],
      charter: 'true',
      date: '2026-03-20',
      time: '14:00',
    });
    const unticked = fill(view, { charter: false, time: null, kind: null });
    expect(readForm(unticked as never)).toMatchObject({ charter: '', time: '', kind: '' });
  });

  it('shows a message in a modal with only a close button', () => {
    const view = renderNotice('Merci & à bientôt', message('Fait', text('Votre réponse est comptée.')));
    expect(viewProblem(view)).toBeNull();
    expect(view.submit).toBeUndefined();
    expect(view.title.text).toBe('Merci &amp; à bientôt');
  });
});

describe('adapter strings', () => {
  it('exist in French and English', () => {
    expect(Object.keys(STRINGS.fr).sort()).toEqual(Object.keys(STRINGS.en).sort());
    for (const lang of ['fr', 'en'] as const)
      for (const v of Object.values(STRINGS[lang])) expect(v.length).toBeGreaterThan(0);
  });
});
