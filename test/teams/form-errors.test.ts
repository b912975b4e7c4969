import { describe, expect, it } from 'vitest';
import { dialogAnswer } from '../../adapters/teams/dialogs.js';
import { readDialogSubmission } from '../../adapters/teams/read-form.js';
import { type DialogInfo, renderFormDialog } from '../../adapters/teams/render-form.js';
import { TEAMS_STRINGS } from '../../adapters/teams/strings.js';
import type { Form } from '../../src/core/contract/form.js';
import { context, text } from '../../src/core/contract/message.js';
import { type Card, cardText, fill } from './support/cards.js';

/**
 * A dialog shown again with an error under a field (too many cases chosen on a ballot) is the same form:
 * what it explained above the fields (the cases' excerpts, the vote's anonymity note) is still there.
 */

const SITUATION =
  'Mon équipe de nuit conteste le nouveau planning depuis trois semaines et deux techniciens ont demandé une mutation ; ';
const ANONYMITY =
  'Personne ne saura pour quels cas vous avez voté. Les voix ne sont données que si 3 personnes au moins ont voté.';

function ballot(cases: number): Form {
  const intro = [text('Choisissez jusqu’à 2 cas pour la séance du Groupe Lyon.')];
  for (let i = 1; i <= cases; i++)
    intro.push(
      text(`Comment puis-je faire accepter le planning n°${i} à mon équipe ?`),
      context(`Problème · urgence moyenne · ${SITUATION.repeat(2).slice(0, 160)}…`),
    );
  intro.push(context(ANONYMITY));
  return {
    id: 'vote',
    title: 'Voter',
    submitLabel: 'Voter',
    closeLabel: 'Annuler',
    intro,
    state: 'sealed-state',
    fields: [
      {
        id: 'choices',
        kind: 'multiselect',
        label: 'Vos choix',
        required: true,
        options: Array.from({ length: cases }, (_, i) => ({ value: `case-${i + 1}`, label: `Cas ${i + 1}` })),
      },
    ],
  };
}

const cardOf = (dialog: DialogInfo | string | null): Card => (dialog as DialogInfo).card.content as Card;

function refusedAgain(form: Form, chosen: string[]): Card {
  const sent = fill(cardOf(renderFormDialog(form, TEAMS_STRINGS.fr)), { choices: chosen });
  const submission = readDialogSubmission(sent);
  expect(submission).not.toBeNull();
  return cardOf(
    dialogAnswer(
      { kind: 'form.errors', errors: { choices: 'Choisissez au plus 2 cas.' } },
      TEAMS_STRINGS.fr,
      {
        submitted: { form: submission!.form, values: submission!.values },
        canClose: true,
      },
    ),
  );
}

describe('Teams: a form shown again with its errors keeps what it explained', () => {
  it('a ballot of 5 cases refused for too many choices still shows the cases and the anonymity note', () => {
    const again = refusedAgain(ballot(5), ['case-1', 'case-2', 'case-3']);
    const shown = cardText(again);
    expect(shown).toContain('Choisissez au plus 2 cas.');
    expect(shown).toContain('Personne ne saura pour quels cas vous avez voté');
    expect(shown).toContain('planning n°5');
  });

  it('an explanation too long to carry is left out, and the submission still arrives', () => {
    const form = ballot(1);
    form.intro!.push(text('x'.repeat(4_500)));
    const again = refusedAgain(form, ['case-1', 'case-2', 'case-3']);
    expect(cardText(again)).toContain('Choisissez au plus 2 cas.');
  });

  it('an explanation of many short lines: the submission still arrives', () => {
    const form = ballot(12);
    const again = refusedAgain(form, ['case-1', 'case-2', 'case-3']);
    expect(cardText(again)).toContain('Choisissez au plus 2 cas.');
  });
});
