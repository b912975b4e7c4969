/**
 * Adaptive Card TextBlocks and FactSets render a Markdown subset in Teams (emphasis, lists, links). Text
 * people wrote must show literally: every character that could start markup is backslash-escaped, line
 * starts that would make a list or a heading are neutralised, and line breaks are kept (TextBlock needs a
 * blank line to break). `<at>` tags only become mentions with a matching `msteams.entities` entry, which
 * Cairn never sends; `<` and `>` are escaped anyway.
 */
const INLINE = /[\\`*_[\]()<>#~|{}!]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n').map(escapeLine).join('\n\n');
}

function escapeLine(line: string): string {
  const escaped = line.replace(INLINE, (c) => `\\${c}`);
  // "- item", "+ item", "1. item", "1) item", "> quote", "= / - underline" at the start of a line.
  return escaped.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** Plain-text places (button titles, input labels, choices) are not Markdown: only trim control chars. */
export function plainText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}
