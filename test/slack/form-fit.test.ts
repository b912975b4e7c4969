import { describe, expect, it } from 'vitest';
import { renderForm } from '../../adapters/slack/render-form.js';
import type { Form } from '../../src/core/contract/form.js';
import { context, text } from '../../src/core/contract/message.js';
import { viewProblem } from '../support/block-kit-rules.js';

/**
 * A modal holds 100 blocks. When a form's explanation is longer than that (a ballot listing many cases,
 * each a title and a line of facts), the explanation is what gets shortened: the fields to fill are
 * always there, or the ballot could not be cast.
 */
describe('Slack: a long explanation never pushes a form’s fields out of its modal', () => {
  it('a ballot of 60 cases keeps its choice field and its confirmation', () => {
    const intro = [text('Quels cas aimeriez-vous travailler à la prochaine séance ?')];
    for (let i = 1; i <= 60; i++)
      intro.push(
        text(`Comment puis-je réussir le projet n°${i} ?`),
        context(`Projet · urgence moyenne — n°${i}`),
      );
    const form: Form = {
      id: 'vote',
      title: 'Vote anonyme',
      submitLabel: 'Voter',
      closeLabel: 'Annuler',
      state: 'sealed',
      intro,
      fields: [
        {
          id: 'choices',
          kind: 'multiselect',
          label: 'Vos choix',
          required: true,
          options: Array.from({ length: 60 }, (_, i) => ({ value: `c${i + 1}`, label: `Projet n°${i + 1}` })),
        },
        { id: 'sure', kind: 'checkbox', label: 'Confirmation', optionLabel: 'Je confirme', required: true },
      ],
    };
    const view = renderForm(form);
    expect(viewProblem(view)).toBeNull();
    const inputs = view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);
    expect(inputs).toEqual(['choices', 'sure']);
    // The explanation is cut visibly, just above the fields.
    expect(JSON.stringify(view.blocks)).toContain('"text":"…"');
  });
});
