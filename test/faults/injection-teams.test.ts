import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../teams/support/cards.js';
import { cardText, elementsOf, inputsOf } from '../teams/support/cards.js';
import type { Activity } from '../teams/support/fake-connector.js';
import {
  dialogCard,
  type GroupChat,
  openFormByCommand,
  scheduleSession,
  setUpGroupChat,
  submit,
} from '../teams/support/flows.js';
import { startTeamsHarness, TENANT, type TeamsHarness } from '../teams/support/harness.js';
import { CORPUS } from './support/corpus.js';
import { report } from './support/figures.js';

const MARKUP = '\\`*_[]()<>#~|{}!';

/** Every Markdown character is itself escaped (preceded by an odd number of backslashes). */
function allEscaped(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (!MARKUP.includes(text[i]!) || text[i] === '\\') continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0) return false;
  }
  return true;
}

/** The cards in an activity or a dialog answer. */
function cardsIn(value: Activity | undefined): Card[] {
  if (!value || typeof value !== 'object') return [];
  const cards: Card[] = [];
  for (const a of value.attachments ?? []) if (a?.content?.type === 'AdaptiveCard') cards.push(a.content);
  if (value.task?.value?.card?.content) cards.push(value.task.value.card.content);
  if (value.type === 'AdaptiveCard') cards.push(value);
  return cards;
}

/**
 * What Teams would render as Markdown (TextBlocks, facts) with active syntax left in, mention entities,
 * or message text that Teams would read as Markdown.
 */
function activeIn(values: (Activity | undefined)[]): string[] {
  const found: string[] = [];
  for (const value of values) {
    if (!value) continue;
    if ((value.entities ?? []).some((e: { type?: string }) => e.type === 'mention'))
      found.push('mention entity');
    if (typeof value.text === 'string' && value.textFormat !== 'plain' && !allEscaped(value.text))
      found.push(`text: ${value.text.slice(0, 100)}`);
    for (const card of cardsIn(value)) {
      for (const e of elementsOf(card)) {
        if (e.type === 'TextBlock' && !allEscaped(String(e.text)))
          found.push(`TextBlock: ${String(e.text).slice(0, 100)}`);
        if (e.type === 'FactSet')
          for (const f of e.facts ?? [])
            for (const t of [f.title, f.value])
              if (!allEscaped(String(t))) found.push(`fact: ${String(t).slice(0, 100)}`);
      }
    }
  }
  return found;
}

type Outcome = 'stored' | 'refused' | 'closed';

/** A dialog answer: the next step (stored), the same form with errors under fields (refused), or closed. */
function outcomeOf(task: Activity | undefined): Outcome {
  if (!task) return 'closed';
  const card = dialogCard(task);
  const errors = elementsOf(card).filter((e) => e.type === 'TextBlock' && e.color === 'Attention');
  if (errors.length === 0) return 'stored';
  for (const e of errors) expect(String(e.text)).toMatch(/\p{L}{3,}/u);
  return 'refused';
}

