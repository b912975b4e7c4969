import { DateTime } from 'luxon';
import type { Language } from '../contract/language.js';

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** "mardi 3 mars 2026 à 14:00" / "Tuesday 3 March 2026 at 14:00", in the group's time zone. */
export function formatDateTime(date: Date, lang: Language, timeZone: string): string {
  const dt = DateTime.fromJSDate(date, { zone: timeZone }).setLocale(LOCALES[lang]);
  const day = dt.toFormat(lang === 'fr' ? 'cccc d LLLL yyyy' : 'cccc d LLLL yyyy');
  const time = dt.toFormat('HH:mm');
  return lang === 'fr' ? `${day} à ${time}` : `${day} at ${time}`;
}

export function formatDate(date: Date, lang: Language, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).setLocale(LOCALES[lang]).toFormat('cccc d LLLL yyyy');
}

/** yyyy-mm-dd in the zone, for form defaults. */
export function isoDate(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).toISODate() ?? '';
}

export function isoTime(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).toFormat('HH:mm');
}
