import { DateTime } from 'luxon';
import type { Language } from '../../contract/language.js';

// The same locales as i18n/format.ts, whose dates the round's result message shows.
const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** How a column is named: in full for the text alternative, on short lines for a narrow axis. */
export type ColumnName = { label: string; axisLines: [string, string] };

/** A round's closing day in the group's time zone: "12 janvier 2027", on the axis "12 janv." / "2027". */
export function roundName(at: Date, lang: Language, timeZone: string): ColumnName {
  const day = DateTime.fromJSDate(at, { zone: timeZone }).setLocale(LOCALES[lang]);
  return { label: day.toFormat('d LLLL yyyy'), axisLines: [day.toFormat('d LLL'), day.toFormat('yyyy')] };
}

/** A month, yyyy-mm: "janvier 2027", on the axis "janv." / "2027". */
export function monthName(month: string, lang: Language): ColumnName {
  const first = DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC' }).setLocale(LOCALES[lang]);
  return { label: first.toFormat('LLLL yyyy'), axisLines: [first.toFormat('LLL'), first.toFormat('yyyy')] };
}
