const LOCALES = { fr: 'fr-FR', en: 'en-GB' } as const;

/** "jeudi 26 novembre 2026, 09:00" in the group's time zone. */
export function formatClock(date: Date, lang: 'fr' | 'en', timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** A message's time: "jeu. 26 nov., 09:00". */
export function formatStamp(date: Date, lang: 'fr' | 'en', timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}
