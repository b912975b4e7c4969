import type { MemoryUser } from '../../adapters/memory/platform.js';

export type CaseTexts = {
  title: string;
  situation: string;
  stakes: string;
  tried: string;
  expectations: string;
};

/** Distinctive texts for one author, easy to search for in logs and raw database bytes. */
export const caseTexts = (tag: string): CaseTexts => ({
  title: `Comment puis-je recadrer ${tag} sans casser la relation ?`,
  situation: `Situation-${tag}: mon adjoint conteste chaque arbitrage en réunion.`,
  stakes: `Enjeux-${tag}: garder l’équipe soudée avant la réorganisation.`,
  tried: `Essais-${tag}: un entretien individuel, puis un rappel par écrit.`,
  expectations: `Attentes-${tag}: des pistes pour poser le cadre.`,
});

/** Submits a case through the real form, in the group's space. */
export async function submitCase(user: MemoryUser, space: string, texts: CaseTexts, extra = {}) {
  await user.command('case', { in: space });
  return user.submit({
    ...texts,
    kind: 'problem',
    urgency: 'medium',
    visibility: 'group',
    charter: 'true',
    ...extra,
  });
}
