import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeSlack, Json, PostedMessage } from '../support/fake-slack.js';
import { FakeSlack as Fake } from '../support/fake-slack.js';
import { FACILITATOR, lastDm, populate, scheduleSession, setUpGroup, TEAM } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';
import { buttonsIn, eventually, textOf } from './support/slack-client.js';

const MINUTE = 60_000;
const TITLE = 'Comment puis-je passer la main à l’équipe de nuit ?';

/**
 * A whole session with the guide on Slack: real Bolt over HTTP, the fake Web API, a fixed clock. The live
 * message is one chat.postMessage in the group's channel, then chat.update of that same message.
 */
describe('Slack: a session run with the guide', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  beforeEach(async () => {
    fake = await Fake.start();
    populate(fake);
    cairn = await startSlackCairn(fake, { start: '2026-03-02T08:00:00Z' });
  });
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  /** The guide's message in the channel, as Slack holds it now (edits applied). */
  const guidePost = (): PostedMessage => {
    const found = fake.messagesIn('GLYON').filter((m) => textOf(m.blocks).includes('Guide de séance'));
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const actionsOf = (m: PostedMessage) => buttonsIn(m.blocks).map((b) => String(b.action_id));
  /** A facilitator's press: Cairn answers nothing privately; the change shows in the channel. */
  const lead = async (user: string, action: string, step?: number) => {
    const g = cairn.store.guides.listRunning()[0]!;
    const edits = guidePost().edits;
    await cairn.driver.as(user).pressInMessage(guidePost(), action, undefined, { noResponseUrl: true });
    await eventually(() => {
      const now = cairn.store.guides.get(g.id)!;
      return step === undefined ? now !== g : now.step === step;
    });
    await cairn.run();
    expect(guidePost().edits).toBeGreaterThan(edits);
  };

  it('posts one message, edits it every minute and at each press, and ends as a record', async () => {
    const { facilitator } = await setUpGroup(cairn, fake);
    await scheduleSession(cairn, facilitator, 'GLYON', '2026-03-05');
    const alice = cairn.driver.as('UALICE');
    const opened = await alice.command('case');
    await alice.submit(opened.view!, { title: TITLE, visibility: 'group' });
    const person = cairn.store.people.findByUserRef('slack', `slack:${TEAM}:UALICE`)!;
    const [c] = cairn.store.cases.listByAuthor(person.id);
    const queue = await facilitator.command('cases', 'GLYON');
    await facilitator.pressInReply(queue.reply!, 'case.mark', `${c!.id}:selected`, 'GLYON');

    // Too early, then 20 minutes before the start.
    cairn.clock.set('2026-03-05T12:00:00Z');
    await cairn.run();
    const early = await facilitator.command('animer', 'GLYON');
    expect(early.reply?.response_type).toBe('ephemeral');
    expect(textOf(early.reply!.blocks as Json[])).toContain('Pas de séance en ce moment');
    cairn.clock.set('2026-03-05T12:40:00Z');
    await cairn.run();
    // In a DM: refused.
    const direct = await facilitator.command('guide');
    expect(textOf(direct.reply!.blocks as Json[])).toContain('dans l’espace du groupe');

    const form = await facilitator.command('guide', 'GLYON');
    expect(form.view?.callback_id).toBe('guide.start');
    const ack = await facilitator.submit(form.view!, {});
    expect(ack.response_action).toBe('update');
    expect(textOf(((ack.view as Json).blocks as Json[]) ?? [])).toContain('Le guide a démarré');
    await cairn.run();
    let post = guidePost();
    expect(textOf(post.blocks)).toContain(`Guide de séance — « ${TITLE} »`);
    expect(textOf(post.blocks)).toContain('Client : Alice Martin');
    expect(textOf(post.blocks)).toContain('▶ Étape 1/6 — Exposé — reste 10 min');
    expect(actionsOf(post)).toEqual(['guide.next', 'guide.extend', 'guide.pause', 'guide.end']);
    const updates = () => fake.callsTo('chat.update').filter((c) => c.args.ts === post.ts).length;

    // Each minute, chat.update of the same message.
    for (let i = 0; i < 4; i++) {
      cairn.clock.advance(MINUTE);
      await cairn.run();
    }
    post = guidePost();
    expect(post.edits).toBe(4);
    expect(updates()).toBe(4);
    expect(textOf(post.blocks)).toContain('Exposé — reste 6 min');
    expect(fake.messagesIn('GLYON').filter((m) => textOf(m.blocks).includes('Guide de séance'))).toHaveLength(
      1,
    );

    // A member's press: an ephemeral word, nothing changed.
    const bruno = cairn.driver.as('UBRUNO');
    const refused = await bruno.pressInMessage(post, 'guide.next');
    expect(refused.reply?.response_type).toBe('ephemeral');
    expect(textOf(refused.reply!.blocks as Json[])).toBe('Seul·e l’animateur·rice mène la séance.');
    expect(cairn.store.guides.listRunning()[0]!.step).toBe(0);

    await lead(FACILITATOR, 'guide.next', 1);
    expect(textOf(guidePost().blocks)).toContain('Questions de clarification — reste 10 min');
    await lead(FACILITATOR, 'guide.extend');
    expect(textOf(guidePost().blocks)).toContain('Questions de clarification — reste 15 min');
    await lead(FACILITATOR, 'guide.next', 2);

    // Contract: the client records the request through a modal.
    const request = await alice.pressInMessage(guidePost(), 'guide.request');
    expect(request.view?.callback_id).toBe('guide.request');
    await alice.submit(request.view!, { request: 'M’aider à trouver les mots pour la première réunion.' });
    await cairn.run();
    expect(textOf(guidePost().blocks)).toContain(
      'Demande du client : « M’aider à trouver les mots pour la première réunion. »',
    );

    await lead(FACILITATOR, 'guide.next', 3);
    const aliceDms = fake.messagesIn(fake.dmChannelOf('UALICE')).length;
    await lead(FACILITATOR, 'guide.next', 4);
    expect(fake.messagesIn(fake.dmChannelOf('UALICE')).length).toBe(aliceDms + 1);
    expect(lastDm(fake, 'UALICE')!.text).toBe(`Votre plan d’action pour « ${TITLE} »`);
    await lead(FACILITATOR, 'guide.next', 5);
    for (const member of ['UALICE', 'UBRUNO', 'UCHLOE', 'UEMMA'])
      expect(lastDm(fake, member)!.text).toBe('Ce que vous retenez de la séance — Groupe Lyon');
    expect(actionsOf(guidePost())).not.toContain('guide.next');

    // End: an ephemeral word, the record in place of the live message, the synthesis button in a DM.
    const ended = await facilitator.pressInMessage(guidePost(), 'guide.end');
    expect(textOf(ended.reply!.blocks as Json[])).toContain('Le guide est terminé');
    await cairn.run();
    post = guidePost();
    expect(buttonsIn(post.blocks)).toEqual([]);
    expect(textOf(post.blocks)).toContain(`Guide de séance — « ${TITLE} » (terminé)`);
    expect(textOf(post.blocks)).toContain('1. Exposé : 4 min (prévu 10 min)');
    expect(cairn.store.cases.get(c!.id)?.status).toBe('presented');
    const prompt = lastDm(fake, FACILITATOR)!;
    expect(prompt.text).toBe(`Guide terminé : « ${TITLE} »`);
    const synthesis = await facilitator.pressInMessage(prompt, 'guide.synthesis');
    expect(synthesis.view?.callback_id).toBe('synthesis');
    const themes = (synthesis.view!.blocks as Json[]).find((b) => b.block_id === 'themes')!;
    expect((themes.element as Json).initial_value).toBe(TITLE);

    // The ended guide's buttons, pressed from an old copy of the message: a clear word, no edit.
    const edits = updates();
    const stale = {
      ...post,
      blocks: [
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'guide.end',
              value: cairn.store.guides.listBySession(cairn.store.cases.get(c!.id)!.sessionId!)[0]!.id,
              text: { type: 'plain_text', text: 'Terminer' },
            },
          ],
        },
      ],
    } as PostedMessage;
    const again = await facilitator.pressInMessage(stale, 'guide.end');
    expect(textOf(again.reply!.blocks as Json[])).toBe(
      'Ce guide est terminé : ses boutons ne changent plus rien.',
    );
    await cairn.run();
    expect(updates()).toBe(edits);
    // Every edit went to the group's channel, never a new message there.
    expect(fake.callsTo('chat.update').every((c) => c.args.channel === 'GLYON')).toBe(true);
  });
});
