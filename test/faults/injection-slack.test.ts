import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeText } from '../../adapters/slack/escape.js';
import {
  FACILITATOR,
  MEMBERS,
  populate,
  scheduleSession,
  setUpGroup,
  TEAM,
} from '../slack/support/scenario.js';
import { type SlackCairn, startSlackCairn } from '../slack/support/slack-cairn.js';
import type { SlackUserSession } from '../slack/support/slack-client.js';
import { FakeSlack, type Json } from '../support/fake-slack.js';
import { CORPUS, SLACK_ACTIVE, stringsIn } from './support/corpus.js';
import { report } from './support/figures.js';

/** Everything Cairn sent to Slack since call `from` and response `fromResponse`, as JSON values. */
function outbound(fake: FakeSlack, from: number, fromResponse: number): Json[] {
  return [
    ...fake.calls.slice(from).map((c) => ({ method: c.method, ...c.args })),
    ...fake.responses.slice(fromResponse).map((r) => r.body),
  ];
}

/**
 * What a person typed, given back into an input box to edit it (`initial_value`), is shown literally by
 * Slack (and must stay as typed); metadata is never shown. Everything else Slack may parse.
 */
const LITERAL_KEYS = new Set(['initial_value', 'private_metadata', 'value']);

/** Active syntax in what Cairn sent (nothing may ping or link), or a request for Slack to parse names. */
function activeIn(payloads: Json[]): string[] {
  const found: string[] = [];
  for (const p of payloads) {
    if (p.link_names || p.parse === 'full') found.push(`${String(p.method)} asks Slack to parse names`);
    for (const [key, s] of stringsIn(p))
      if (!LITERAL_KEYS.has(key) && SLACK_ACTIVE.test(s))
        found.push(`${String(p.method)} ${key}: ${s.slice(0, 100)}`);
  }
  return found;
}

type Outcome = 'stored' | 'refused';

/**
 * The injection corpus through every text field of every Slack modal and every command argument: each
 * value is stored and shown escaped, or refused with a message under its field; every request is answered
 * 200; no error is logged; nothing Cairn sends carries active mention or link syntax.
 */
