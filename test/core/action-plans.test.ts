import { afterEach, describe, expect, it } from 'vitest';
import { type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import { ACTION, FORM } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import { promptActionPlan } from '../../src/core/plans/prompt-action-plan.js';
import { createHarness, DAY, type Harness, HOUR, scheduleSession, setUpGroup } from '../support/harness.js';
import { button, countRows, proposeCase, replyText, said, shown } from '../support/scenario.js';

/** Action plans: who may write and read them, their follow-up, and what the next digest carries. */

let h: Harness;
afterEach(() => h?.close());

const personId = (ref: string) => h.store.people.findByUserRef('memory', ref)!.id;
const caseOf = (ref: string) => h.store.cases.listByAuthor(personId(ref))[0]!;
const prompts = (u: MemoryUser) => u.directs.filter((m) => m.fallbackText.startsWith('Your action plan'));
const followUps = (u: MemoryUser) => u.directs.filter((m) => m.fallbackText.startsWith('How did it go?'));
const lastMessage = (user: MemoryUser): Message => {
  const reply = user.lastReply;
  if (reply?.kind !== 'message') throw new Error(`not a message: ${JSON.stringify(reply)}`);
  return reply.message;
};

/** A group in English with sessions on 10 March, 7 April and 5 May, and a case each for Alice and Bruno. */
async function setUp() {
  h = await createHarness({ start: '2026-03-02T08:00:00Z' });
  const g = await setUpGroup(h, { language: 'en' });
  for (const date of ['2026-03-10', '2026-04-07', '2026-05-05'])
    await scheduleSession(g.facilitator, g.space, date);
  const [alice, bruno, chloe] = g.users as [MemoryUser, MemoryUser, MemoryUser];
  await proposeCase(alice, { title: 'How can I say no to my manager?', visibility: 'group' });
  await proposeCase(bruno, { title: 'How can I welcome a new deputy?' });
  return { ...g, alice, bruno, chloe };
}

/** Marks the case presented after its session; its author writes a plan through the prompt's button. */
async function presentAndPlan(
  g: Awaited<ReturnType<typeof setUp>>,
  author: MemoryUser,
  values: Record<string, string>,
) {
  await g.facilitator.press({ action: ACTION.caseMark, value: `${caseOf(author.userRef).id}:presented` });
  await h.run();
  await author.press(button(prompts(author).at(-1), ACTION.planWrite));
  await author.submit(values);
  expect(author.lastReply?.kind, JSON.stringify(author.formErrors)).toBe('form.done');
  return h.store.plans.getByCase(caseOf(author.userRef).id)!;
}

describe('action plans, in English', () => {
  it('the prompt: at once after the session, once, only to the author, never for a withdrawn case; the guide’s call is the same occurrence', async () => {
    const g = await setUp();
    const { alice, bruno, chloe, facilitator } = g;
    await h.advanceTo('2026-03-10T17:00:00Z', 6 * HOUR); // the session is over (14:00–17:00 in Paris)
    const aliceCase = caseOf('U-ALICE');
    // The session guide prompts first, inside its own transaction; marking presented then sends nothing more.
    expect(h.store.transaction(() => promptActionPlan(h.deps, aliceCase.id, h.clock.now()))).toBe(true);
    expect(promptActionPlan(h.deps, aliceCase.id, h.clock.now())).toBe(false);
    await facilitator.press({ action: ACTION.caseMark, value: `${aliceCase.id}:presented` });
    await h.advance(2 * DAY);
    expect(prompts(alice)).toHaveLength(1);
    expect(shown(prompts(alice)[0])).toBe(
      [
        'Your action plan',
        'You presented "How can I say no to my manager?" to the group Groupe Lyon. What will you try, with whom, and by when? On that date Cairn will ask you how it went.',
        '[Write my action plan]',
        'Your plan stays yours, unless you choose to show it.',
      ].join('\n'),
    );
    for (const u of [bruno, chloe, facilitator]) expect(prompts(u)).toEqual([]);

    // Marked after the session: at once.
    await facilitator.press({ action: ACTION.caseMark, value: `${caseOf('U-BRUNO').id}:presented` });
    await h.run();
    expect(prompts(bruno)).toHaveLength(1);

    // A withdrawn case gets nothing, whoever asks.
    await proposeCase(chloe, { title: 'A case withdrawn' });
    const withdrawn = h.store.cases.listByAuthor(personId('U-CHLOE'))[0]!;
    await chloe.press({ action: ACTION.caseWithdraw, value: withdrawn.id });
    expect(promptActionPlan(h.deps, withdrawn.id, h.clock.now())).toBe(false);
    await facilitator.press({ action: ACTION.caseMark, value: `${withdrawn.id}:presented` });
    await h.advance(DAY);
    expect(prompts(chloe)).toEqual([]);
  });

  it('bad input: someone else’s case, dates out of bounds, a report twice, someone else’s plan: a clear message, nothing changed', async () => {
    const g = await setUp();
    const { alice, bruno } = g;
    await bruno.command('plan');
    expect(said(bruno)).toBe(
      'You have no presented case yet: the action plan comes after presenting a case at a session.',
    );
    await h.advanceTo('2026-03-11T08:00:00Z', 6 * HOUR);
    const plan = await presentAndPlan(g, alice, { what: 'Ask for a one-to-one.', followUpOn: '2026-03-31' });
    expect(plan.followUpOn).toBe('2026-03-31');

    // Bruno, on Alice's case and plan.
    await bruno.press({ action: ACTION.planWrite, value: caseOf('U-ALICE').id });
    expect(said(bruno)).toBe('You can only write the action plan of a case you presented.');
    expect(bruno.form).toBeUndefined();
    await bruno.press({ action: ACTION.planWrite, value: 'no-such-case' });
    expect(said(bruno)).toBe('You can only write the action plan of a case you presented.');
    for (const action of [ACTION.planReport, ACTION.planPause, ACTION.planDismiss, ACTION.planResume]) {
      await bruno.press({ action, value: plan.id });
      expect(said(bruno)).toBe('This action plan does not exist, or it is not yours.');
    }
    await alice.command('plan');
    expect(alice.form?.id).toBe(FORM.plan);
    expect(alice.form?.title).toBe('Edit my action plan');
    await bruno.submit({ what: 'Hijacked' }, { formId: FORM.plan, state: alice.form!.state });
    expect(replyText(bruno.lastReply)).toBe(
      'This form has expired or is no longer valid: open it again (run the command or press the button again).',
    );
    expect(h.store.plans.get(plan.id)).toEqual(plan);

    // Dates: a day in the past, after the session after next, not a date.
    for (const [date, error] of [
      ['2026-03-10', 'This date has passed: choose today or later.'],
      ['2026-05-06', 'Too far: choose a date up to Tuesday 5 May 2026 (the session after next).'],
      ['31/03/2026', 'Give a date (YYYY-MM-DD).'],
    ] as const) {
      await alice.submit({ followUpOn: date });
      expect(alice.formErrors).toEqual({ followUpOn: error });
    }
    await alice.submit({ what: '', visibility: 'everyone' });
    expect(alice.formErrors).toEqual({
      what: 'This field is required.',
      visibility: 'Choose one of the options offered.',
    });
    expect(h.store.plans.get(plan.id)).toEqual(plan);
    // Today and the day of the session after next are fine.
    await alice.submit({ followUpOn: '2026-05-05' });
    expect(h.store.plans.get(plan.id)?.followUpOn).toBe('2026-05-05');
    expect(countRows(h, 'action_plans')).toBe(1);

    // Reported once: a second report, or the button again, changes nothing.
    await alice.press({ action: ACTION.planReport, value: plan.id });
    const form = alice.form!;
    await alice.submit({ outcome: 'tried', happened: '' });
    expect(alice.formErrors).toEqual({ happened: 'This field is required.' });
    await alice.submit({ outcome: 'tried', happened: 'It went well.' });
    alice.form = form;
    await alice.submit({ outcome: 'notYet', happened: 'Rewritten.' });
    expect(replyText(alice.lastReply)).toBe('You already told how it went: your report is kept as it was.');
    await alice.press({ action: ACTION.planReport, value: plan.id });
    expect(said(alice)).toBe('You already told how it went: your report is kept as it was.');
    expect(h.store.plans.get(plan.id)?.report).toMatchObject({ outcome: 'tried', happened: 'It went well.' });
  });

  it('edited after its date, or after the report: the date already chosen is kept, not refused as past', async () => {
    const g = await setUp();
    const { alice } = g;
    await h.advanceTo('2026-03-11T08:00:00Z', 6 * HOUR);
    const plan = await presentAndPlan(g, alice, { what: 'Say no once.', followUpOn: '2026-03-20' });
    await h.advanceTo('2026-03-21T08:00:00Z', 6 * HOUR);
    await alice.press(button(followUps(alice)[0], ACTION.planReport));
    await alice.submit({ outcome: 'tried', happened: 'I said no, kindly.', share: 'no' });
    // Later she lets the group read her plan: only who may read it changes.
    await alice.command('plan');
    await alice.submit({ visibility: 'group' });
    expect(alice.formErrors).toEqual({});
    expect(alice.lastReply?.kind).toBe('form.done');
    expect(h.store.plans.get(plan.id)).toMatchObject({ visibility: 'group', followUpOn: '2026-03-20' });
    // A new date in the past is still refused.
    await alice.command('plan');
    await alice.submit({ followUpOn: '2026-03-19' });
    expect(alice.formErrors).toEqual({ followUpOn: 'This date has passed: choose today or later.' });
    expect(h.store.plans.get(plan.id)?.followUpOn).toBe('2026-03-20');
  });

  it('resumed or saved once its date has passed: no promise of a follow-up that will not come', async () => {
    const g = await setUp();
    const { alice } = g;
    await h.advanceTo('2026-03-11T08:00:00Z', 6 * HOUR);
    const plan = await presentAndPlan(g, alice, { what: 'Say no once.', followUpOn: '2026-03-20' });
    await h.advanceTo('2026-03-20T09:00:00Z', 6 * HOUR);
    expect(followUps(alice)).toHaveLength(1);
    await alice.press(button(followUps(alice)[0], ACTION.planPause));
    await h.advanceTo('2026-03-22T09:00:00Z', 6 * HOUR);
    const passed =
      'The date you chose (Friday 20 March 2026) has passed: tell how it went whenever you like, or choose a new date with "plan".';
    // "Resume" from the home: the follow-up of the 20th was sent already; nothing more will come.
    await alice.press({ action: ACTION.planResume, value: plan.id });
    expect(said(alice)).toBe(`${passed}\n[Tell how it went]`);
    await alice.press(button(lastMessage(alice), ACTION.planReport, plan.id));
    expect(alice.form?.id).toBe(FORM.planReport);
    // Saved with its date unchanged: the same; with a new date, the usual promise.
    await alice.command('plan');
    await alice.submit({ support: 'A word from the group.' });
    expect(replyText(alice.lastReply)).toContain(passed);
    expect(replyText(alice.lastReply)).not.toContain('Cairn will ask you');
    await alice.command('plan');
    await alice.submit({ followUpOn: '2026-03-25' });
    expect(replyText(alice.lastReply)).toContain(
      'On Wednesday 25 March 2026 at 09:00, Cairn will ask you how it went.',
    );
    await h.advanceTo('2026-03-25T09:00:00Z', 6 * HOUR);
    expect(followUps(alice)).toHaveLength(2);
    // In French too.
    await alice.command('language fr');
    await alice.command('plan');
    await alice.submit({});
    expect(replyText(alice.lastReply)).toContain(
      'La date choisie (mercredi 25 mars 2026) est passée : racontez comment cela s’est passé quand vous voulez, ou choisissez une nouvelle date avec « plan ».',
    );
  });

  it('the follow-up: paused, resumed, dismissed; none once retention removed the case', async () => {
    const g = await setUp();
    const { alice, bruno, facilitator, space } = g;
    await h.advanceTo('2026-03-11T08:00:00Z', 6 * HOUR);
    const alicePlan = await presentAndPlan(g, alice, { what: 'Say no once.', followUpOn: '2026-03-20' });
    const brunoPlan = await presentAndPlan(g, bruno, {
      what: 'Plan a welcome day.',
      followUpOn: '2026-03-20',
    });

    // Alice pauses from her home: nothing on the date; she resumes, and moves the date: it comes then.
    await alice.command('plan');
    await alice.submit({ followUp: 'paused' });
    expect(replyText(alice.lastReply)).toContain('The follow-up is paused: resume it with "plan".');
    // Bruno stops it from the plan's form.
    await bruno.command('plan');
    await bruno.submit({ followUp: 'dismissed' });
    await h.advanceTo('2026-03-21T08:00:00Z', 6 * HOUR);
    expect(followUps(alice)).toEqual([]);
    expect(followUps(bruno)).toEqual([]);
    const home = h.core.home({
      platform: 'memory',
      userRef: 'U-ALICE',
      displayName: 'Alice Martin',
      workspace: 'W1',
    });
    expect(messageText(home)).toContain(
      'My action plan for "How can I say no to my manager?" (Friday 20 March 2026): follow-up paused.',
    );
    await alice.press(button(home, ACTION.planResume, alicePlan.id));
    // Its date has passed: no promise of "the planned date".
    expect(said(alice)).toMatch(/^The date you chose \(Friday 20 March 2026\) has passed/);
    await alice.command('plan');
    await alice.submit({ followUpOn: '2026-03-24' });
    await h.advanceTo('2026-03-24T08:00:00Z', 6 * HOUR);
    expect(followUps(alice)).toHaveLength(1);
    // "Not now" from the follow-up itself; she can still report from it.
    await alice.press(button(followUps(alice)[0], ACTION.planPause));
    expect(said(alice)).toMatch(/^The follow-up is paused\./);
    await alice.press(button(followUps(alice)[0], ACTION.planReport));
    expect(alice.form?.id).toBe(FORM.planReport);
    alice.form = undefined;
    expect(h.store.plans.get(brunoPlan.id)?.followUp).toBe('dismissed');

    // Retention: the group keeps cases 3 months after their session; the case and its plan go on 11 June,
    // and the follow-up planned after that never comes.
    await facilitator.command('setup', { in: space });
    await facilitator.submit({ retentionMonths: '3' });
    await h.advanceTo('2026-05-06T08:00:00Z', DAY);
    await alice.command('plan');
    await alice.submit({ followUp: 'active', followUpOn: '2026-06-15' });
    expect(h.store.plans.get(alicePlan.id)?.followUpOn).toBe('2026-06-15');
    await h.advanceTo('2026-06-10T08:00:00Z', DAY);
    expect(h.store.plans.get(alicePlan.id)).toBeDefined();
    await h.advanceTo('2026-06-11T08:00:00Z', DAY);
    expect(h.store.cases.get(alicePlan.caseId)).toBeUndefined();
    expect(h.store.plans.get(alicePlan.id)).toBeUndefined();
    await h.advanceTo('2026-06-16T08:00:00Z', DAY);
    expect(followUps(alice)).toHaveLength(1);
  });

  it('the digest carries each report as its author chose: in full, announced, or nothing; "me only" plans nowhere', async () => {
    const g = await setUp();
    const { alice, bruno, chloe, facilitator, users, space } = g;
    const david = users[3]!;
    await proposeCase(chloe, { title: 'How can I share the on-call duties?' });
    await proposeCase(david, { title: 'How can I end a long meeting?' });
    await h.advanceTo('2026-03-11T08:00:00Z', 6 * HOUR);
    const plans = {
      alice: await presentAndPlan(g, alice, {
        what: 'ALICE-PLAN-group',
        followUpOn: '2026-03-25',
        visibility: 'group',
      }),
      bruno: await presentAndPlan(g, bruno, { what: 'BRUNO-PLAN-me', followUpOn: '2026-03-25' }),
      chloe: await presentAndPlan(g, chloe, {
        what: 'CHLOE-PLAN-fac',
        followUpOn: '2026-03-25',
        visibility: 'facilitators',
      }),
      david: await presentAndPlan(g, david, { what: 'DAVID-PLAN-me', followUpOn: '2026-03-25' }),
    };
    await h.advanceTo('2026-03-25T08:00:00Z', 6 * HOUR);
    const report = async (u: MemoryUser, share: string, happened: string) => {
      await u.press(button(followUps(u)[0], ACTION.planReport));
      await u.submit({ outcome: 'partly', happened, learned: `${happened}-learned`, share });
    };
    await report(alice, 'group', 'ALICE-REPORT');
    await report(bruno, 'announce', 'BRUNO-REPORT');
    await report(chloe, 'facilitators', 'CHLOE-REPORT');
    await report(david, 'no', 'DAVID-REPORT');

    await h.advanceTo('2026-04-06T07:00:00Z', 12 * HOUR);
    const digest = facilitator.directs.at(-1)!;
    expect(digest.fallbackText).toMatch(/^Tomorrow’s session/);
    const text = shown(digest);
    expect(text.startsWith('Reports from previous clients\n')).toBe(true);
    expect(text).toContain('Alice Martin — "How can I say no to my manager?"');
    expect(text).toContain('Share it at the next session: With the group, at the session');
    expect(text).toContain('What happened\nALICE-REPORT');
    expect(text).toContain('What I will try\nALICE-PLAN-group');
    expect(text).toContain('Bruno Petit has a report to give at the session.');
    expect(text).toContain('What happened\nCHLOE-REPORT');
    expect(text).toContain('What I will try\nCHLOE-PLAN-fac');
    for (const hidden of ['BRUNO-REPORT', 'BRUNO-PLAN-me', 'DAVID', 'David Moreau'])
      expect(text).not.toContain(hidden);
    expect(text.indexOf('Reports from previous clients')).toBeLessThan(text.indexOf('Tomorrow’s cases'));

    // Who reads the plans: "whole group" in the case view and /cairn cases for members; "facilitators" for them.
    await chloe.command('cases');
    expect(shown(lastMessage(chloe))).toContain(
      'Alice Martin — "How can I say no to my manager?": ALICE-PLAN-group',
    );
    await chloe.press({ action: ACTION.caseView, value: plans.alice.caseId });
    expect(shown(lastMessage(chloe))).toContain('What I will try\nALICE-PLAN-group');
    await facilitator.command('cases', { in: space });
    const queue = shown(lastMessage(facilitator));
    expect(queue).toContain('ALICE-PLAN-group');
    expect(queue).toContain('CHLOE-PLAN-fac');
    expect(queue).not.toContain('BRUNO-PLAN-me');
    await facilitator.press({ action: ACTION.caseView, value: plans.bruno.caseId });
    expect(shown(lastMessage(facilitator))).not.toContain('BRUNO-PLAN-me');
    await alice.command('cases');
    expect(shown(lastMessage(alice))).not.toContain('CHLOE-PLAN-fac');
    expect(shown(lastMessage(alice))).not.toContain('BRUNO-PLAN-me');

    // my-data holds her notebook and plans; forget-me takes her plans and reports with her cases.
    await alice.command('my-data');
    await h.run();
    const data = JSON.parse(alice.directs.at(-1)!.attachment!.content);
    expect(data.actionPlans).toEqual([
      expect.objectContaining({
        case: 'How can I say no to my manager?',
        whatIWillTry: 'ALICE-PLAN-group',
        report: expect.objectContaining({ whatHappened: 'ALICE-REPORT', share: 'group' }),
      }),
    ]);
    await alice.command('forget-me');
    await alice.submit({ confirm: 'true' });
    expect(h.store.plans.get(plans.alice.id)).toBeUndefined();
    expect(countRows(h, 'action_plans')).toBe(3);
    // The next digest does not carry a report twice.
    await h.advanceTo('2026-05-04T07:00:00Z', DAY);
    expect(shown(facilitator.directs.at(-1))).not.toContain('Reports from previous clients');
  });
});
