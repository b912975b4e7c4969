import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Json } from '../support/fake-slack.js';
import { FakeSlack } from '../support/fake-slack.js';
import { FACILITATOR, lastDm, populate, scheduleSession, setUpGroup, TEAM } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';
import { buttonsIn, eventually, textOf } from './support/slack-client.js';

/**
 * The practice loop through Slack (signed requests, Bolt, modals, Block Kit, the fake Web API): Alice notes
 * two situations, turns one into a case, it is presented, she writes her plan in a modal, the follow-up
 * comes on its date, she reports, and the facilitator's digest opens with her report.
 */

const NOTE_1 = 'Mon adjoint a contredit mon arbitrage devant l’équipe de nuit.';
const NOTE_2 = 'Entretien annuel tendu avec une technicienne qui demande sa mutation.';
const PLAN = 'Un point hebdomadaire en tête-à-tête avec mon adjoint.';
const HAPPENED = 'Deux points ont eu lieu ; le second a préparé l’arbitrage du planning.';

describe('Slack: the practice loop between sessions', () => {
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

  const at = async (iso: string) => {
    cairn.clock.set(iso);
    await cairn.run();
  };

  it('from two notes to the report that opens the next digest', async () => {
    const { facilitator } = await setUpGroup(cairn, fake);
    for (const date of ['2026-03-19', '2026-04-16', '2026-05-14'])
      await scheduleSession(cairn, facilitator, 'GLYON', date);
    const alice = cairn.driver.as('UALICE');

    // `/cairn note <text>`: saved at once, an ephemeral confirmation. `/cairn note` alone: the modal.
    const saved = await alice.command(`note ${NOTE_1}`);
    expect(textOf(saved.reply!.blocks as Json[])).toContain('C’est noté dans votre carnet.');
    await at('2026-03-05T08:00:00Z');
    const opened = await alice.command('note');
    expect(opened.view?.callback_id).toBe('note');
    expect((await alice.submit({ text: NOTE_2, noticed: null })).response_action).toBe('update');
    const aliceId = cairn.store.people.findByUserRef('slack', `slack:${TEAM}:UALICE`)!.id;
    expect(cairn.store.notes.listByAuthor(aliceId).map((n) => n.text)).toEqual([NOTE_2, NOTE_1]);

    // The reminder counts them and offers to read them; the notebook's "Turn into a case" opens the case modal.
    await at('2026-03-12T08:00:00Z');
    const reminder = lastDm(fake, 'UALICE')!;
    expect(textOf(reminder.blocks)).toContain('vous avez noté 2 situations dans votre carnet');
    const list = await alice.pressInMessage(reminder, 'notes.list');
    expect(textOf(list.reply!.blocks as Json[])).toContain(NOTE_2);
    const first = cairn.store.notes.listByAuthor(aliceId).at(-1)!;
    const caseModal = await alice.pressInReply(list.reply!, 'note.case', first.id);
    expect(caseModal.view?.callback_id).toBe('case');
    const situation = (caseModal.view!.blocks as Json[]).find((b) => b.block_id === 'situation');
    expect((situation!.element as Json).initial_value).toBe(NOTE_1);
    await alice.submit({ title: 'Comment puis-je recadrer mon adjoint ?' });
    const aliceCase = cairn.store.cases.listByAuthor(aliceId)[0]!;
    expect(aliceCase.situation).toBe(NOTE_1);

    // Presented after the session: "Write my action plan" in her DM at once.
    await at('2026-03-19T16:30:00Z');
    const queue = await facilitator.command('cases', 'GLYON');
    await facilitator.pressInReply(queue.reply!, 'case.mark', `${aliceCase.id}:presented`);
    await cairn.run();
    const prompt = await eventually(() => {
      const dm = lastDm(fake, 'UALICE');
      return dm?.text.startsWith('Votre plan d’action') ? dm : undefined;
    });
    const planModal = await alice.pressInMessage(prompt, 'plan.write');
    expect(planModal.view?.callback_id).toBe('plan');
    const date = (planModal.view!.blocks as Json[]).find((b) => b.block_id === 'followUpOn');
    expect((date!.element as Json).type).toBe('datepicker');
    expect((date!.element as Json).initial_date).toBe('2026-04-09');
    // A date after the session after next: the error under the field, nothing stored.
    const refused = await alice.submit({
      what: PLAN,
      withWhom: null,
      support: null,
      followUpOn: '2026-06-01',
    });
    expect(refused.response_action).toBe('errors');
    expect(Object.keys(refused.errors as Json)).toEqual(['followUpOn']);
    expect(cairn.store.plans.getByCase(aliceCase.id)).toBeUndefined();
    await alice.submit({ what: PLAN, withWhom: null, support: null, followUpOn: '2026-04-09' });
    expect(cairn.store.plans.getByCase(aliceCase.id)?.visibility).toBe('me');

    // Her App Home shows the plan's date and the notebook's count.
    await cairn.driver.sendEvent({
      type: 'app_home_opened',
      user: 'UALICE',
      channel: 'DUALICE',
      tab: 'home',
    });
    const home = await eventually(() => fake.homes.get('UALICE'));
    expect(textOf(home.blocks as Json[])).toContain('suivi le jeudi 9 avril 2026');
    expect(textOf(home.blocks as Json[])).toContain('Mon carnet : 2 note(s)');

    // The follow-up on 9 April at 09:00 in Paris; she reports, shared with the group.
    await at('2026-04-09T07:00:00Z');
    const followUp = fake
      .messagesIn(fake.dmChannelOf('UALICE'))
      .find((m) => m.text.startsWith('Comment cela s’est-il passé'))!;
    expect(buttonsIn(followUp.blocks).map((b) => String(b.action_id).split('#')[0])).toEqual([
      'plan.report',
      'plan.pause',
      'plan.dismiss',
    ]);
    const reportModal = await alice.pressInMessage(followUp, 'plan.report');
    expect(reportModal.view?.callback_id).toBe('plan.report');
    await alice.submit({ outcome: 'partly', happened: HAPPENED, learned: null, share: 'group' });
    expect(cairn.store.plans.getByCase(aliceCase.id)?.report?.share).toBe('group');

    // The digest the day before the next session opens with her report; her "me only" plan is not in it.
    await at('2026-04-15T07:00:00Z');
    const digest = lastDm(fake, FACILITATOR)!;
    expect(digest.text).toBe('Séance de demain — Groupe Lyon : 0 cas');
    expect(digest.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Les retours des précédents clients' },
    });
    expect(textOf(digest.blocks)).toContain(HAPPENED);
    expect(textOf(digest.blocks)).toContain('Alice Martin — « Comment puis-je recadrer mon adjoint ? »');
    expect(JSON.stringify(digest.blocks)).not.toContain(PLAN);
    // Nobody else's DM holds her notes or her plan; the logs hold none of it.
    for (const user of ['UBRUNO', 'UCHLOE', 'UDAVID', 'UEMMA', FACILITATOR]) {
      const seen = JSON.stringify(fake.messagesIn(fake.dmChannelOf(user)));
      for (const secret of [NOTE_2, PLAN]) expect(seen, user).not.toContain(secret.slice(0, 30));
    }
    for (const written of [NOTE_1, NOTE_2, PLAN, HAPPENED]) expect(cairn.logs.text).not.toContain(written);
  });
});