describe('Slack: hostile text in every field and argument', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  let facilitator: SlackUserSession;
  let alice: SlackUserSession;
  const outcomes: Record<string, Record<string, Outcome>> = {};
  beforeAll(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    cairn = await startSlackCairn(fake, { start: '2026-03-02T08:00:00Z' });
    ({ facilitator } = await setUpGroup(cairn, fake));
    await scheduleSession(cairn, facilitator, 'GLYON', '2026-03-20');
    alice = cairn.driver.as('UALICE');
  });
  afterAll(async () => {
    report('Slack injection corpus', { entries: CORPUS.length, outcomes });
    await cairn.close();
    await fake.close();
  });

  /** A modal submission: stored, or refused with a clear message under each refused field. */
  const submitted = (ack: Json): Outcome => {
    if (ack.response_action === 'errors') {
      for (const message of Object.values(ack.errors as Record<string, string>))
        expect(message).toMatch(/\p{L}{3,}/u);
      return 'refused';
    }
    expect(ack.response_action).toBe('update');
    return 'stored';
  };

  it.each(CORPUS)('%s', async (name, hostile) => {
    const calls = fake.calls.length;
    const responses = fake.responses.length;
    const logLines = cairn.logs.lines.length;
    const seen: Record<string, Outcome> = {};

    // Command arguments: an unknown word, and the arguments of commands that take one.
    for (const command of [
      hostile,
      `case ${hostile}`,
      `language ${hostile}`,
      `pause ${hostile}`,
      `checkin ${hostile}`,
    ]) {
      const out = await alice.command(command);
      expect(out.reply ?? out.view).toBeTruthy();
      if (out.view) await alice.submit(out.view, {});
    }
    await facilitator.command(`cases ${hostile}`, 'GLYON');

    // A case: every text field.
    const caseForm = await alice.command('case');
    const texts = {
      title: hostile,
      situation: hostile,
      stakes: hostile,
      tried: hostile,
      expectations: hostile,
    };
    seen.case = submitted(await alice.submit(caseForm.view!, texts));

    // The session's place.
    const sessionForm = await facilitator.command('session', 'GLYON');
    seen.session = submitted(
      await facilitator.submit(sessionForm.view!, { date: '2026-04-10', time: '14:00', place: hostile }),
    );

    // A synthesis, previewed and posted in the group's channel.
    const synthesisForm = await facilitator.command('synthesis');
    const preview = await facilitator.submit(synthesisForm.view!, {
      themes: hostile,
      learned: hostile,
      commitments: hostile,
      freeText: hostile,
    });
    seen.synthesis = submitted(preview);
    if (seen.synthesis === 'stored') {
      expect((preview.view as Json).callback_id).toBe('synthesis.preview');
      const posts = fake.messages.length;
      await facilitator.submit({ ...(preview.view as Json), id: 'VPREVIEW', hash: 'h' } as never);
      await cairn.run();
      // Posted in a group's channel: the text shown as typed (escaped), nothing active.
      const post = fake.messages.slice(posts).find((m) => m.channel.startsWith('G'))!;
      const shown = post.blocks.map((b) => String((b.text as Json | undefined)?.text ?? '')).join('');
      expect(shown).toContain(escapeText(hostile.trim()));
    }

    // A new group: its name and support contacts.
    const channel = `GINJ${CORPUS.findIndex(([n]) => n === name)}`;
    fake.addChannel(channel, [FACILITATOR, ...MEMBERS, fake.botUserId]);
    const setupForm = await facilitator.command('setup', channel);
    seen.setup = submitted(
      await facilitator.submit(setupForm.view!, { name: hostile, supportContacts: hostile }),
    );
    await cairn.run();

    // Stored as typed when accepted.
    const group = cairn.store.groups.findBySpace(`slack:${TEAM}:${channel}`);
    if (seen.setup === 'stored') expect(group?.name).toBe(hostile);
    outcomes[name] = seen;

    const sent = outbound(fake, calls, responses);
    expect(activeIn(sent)).toEqual([]);
    const errors = cairn.logs.lines.slice(logLines).filter((l) => /"level":(50|60)/.test(l));
    expect(errors).toEqual([]);
  });

  it('reminders and the digest, which show the stored texts, stay inert', async () => {
    const calls = fake.calls.length;
    cairn.clock.set('2026-03-13T08:01:00Z');
    await cairn.run();
    cairn.clock.set('2026-03-19T08:01:00Z');
    await cairn.run();
    const sent = outbound(fake, calls, 0);
    expect(sent.length).toBeGreaterThan(0);
    expect(activeIn(sent)).toEqual([]);
    // The digest shows the hostile case titles escaped: the text is there, inert.
    const digest = fake.messagesIn(fake.dmChannelOf(FACILITATOR)).at(-1)!;
    expect(JSON.stringify(digest.blocks)).toContain('&lt;!channel&gt;');
  });

  it('invalid UTF-8 in a form body is read as replacement characters, not a crash', async () => {
    const body = `team_id=T0CAIRN&channel_id=DUALICE&user_id=UALICE&command=%2Fcairn&text=case%20%C3%28%FF%FE&response_url=${encodeURIComponent(fake.responseUrl())}&trigger_id=utf8.1`;
    const raw = Buffer.concat([Buffer.from(body), Buffer.from([0xff, 0xc3, 0x28])]).toString('latin1');
    const res = await cairn.driver.send(body, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    const bad = await cairn.driver.send(raw, 'application/x-www-form-urlencoded');
    expect([200, 400]).toContain(bad.status);
    expect((await fetch(`${cairn.url}/healthz`)).status).toBe(200);
  });
});
