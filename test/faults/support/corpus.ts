/**
 * What people might type, by accident or on purpose, into any text field or command argument: platform
 * mentions and links, Markdown and HTML, text-direction and invisible characters, very long, empty and
 * whitespace-only text, emoji, SQL- and template-looking text, control characters.
 */
export const CORPUS: [name: string, text: string][] = [
  ['Slack broadcast mentions', 'Bonjour <!channel> <!here> <!everyone> <!subteam^S123>'],
  ['Slack user mentions', 'Merci <@U123> et <@W456|bob>'],
  ['Slack channel links', 'Voir <#C123> et <#C999|général>'],
  ['disguised links', '<https://evil.example|cliquez ici> <mailto:x@evil.example|écrire>'],
  ['bare broadcast words', '@everyone @here @channel @Claire'],
  ['Markdown', '[cliquez ici](https://evil.example) ![i](https://evil.example/x.png) **gras** _it_ `c` # T'],
  ['Teams mention tag', '<at>Claire Animatrice</at> <at id="0">x</at>'],
  ['HTML', '<b>gras</b><script>alert(1)</script><img src=x onerror=alert(1)> &amp; &lt;b&gt;'],
  ['right-to-left override', 'Comment puis-je \u202Egnp.exe\u202C payer ?'],
  ['zero-width characters', 'Comment\u200B puis\u200C-je\u200D dé\uFEFFléguer ?'],
  ['10,000 characters', `Comment puis-je ${'tenir '.repeat(1_664)}?`],
  ['empty', ''],
  ['whitespace only', ' \t \n  \u00a0 '],
  ['emoji', 'Comment puis-je 😀 👩‍👩‍👧‍👦 🇫🇷 ✅ ?'],
  ['SQL', "Comment'); DROP TABLE cases; -- ?"],
  ['SQL 2', "x' OR '1'='1"],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: text that looks like a template, on purpose
  ['templates and formats', '${process.env.CAIRN_SECRET} {{7*7}} %s %n %x'],
  ['control characters', 'a\u0000b\u0007c\r\nd\u001be[31m'],
];

/** Syntax that would ping or link on Slack if it reached Slack unescaped. */
export const SLACK_ACTIVE = /<[!@#]|<(https?|mailto):/i;

/** Every string value inside a JSON value, with the key it is under. */
export function stringsIn(value: unknown, key = '', out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([key, value]);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, key, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) stringsIn(v, k, out);
  return out;
}
