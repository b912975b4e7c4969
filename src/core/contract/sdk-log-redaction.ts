/**
 * Log lines of the platforms' SDKs (Bolt and the Slack Web API client, the Azure pipeline under Bot
 * Framework), made safe for Cairn's log. At debug level those SDKs log request and response bodies,
 * acknowledgments and whole events: everything a person wrote would pass through. Lines are kept (an
 * operator debugging a connection needs them) but reduced to their shape: the words of the SDK's own
 * message, JSON reduced to its keys, URLs to their host and API method, ids and tokens replaced.
 */

const MAX_LINE = 300;
const MAX_KEYS = 12;

/** One SDK log call's arguments as one safe line. */
export function redactSdkArgs(args: readonly unknown[]): string {
  const line = args.map(redactValue).join(' ');
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
}

function redactValue(value: unknown): string {
  if (typeof value === 'string') return redactSdkText(value);
  if (value instanceof Error) return `${value.name}: ${redactSdkText(value.message)}`;
  if (Array.isArray(value)) return `[array of ${value.length}]`;
  if (value && typeof value === 'object') return `[object ${keysOf(value)}]`;
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return `[${typeof value}]`;
}

/**
 * A free-text SDK message: what follows "body", "payload" or "response" markers and every JSON fragment
 * is reduced to its keys; URLs keep their host and, for API calls, the method; anything shaped like a
 * platform id, a token or an e-mail address is replaced.
 */
export function redactSdkText(text: string): string {
  let out = text;
  // Everything after a marker that introduces a body is dropped, whatever its shape.
  const marker = /\b(body|payload|storedResponse|response body|arguments|args|data)\b\s*[:=]/i.exec(out);
  if (marker)
    out = `${out.slice(0, marker.index + marker[0].length)} ${shapeOf(out.slice(marker.index + marker[0].length))}`;
  // A JSON fragment anywhere else.
  const json = /[{[]/.exec(out);
  if (json) out = `${out.slice(0, json.index)}${shapeOf(out.slice(json.index))}`;
  return out
    .replace(/\bhttps?:\/\/[^\s"'<>]+/g, redactUrl)
    .replace(/\bxox[a-z]?-[\w-]+/gi, '[token]')
    .replace(/\bxapp-[\w-]+/gi, '[token]')
    .replace(/\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g, '[email]')
    .replace(/\b(?:\d+:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '[id]')
    .replace(/\b(?:\d\d|[a-z]):[\w@.:;=-]{6,}/g, '[id]')
    .replace(/\b[UWBTCDGEAFVS][A-Z0-9]{5,}\b/g, '[id]')
    .replace(/\b\d{9,}(?:\.\d+)?\b/g, '[n]');
}

/** The shape of what may be a body: a JSON object's keys, an array's length, or a length in characters. */
function shapeOf(rest: string): string {
  const trimmed = rest.trim();
  if (!trimmed) return '';
  try {
    const parsed: unknown = JSON.parse(trimmed.replace(/\)\s*$/, ''));
    if (Array.isArray(parsed)) return `[json array of ${parsed.length}]`;
    if (parsed && typeof parsed === 'object') return `[json ${keysOf(parsed)}]`;
  } catch {
    // not JSON: say how long it was
  }
  return `[${trimmed.length} chars]`;
}

function keysOf(value: object): string {
  const keys = Object.keys(value);
  const shown = keys.slice(0, MAX_KEYS).map((k) => (/^[\w.-]{1,40}$/.test(k) ? k : '?'));
  return `{${shown.join(',')}${keys.length > MAX_KEYS ? ',…' : ''}}`;
}

/** An API URL keeps its host and method (`…/api/chat.postMessage`); any other path and query go. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const method = /\/api\/([\w.]+)$/.exec(parsed.pathname)?.[1];
    return `${parsed.protocol}//${parsed.host}/${method ? `api/${method}` : '…'}`;
  } catch {
    return '[url]';
  }
}
