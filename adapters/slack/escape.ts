/**
 * Slack parses `&`, `<` and `>` in every text object: `<!channel>`, `<@U123>` and `<https://x|label>`
 * become mentions and links. Escaping those three characters (and nothing else, as Slack asks) keeps
 * whatever a person wrote inert.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const escapedLength = (ch: string): number => (ch === '&' ? 5 : ch === '<' || ch === '>' ? 4 : ch.length);

/**
 * Splits a text into pieces whose escaped form fits `limit` characters, preferring a line break, then a
 * space, as the cut point. Nothing is dropped: the pieces joined give back the text exactly.
 */
export function splitText(text: string, limit: number): string[] {
  if (limit < 8) throw new Error('limit too small');
  const pieces: string[] = [];
  const chars = Array.from(text);
  let start = 0;
  while (start < chars.length) {
    let size = 0;
    let end = start;
    while (end < chars.length && size + escapedLength(chars[end]!) <= limit) {
      size += escapedLength(chars[end]!);
      end++;
    }
    if (end < chars.length) end = breakPoint(chars, start, end);
    pieces.push(chars.slice(start, end).join(''));
    start = end;
  }
  return pieces.length ? pieces : [''];
}

/** The last line break (else space) in the second half of the piece, so a cut never lands mid-word. */
function breakPoint(chars: string[], start: number, end: number): number {
  const floor = start + Math.floor((end - start) / 2);
  for (const separator of ['\n', ' ']) {
    for (let i = end - 1; i >= floor; i--) if (chars[i] === separator) return i + 1;
  }
  return end;
}

/** Slack's escaped pieces of a text, ready for text objects of at most `limit` characters. */
export const escapedPieces = (text: string, limit: number): string[] =>
  splitText(text, limit).map(escapeText);

/** For labels with a hard limit (button text, modal titles): shortened with an ellipsis, then escaped. */
export function escapeShort(text: string, limit: number): string {
  const pieces = splitText(text, limit - 1);
  return pieces.length > 1 ? `${escapeText(pieces[0]!.trimEnd())}…` : escapeText(text);
}