/** The injection corpus through every text field of every Teams dialog and every command argument. */
describe('Teams: hostile text in every field and argument', () => {
  let h: TeamsHarness;
  let g: GroupChat;
  const answers: (Activity | undefined)[] = [];
  const outcomes: Record<string, Record<string, Outcome>> = {};
  beforeAll(async () => {
    h = await startTeamsHarness();
    g = await setUpGroupChat(h);
    await scheduleSession(h, g, '2026-03-20');
    // Every answer Cairn gives inside the request (dialogs, invoke results) is checked too.
    const post = h.client.post.bind(h.client);
    h.client.post = async (activity, headers) => {
      const answer = await post(activity, headers);
      answers.push(answer.body);
      return answer;
    };
  });
  afterAll(async () => {
    report('Teams injection corpus', { entries: CORPUS.length, outcomes });
    await h.close();
  });

  it.each(CORPUS)('%s', async (name, hostile) => {
    const requests = h.fake.requests.length;
    const answered = answers.length;
    const logLines = h.logs.lines.length;
    const alice = g.members[0]!;
    const claire = g.facilitator;
    const seen: Record<string, Outcome> = {};

    for (const text of [
      hostile,
      `case ${hostile}`,
      `language ${hostile}`,
      `pause ${hostile}`,
      `checkin ${hostile}`,
    ]) {
      const answer = await h.client.say(alice, text);
      expect(answer.status).toBe(200);
    }
    expect((await h.client.say(claire, `cases ${hostile}`, g.where)).status).toBe(200);

    const caseForm = await openFormByCommand(h, alice, 'case');
    const texts = {
      title: hostile,
      situation: hostile,
      stakes: hostile,
      tried: hostile,
      expectations: hostile,
    };
    const choices = {
      group: g.groupId,
      kind: 'problem',
      urgency: 'medium',
      visibility: 'group',
      charter: true,
    };
    seen.case = outcomeOf(await submit(h, alice, caseForm, { ...texts, ...choices }));

    const sessionForm = await openFormByCommand(h, claire, 'session', g.where);
    seen.session = outcomeOf(
      await submit(h, claire, sessionForm, { date: '2026-04-10', time: '14:00', place: hostile }),
    );

    const synthesisForm = await openFormByCommand(h, claire, 'synthesis');
    const preview = await submit(h, claire, synthesisForm, {
      themes: hostile,
      learned: hostile,
      commitments: hostile,
      freeText: hostile,
    });
    seen.synthesis = outcomeOf(preview);
    if (seen.synthesis === 'stored') {
      let step = dialogCard(preview);
      // A synthesis that names a member asks for a confirmation first.
      if (inputsOf(step).some((i) => i.id === 'f.confirmNames'))
        step = dialogCard(await submit(h, claire, step, { confirmNames: true }));
      const posted = await submit(h, claire, step, {});
      expect(posted?.type).toBe('continue');
      await h.run();
      const post = h.fake.requests
        .slice(requests)
        .find((r) => r.kind === 'send' && r.conversationId?.startsWith('19:'));
      expect(post, 'the synthesis posted in the group chat').toBeTruthy();
      expect(cardText(cardsIn(post!.body)[0]!)).toContain(
        hostile.trim().replace(/\r\n?/g, '\n').split('\n')[0]!.slice(0, 50),
      );
    }

    const index = CORPUS.findIndex(([n]) => n === name);
    const chatId = `19:injection-${index}@thread.v2`;
    h.fake.setMembers(chatId, [claire, ...g.members]);
    const where = h.client.groupChat(chatId);
    await h.client.install(claire, where);
    const setupForm = await openFormByCommand(h, claire, 'setup', where);
    seen.setup = outcomeOf(await submit(h, claire, setupForm, { name: hostile, supportContacts: hostile }));
    await h.run();
    if (seen.setup === 'stored')
      expect(h.store.groups.findBySpace(`teams:${TENANT}:${chatId}`)?.name).toBe(hostile);
    outcomes[name] = seen;

    const sent = [
      ...h.fake.requests.slice(requests).map((r) => r.body as Activity),
      ...answers.slice(answered),
    ];
    expect(activeIn(sent)).toEqual([]);
    const errors = h.logs.lines.slice(logLines).filter((l) => /"level":(50|60)/.test(l));
    expect(errors).toEqual([]);
  });

  it('reminders and the digest, which show the stored texts, stay inert', async () => {
    const requests = h.fake.requests.length;
    h.clock.set('2026-03-13T08:01:00Z');
    await h.run();
    h.clock.set('2026-03-19T08:01:00Z');
    await h.run();
    const sent = h.fake.requests.slice(requests).map((r) => r.body as Activity);
    expect(sent.length).toBeGreaterThan(0);
    expect(activeIn(sent)).toEqual([]);
  });

  it('invalid UTF-8 in an activity body is read as replacement characters, not a crash', async () => {
    const alice = g.members[0]!;
    const activity = h.client.activity(alice, h.client.personal(alice), { type: 'message', text: 'case XX' });
    const json = Buffer.from(JSON.stringify(activity));
    const at = json.indexOf('XX');
    json[at] = 0xff;
    json[at + 1] = 0xc3;
    const res = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json,
    });
    expect([200, 400]).toContain(res.status);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
