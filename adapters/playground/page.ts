import type { Language } from './api.js';

const TITLES: Record<Language, string> = {
  fr: 'Cairn — bac à sable',
  en: 'Cairn — playground',
};
const LOADING: Record<Language, string> = { fr: 'Chargement…', en: 'Loading…' };

/** The page shell: everything else is drawn by the bundled script, served from this same server. */
export function pageHtml(language: Language): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${TITLES[language]}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/playground.css">
<script type="module" src="/playground.js"></script>
</head>
<body>
<div id="app" aria-busy="true"><p class="loading">${LOADING[language]}</p></div>
</body>
</html>
`;
}

/** Only this server's own files: no CDN, no inline script, no external font. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
