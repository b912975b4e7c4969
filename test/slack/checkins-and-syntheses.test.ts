import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Json } from '../support/fake-slack.js';
import { FakeSlack } from '../support/fake-slack.js';
import { FACILITATOR, lastDm, MEMBERS, populate, setUpGroup, TEAM } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';
import { eventually, textOf } from './support/slack-client.js';

describe('Slack: a check-in round and a synthesis for two groups', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    cairn = await startSlackCairn(fake, { start: '2026-03-02T08:00:00Z' });
  });
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  it('runs a full anonymous check-in round, with the care button inside the modal and a result', async () => {
    const { facilitator } = await setUpGroup(cairn, fake);
    const opened = await facilitator.command('checkin open', 'GLYON');
    expect(opened.reply?.response_type).toBe('ephemeral');
    await cairn.run();

    const answers: Record<string, string>[] = [
      { workload: '4', support: '3', perspective: '4', overall: '4' },
      { workload: '2', support: '4', perspective: '3', overall: '3' },
      { workload: '5', support: '5', perspective: '4', overall: '5' },
      { workload: '1', support: '2', perspective: '2', overall: '1' },
    ];
    // Alice changed her name in Slack: answering must not write it (nothing but counters is written).
    fake.users.get('UALICE')!.realName = 'Alice Renamed';
    cairn.slack.platform.forgetUser(`slack:${TEAM}:UALICE`);
    for (const [i, values] of answers.entries()) {
      const member = cairn.driver.as(MEMBERS[i]!);
      const form = await member.pressInMessage(lastDm(fake, MEMBERS[i]!)!, 'checkin.answer');
      expect(form.view?.callback_id).toBe('checkin');
      const publishes = fake.callsTo('views.publish').length;
      // Nothing is asked of Slack around an answer either, even about someone Cairn knows nothing of now.
      cairn.slack.platform.forgetUser(`slack:${TEAM}:${MEMBERS[i]!}`);
      const lookups = fake.callsTo('users.info').length;
      const ack = await member.submit(form.view!, values);
      expect(fake.callsTo('views.publish')).toHaveLength(publishes);
      expect(fake.callsTo('users.info')).toHaveLength(lookups);
      expect(ack.response_action).toBe('update');
      const done = ack.view as Json;
      const hard = values.overall === '1';
      expect(textOf(done.blocks as Json[]).includes('Ligne d’écoute')).toBe(hard);
      if (hard) {
        // "Contact my facilitator", pressed inside the modal: the modal shows the confirmation.
        const shown = { ...(done as object), id: 'VDONE', hash: 'h' } as never;
        fake.views.set('VDONE', shown);
        const pressed = await member.pressInView(shown, 'care.contact');
        expect(pressed.updated?.callback_id).toBe('cairn.notice');
      }
    }
    expect(cairn.store.people.findByUserRef('slack', `slack:${TEAM}:UALICE`)?.displayName).toBe(
      'Alice Martin',
    );
    // Nobody can answer twice.
    const again = await cairn.driver
      .as(MEMBERS[0])
      .pressInMessage(lastDm(fake, MEMBERS[0])!, 'checkin.answer');
    expect(again.view).toBeUndefined();

    await cairn.run();
    const care = lastDm(fake, FACILITATOR)!;
    expect(care.text).toContain('David Moreau');
    expect(care.text).not.toMatch(/[1-5]\s*\/\s*5/);

    await facilitator.command('checkin close', 'GLYON');
    await cairn.run();
    const result = lastDm(fake, FACILITATOR)!;
    expect(textOf(result.blocks)).toMatch(/█/);
    expect(result.blocks.map((b) => b.type)).toContain('actions');
  });

  it('posts a synthesis to two groups, then an edit updates both posts in place', async () => {
    const { facilitator } = await setUpGroup(cairn, fake);
    fake.addUser('UFRED', 'Fred Roux');
    fake.addUser('UGINA', 'Gina Blanc');
    await setUpGroup(cairn, fake, 'GPARIS', 'Groupe Paris', ['UFRED', 'UGINA']);
    const lyon = cairn.store.groups.findBySpace(`slack:${TEAM}:GLYON`)!;
    const paris = cairn.store.groups.findBySpace(`slack:${TEAM}:GPARIS`)!;
    const welcomes = fake.messages.length;

    const opened = await facilitator.command('synthesis');
    expect(opened.view?.callback_id).toBe('synthesis');
    // 2,800 characters that escape to more than 8,000: several sections.
    const themes = `Thèmes <!here> ${'& '.repeat(1390)}fin`;
    const preview = await facilitator.submit(opened.view!, {
      groups: [lyon.id, paris.id],
      themes,
      learned: 'Ce que nous avons appris.',
      commitments: '',
      freeText: '',
    });
    expect(preview.response_action, JSON.stringify(preview.errors)).toBe('update');
    const previewView = { ...(preview.view as object), id: 'VPREVIEW', hash: 'h' } as never as Json;
    expect(previewView.callback_id).toBe('synthesis.preview');
    const posted = await facilitator.submit(previewView as never);
    expect(posted.response_action).toBe('update');
    await cairn.run();

    const lyonPost = fake.messagesIn('GLYON').at(-1)!;
    const parisPost = fake.messagesIn('GPARIS').at(-1)!;
    expect(fake.messages.length).toBe(welcomes + 2);
    // Long text split into sections of at most 3,000 characters, all of it there, mention inert.
    const sectionTexts = lyonPost.blocks
      .filter((b) => b.type === 'section')
      .map((b) => String((b.text as Json).text));
    expect(sectionTexts.every((t) => t.length <= 3000)).toBe(true);
    expect(sectionTexts.length).toBeGreaterThan(2);
    expect(sectionTexts.join('')).toContain(`${'&amp; '.repeat(1390)}fin`);
    expect(JSON.stringify(lyonPost.blocks)).toContain('&lt;!here&gt;');
    expect(JSON.stringify(lyonPost)).not.toContain('<!here>');

    const list = await facilitator.command('syntheses');
    const edit = await facilitator.pressInReply(list.reply!, 'synthesis.edit');
    expect(edit.view?.callback_id).toBe('synthesis');
    const preview2 = await facilitator.submit(edit.view!, { themes: 'Thèmes révisés' });
    const previewView2 = { ...(preview2.view as object), id: 'VPREVIEW2', hash: 'h' } as never;
    await facilitator.submit(previewView2);
    await cairn.run();

    await eventually(() => lyonPost.edits === 1 && parisPost.edits === 1);
    expect(
      fake
        .callsTo('chat.update')
        .map((c) => c.args.channel)
        .sort(),
    ).toEqual(['GLYON', 'GPARIS']);
    expect(textOf(lyonPost.blocks)).toContain('Thèmes révisés');
    expect(fake.messages.length).toBe(welcomes + 2);
  });
});
