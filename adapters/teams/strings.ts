import { type Language, languageFromLocale } from '../../src/core/contract/language.js';

/**
 * The few strings the Teams adapter shows on its own (everything else comes from the core's catalogues).
 * Chosen by the Teams client's locale, since they answer before or around the core.
 */
const fr = {
  repliedPrivately: 'Je vous ai répondu dans notre conversation privée.',
  cannotReachPrivately:
    'Je n’arrive pas à vous écrire en privé : ouvrez une conversation avec Cairn (Applications > Cairn), puis réessayez.',
  formExpired: 'Ce formulaire n’est plus disponible : tapez la commande à nouveau.',
  done: 'C’est fait.',
  failed: 'Cairn n’a pas pu faire cela pour le moment. Réessayez dans un instant.',
  required: 'Ce champ est obligatoire.',
  dialogTitle: 'Cairn',
  /** `{max}`: the field's length. */
  messageCut:
    'Le message dépasse {max} caractères : seul son début est repris ci-dessous. Complétez-le si besoin.',
};

const en: typeof fr = {
  repliedPrivately: 'I have answered you in our private chat.',
  cannotReachPrivately:
    'I cannot write to you privately: open a chat with Cairn (Apps > Cairn), then try again.',
  formExpired: 'This form is no longer available: type the command again.',
  done: 'Done.',
  failed: 'Cairn could not do that just now. Please try again in a moment.',
  required: 'This field is required.',
  dialogTitle: 'Cairn',
  messageCut:
    'The message is longer than {max} characters: only its beginning is below. Complete it if needed.',
};

export type TeamsStrings = typeof fr;
export const TEAMS_STRINGS: Record<Language, TeamsStrings> = { fr, en };

export function stringsFor(locale: string | undefined, fallback: Language): TeamsStrings {
  return TEAMS_STRINGS[languageFromLocale(locale) ?? fallback];
}
