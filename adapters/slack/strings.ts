import { DEFAULT_LANGUAGE, type Language, languageFromLocale } from '../../src/core/contract/language.js';
import { type Message, message } from '../../src/core/contract/message.js';

/** The few words the adapter says itself, when the core could not answer at all. */
const en = {
  failed: 'Cairn could not do that just now. Please try again in a moment.',
} as const;

export type AdapterStrings = Record<keyof typeof en, string>;

export const STRINGS: Record<Language, AdapterStrings> = {
  en,
  fr: {
    failed: 'Cairn n’a pas pu faire cela pour le moment. Réessayez dans un instant.',
  },
};

export function failureText(locale: string | undefined): string {
  return STRINGS[languageFromLocale(locale) ?? DEFAULT_LANGUAGE].failed;
}

export function failureMessage(locale: string | undefined): Message {
  return message(failureText(locale));
}
