import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Json } from '../support/fake-slack.js';
import { FakeSlack } from '../support/fake-slack.js';
import { FACILITATOR, lastDm, populate, scheduleSession, setUpGroup, TEAM } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';
import { buttonsIn, eventually, textOf } from './support/slack-client.js';

const TITLE = 'Comment puis-je <!channel> & <@U123> <https://evil.example|cliquez> recadrer ?';

describe('Slack: cases from the reminder, App Home and the facilitator queue', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    cairn = await startSlackCairn(fake, { start: '2026-03-02T08:00:00Z' });
    const { facilitator } = await setUpGroup(cairn, fake);
    await scheduleSession(cairn, facilitator, 'GLYON', '2026-03-20');
    cairn.clock.set('2026-03-13T08:01:00Z');
    await cairn.run();
  });
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  it('submits a case through the modal: field errors first, then success; the digest keeps it inert', async () => {
    const alice = cairn.driver.as('UALICE');
    await alice.press('case.open');
    const view = alice.form!;
    expect(view.callback_id).toBe('case');
    const kinds = (view.blocks as Json[])
      .filter((b) => b.type === 'input')
      .map((b) => (b.element as Json).type);
    expect(new Set(kinds)).toEqual(new Set(['plain_text_input', 'static_select', 'checkboxes']));

    // Charter not ticked and no title: Slack shows the errors under those blocks.
    const refused = await alice.submit({ title: '', charter: false });
    expect(refused.response_action).toBe('errors');
    expect(Object.keys(refused.errors as Json).sort()).toEqual(['charter', 'title']);
    // The same from a client that sends back only the view's state: still errors under the fields.
    const minimal = await alice.submit(view, { title: '' }, { minimal: true });
    expect(minimal).toMatchObject({ response_action: 'errors', errors: { title: expect.any(String) } });
    const alicePerson = cairn.store.people.findByUserRef('slack', `slack:${TEAM}:UALICE`)!;
    expect(cairn.store.cases.listByAuthor(alicePerson.id)).toHaveLength(0);

    const accepted = await alice.submit({ title: TITLE, situation: 'Une situation, sans nom.' });
    expect(accepted.response_action).toBe('update');
    expect((accepted.view as Json).type).toBe('modal');
    const [saved] = cairn.store.cases.listByAuthor(alicePerson.id);
    expect(saved?.title).toBe(TITLE);

    // The day before, the facilitator's digest names the case: escaped, so nothing pings or links.
    cairn.clock.set('2026-03-19T09:00:00Z');
    await cairn.run();
    const digest = lastDm(fake, FACILITATOR)!;
    const shown = `${digest.text}\n${JSON.stringify(digest.blocks)}`;
    expect(shown).toContain('&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://evil.example|cliquez&gt;');
    expect(shown).not.toMatch(/<!channel>|<@U123>|<https:/);
    // Logs hold ids and codes, never what people wrote (Bolt's and the Web API client's lines included).
    expect(cairn.logs.lines.length).toBeGreaterThan(10);
    expect(cairn.logs.text).not.toMatch(/recadrer|Une situation, sans nom|Texte de test/);
  });

  it('edits and withdraws a case from App Home buttons', async () => {
    const alice = cairn.driver.as('UALICE');
    const opened = await alice.pressInMessage(lastDm(fake, 'UALICE')!, 'case.open');
    await alice.submit(opened.view!, { title: 'Comment puis-je déléguer ?' });

    await cairn.driver.sendEvent({
      type: 'app_home_opened',
      user: 'UALICE',
      channel: 'DUALICE',
      tab: 'home',
      event_ts: '1',
    });
    const home = await waitForHome(fake, 'UALICE');
    expect(textOf(home.blocks as Json[])).toContain('Comment puis-je déléguer ?');
    expect(buttonsIn(home.blocks as Json[]).map((b) => String(b.action_id).split('#')[0])).toEqual(
      expect.arrayContaining(['case.edit', 'case.withdraw', 'case.open']),
    );

    const edit = await alice.pressOnHome('case.edit');
    expect(edit.view?.callback_id).toBe('case');
    const titleBlock = (edit.view!.blocks as Json[]).find((b) => b.block_id === 'title')!;
    expect((titleBlock.element as Json).initial_value).toBe('Comment puis-je déléguer ?');
    const saved = await alice.submit(edit.view!, { title: 'Comment puis-je déléguer mieux ?' });
    expect(saved.response_action).toBe('update');
    const person = cairn.store.people.findByUserRef('slack', `slack:${TEAM}:UALICE`)!;
    expect(cairn.store.cases.listByAuthor(person.id)[0]?.title).toBe('Comment puis-je déléguer mieux ?');

    const withdrawn = await alice.pressOnHome('case.withdraw');
    expect(withdrawn.view?.callback_id).toBe('cairn.notice');
    expect(cairn.store.cases.listByAuthor(person.id)[0]?.status).toBe('withdrawn');
    const after = fake.homes.get('UALICE')!;
    expect(textOf(after.blocks as Json[])).not.toContain('déléguer mieux');
  });

  it('shows the facilitator the queue and lets them select a case', async () => {
    const alice = cairn.driver.as('UALICE');
    const opened = await alice.pressInMessage(lastDm(fake, 'UALICE')!, 'case.open');
    await alice.submit(opened.view!, { title: 'Comment puis-je dire non ?', visibility: 'group' });

    const facilitator = cairn.driver.as(FACILITATOR);
    const queue = await facilitator.command('cases', 'GLYON');
    expect(queue.reply?.response_type).toBe('ephemeral');
    expect(textOf(queue.reply!.blocks as Json[])).toContain('Comment puis-je dire non ?');
    const alicePerson = cairn.store.people.findByUserRef('slack', `slack:${TEAM}:UALICE`)!;
    const [c] = cairn.store.cases.listByAuthor(alicePerson.id);
    const marked = await facilitator.pressInReply(queue.reply!, 'case.mark', `${c!.id}:selected`, 'GLYON');
    expect(marked.reply?.response_type).toBe('ephemeral');
    expect(cairn.store.cases.get(c!.id)?.status).toBe('selected');

    // A client that gives no response_url still gets the answer, ephemeral in the channel.
    const queued = { channel: 'GLYON', ts: '1.1', text: '', blocks: queue.reply!.blocks as Json[], edits: 0 };
    await facilitator.pressInMessage(queued, 'case.mark', `${c!.id}:postponed`, { noResponseUrl: true });
    const ephemeral = await eventually(() => fake.callsTo('chat.postEphemeral')[0]);
    expect(ephemeral.args).toMatchObject({ channel: 'GLYON', user: FACILITATOR });
    expect(cairn.store.cases.get(c!.id)?.status).toBe('postponed');
  });
});

async function waitForHome(fake: FakeSlack, user: string): Promise<Json> {
  const { eventually } = await import('./support/slack-client.js');
  return eventually(() => fake.homes.get(user));
}
