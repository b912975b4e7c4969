import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../adapters/playground/api.js';
import { CairnProcess } from './support/cairn-process.js';
import { CORPUS } from './support/corpus.js';
import { report } from './support/figures.js';

type Outcome = 'stored' | 'refused';
const SPACE = 'space:pg-space:lyon';
/** The playground runs on real time: a session date a month ahead. */
const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/**
 * The injection corpus through the playground's API (what its page sends), the built app running the
 * playground: what a persona types and every text field of the forms. Each request is answered (200, or
 * 4xx for what the API refuses), never 500, nothing is logged as an error; what is stored is stored as
 * typed, and the page shows it as text (checked in the browser tests and by the bundle writing no HTML).
 */
describe('the playground: hostile text in every field and argument', () => {
  let dir: string;
  let cairn: CairnProcess;
  let base: string;
  const outcomes: Record<string, Record<string, Outcome | number>> = {};
  /** Cairn's error lines (pino level 50 and above). */
  const errors = () =>
    cairn
      .output()
      .split('\n')
      .filter((l) => /"level":(50|60)/.test(l));
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-pg-inj-'));
    cairn = await CairnProcess.start({ CAIRN_DB: join(dir, 'cairn.db'), LOG_LEVEL: 'info' });
    base = `${cairn.url}/api/playground`;
  }, 30_000);
  afterAll(async () => {
    report('playground injection corpus', {
      entries: CORPUS.length,
      outcomes,
      errorsLogged: errors().length,
    });
    expect((await cairn.terminate()).code).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The titles of a persona's cases, as stored. */
  const titlesOf = (persona: string): string[] => {
    const db = new Database(join(dir, 'cairn.db'), { readonly: true });
    try {
      const rows = db
        .prepare('SELECT c.title FROM cases c JOIN people p ON p.id = c.author_id WHERE p.user_ref = ?')
        .all(persona) as { title: string }[];
      return rows.map((r) => r.title);
    } finally {
      db.close();
    }
  };

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { view?: View; error?: string };
    expect(res.status, `${path}: ${JSON.stringify(json).slice(0, 200)}`).toBeLessThan(500);
    return { status: res.status, ...json };
  };
  const say = (persona: string, conversation: string, text: string) =>
    post('say', { persona, conversation, text });

  /** Opens a form with a command, fills its text fields with `hostile`, submits; follows one preview. */
  async function throughForm(
    persona: string,
    where: string,
    command: string,
    fields: string[],
    hostile: string,
  ) {
    const opened = await say(persona, where, command);
    const form = opened.view?.form;
    expect(form?.form, `${command} opens a form`).toBeTruthy();
    const values: Record<string, string | string[]> = {};
    for (const field of form!.form!.fields) {
      if (fields.includes(field.id)) values[field.id] = hostile;
      else if (field.kind === 'checkbox') values[field.id] = 'true';
      else if ('initial' in field && field.initial !== undefined) values[field.id] = field.initial as string;
      else if (field.kind === 'select') values[field.id] = field.options[0]?.value ?? '';
      else if (field.kind === 'multiselect') values[field.id] = field.options.slice(0, 1).map((o) => o.value);
      else if (field.kind === 'date') values[field.id] = inAMonth;
      else if (field.kind === 'time') values[field.id] = '14:00';
    }
    const submitted = await post('form/submit', { persona, seq: form!.seq, values });
    if (submitted.status !== 200) {
      // Refused by the API's own checks (a value longer than any field allows): a code, not a crash.
      expect(submitted.error).toMatch(/^[a-z_]+$/);
      return 'refused' as const;
    }
    const after = submitted.view?.form;
    await post('form/close', { persona });
    if (after?.errors && Object.keys(after.errors).length > 0) {
      for (const message of Object.values(after.errors)) expect(message).toMatch(/\p{L}{3,}/u);
      return 'refused' as const;
    }
    return 'stored' as const;
  }

  it.each(CORPUS)('%s', async (name, hostile) => {
    const seen: Record<string, Outcome | number> = {};
    // Typed text and command arguments, in the group's space and in a direct conversation.
    for (const text of [hostile, `/cairn ${hostile}`, `/cairn cas ${hostile}`, `/cairn pause ${hostile}`]) {
      const answer = await say('pg:julien', SPACE, text);
      seen[`say ${text === hostile ? 'text' : text.split(' ').slice(0, 2).join(' ')}`] = answer.status;
      await post('form/close', { persona: 'pg:julien' });
    }
    const typed = await say('pg:julien', SPACE, hostile);
    if (typed.status === 200 && hostile.length <= 4_000) {
      const entries = typed.view!.conversations.find((c) => c.id === SPACE)!.entries;
      expect(entries.some((e) => e.text === hostile)).toBe(true);
    }
    seen.case = await throughForm(
      'pg:julien',
      `dm:pg:julien`,
      '/cairn cas',
      ['title', 'situation', 'stakes', 'tried', 'expectations'],
      hostile,
    );
    if (seen.case === 'stored') expect(titlesOf('pg:julien')).toContain(hostile);
    seen.session = await throughForm('pg:helene', SPACE, '/cairn session', ['place'], hostile);
    seen.synthesis = await throughForm(
      'pg:helene',
      'dm:pg:helene',
      '/cairn synthese',
      ['themes', 'learned', 'commitments', 'freeText'],
      hostile,
    );
    outcomes[name] = seen;
    expect(errors()).toEqual([]);
  });
});
