import type { Language } from '../contract/language.js';
import type { ErrorCode } from '../kernel/result.js';
import { errors as enErrors } from './en/errors.js';
import { en } from './en/index.js';
import { errors as frErrors } from './fr/errors.js';
import { fr } from './fr/index.js';

import type { Widen } from './widen.js';

/** French is the reference catalogue; English must provide every key with the same parameters. */
export type Catalogue = Widen<typeof fr>;
export type MessageKey = keyof Catalogue;
type Params<K extends MessageKey> = Catalogue[K] extends (p: infer P) => string ? [P] : [];

export type Translate = <K extends MessageKey>(key: K, ...params: Params<K>) => string;

const catalogues: Record<Language, Catalogue> = { fr, en };

export function translator(lang: Language): Translate {
  const catalogue = catalogues[lang];
  return (key, ...params) => {
    const entry = catalogue[key] as string | ((p: unknown) => string);
    return typeof entry === 'function' ? entry(params[0]) : entry;
  };
}

export const catalogueKeys = (lang: Language): string[] => Object.keys(catalogues[lang]).sort();

const errorCatalogues: Record<Language, Record<ErrorCode, string>> = { fr: frErrors, en: enErrors };

export const errorMessage = (lang: Language, code: ErrorCode): string => errorCatalogues[lang][code];

export const errorKeys = (lang: Language): string[] => Object.keys(errorCatalogues[lang]).sort();

/** Keys whose entry takes no parameters. */
export type PlainKey = { [K in MessageKey]: Catalogue[K] extends string ? K : never }[MessageKey];
