import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import { ACTION, FORM } from '../../src/core/contract/ids.js';
import type { Group } from '../../src/core/domain/group.js';
import {
  guideEdits,
  guideMessage,
  guideText,
  MINUTE,
  pressGuide,
  runningGuide,
  selectedCase,
  startGuide,
} from '../support/guide.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';
import { button, said, shown } from '../support/scenario.js';

const SPACE = 'C-LYON';
const TITLE = 'How can I hand over the night shift without losing the team?';

let h: Harness;
let facilitator: MemoryUser;
let members: MemoryUser[];
let alice: MemoryUser;
let group: Group;

/** Alice's case selected for the session of Thursday 5 March 2026, 14:00–17:00 in Paris (13:00–16:00 UTC). */
beforeEach(async () => {
  h = await createHarness({ start: '2026-03-02T08:00:00Z' });
  const set = await setUpGroup(h, { language: 'en' });
  facilitator = set.facilitator;
  members = set.users;
  alice = members[0]!;
  group = set.group;
  await scheduleSession(facilitator, SPACE, '2026-03-05', '14:00');
  await selectedCase(h, alice, facilitator, TITLE);
  await h.advanceTo('2026-03-05T12:30:00Z', 24 * 3_600_000);
});
afterEach(() => h.close());

const directTexts = (user: MemoryUser) => user.directs.map(messageText);

describe('the session guide, a whole session on the memory platform', () => {
  it('runs the six steps with a live countdown, the request, the prompts, and ends as a record', async () => {
    const started = await startGuide(h, facilitator, SPACE);
    expect(started.kind).toBe('form.done');
    expect(said(facilitator)).toBe(`The guide has started in the group’s space: “${TITLE}”.`);
    expect(h.platform.postsIn(SPACE).filter((m) => /Session guide/.test(messageText(m)))).toHaveLength(1);

    // The session, the case, its client by name, the six steps with their minutes, the current one.
    let live = guideText(h, SPACE);
    expect(live).toContain(`Session guide — “${TITLE}”`);
    expect(live).toContain('Session of Thursday 5 March 2026 at 14:00 · Client: Alice Martin');
    expect(live).toContain(
      [
        '▶ 1. Presentation · 10 min',
        '◦ 2. Clarification questions · 10 min',
        '◦ 3. Contract · 5 min',
        '◦ 4. Consultation · 25 min',
        '◦ 5. Action plan · 15 min',
        '◦ 6. What we learned · 10 min',
      ].join('\n'),
    );
    expect(live).toContain('▶ Step 1/6 — Presentation — 10 min left');
    expect(live).toContain('The client presents the situation; the others listen without interrupting.');
    expect(buttonsOf(guideMessage(h, SPACE)).map((b) => b.label)).toEqual([
      'Next step',
      '+5 min',
      'Pause',
      'End',
    ]);

    // Minute by minute, the same message is edited.
    await h.advance(3 * MINUTE, MINUTE);
    expect(guideText(h, SPACE)).toContain('Presentation — 7 min left');
    expect(guideEdits(h, SPACE)).toBe(3);
    expect(h.platform.postsIn(SPACE).filter((m) => /Session guide/.test(messageText(m)))).toHaveLength(1);

    // A member's press: a private word, nothing changed.
    const bruno = members[1]!;
    const before = guideText(h, SPACE);
    await pressGuide(h, bruno, SPACE, ACTION.guideNext);
    expect(said(bruno)).toBe('Only the facilitator leads the session.');
    await h.run();
    expect(guideText(h, SPACE)).toBe(before);
    expect(runningGuide(h, group.id).step).toBe(0);

    // Over time, then the next step.
    await h.advance(8 * MINUTE, MINUTE);
    expect(guideText(h, SPACE)).toContain('Presentation — 1 min over');
    await pressGuide(h, facilitator, SPACE, ACTION.guideNext);
    expect(facilitator.lastReply).toEqual({ kind: 'none' });
    await h.run();
    live = guideText(h, SPACE);
    expect(live).toContain('✓ 1. Presentation · 10 min — done in 11 min');
    expect(live).toContain('▶ Step 2/6 — Clarification questions — 10 min left');
    expect(live).toContain('Questions only, no advice yet.');

    // A second press of the same (stale) Next button moves nothing.
    await facilitator.press(
      { action: ACTION.guideNext, value: `${runningGuide(h, group.id).id}:0` },
      { in: SPACE },
    );
    expect(runningGuide(h, group.id).step).toBe(1);

    // +5 min, then a pause that stops the countdown (and costs no edit).
    await pressGuide(h, facilitator, SPACE, ACTION.guideExtend);
    await h.run();
    expect(guideText(h, SPACE)).toContain('▶ 2. Clarification questions · 15 min');
    expect(guideText(h, SPACE)).toContain('Clarification questions — 15 min left');
    await h.advance(2 * MINUTE, MINUTE);
    await pressGuide(h, facilitator, SPACE, ACTION.guidePause);
    await h.run();
    expect(guideText(h, SPACE)).toContain('Clarification questions — paused (13 min left)');
    const editsPaused = guideEdits(h, SPACE);
    await h.advance(5 * MINUTE, MINUTE);
    expect(guideEdits(h, SPACE)).toBe(editsPaused);
    expect(button(guideMessage(h, SPACE), ACTION.guidePause).label).toBe('Resume');
    await pressGuide(h, facilitator, SPACE, ACTION.guidePause);
    await h.advance(3 * MINUTE, MINUTE);
    expect(guideText(h, SPACE)).toContain('Clarification questions — 10 min left');

    // Contract: the client records their request; another member may not.
    await pressGuide(h, facilitator, SPACE, ACTION.guideNext);
    await h.run();
    expect(guideText(h, SPACE)).toContain('▶ Step 3/6 — Contract — 5 min left');
    await pressGuide(h, bruno, SPACE, ACTION.guideRequest);
    expect(said(bruno)).toBe('Only the facilitator or the client can record the client’s request.');
    await pressGuide(h, alice, SPACE, ACTION.guideRequest);
    expect(alice.form?.id).toBe(FORM.guideRequest);
    const tooLong = await alice.submit({ request: 'x'.repeat(301) });
    expect(tooLong.kind).toBe('form.errors');
    await alice.submit({ request: 'Help me find the words for the first team meeting.' });
    expect(said(alice)).toBe('Recorded: the request is shown in the guide.');
    await h.run();
    expect(guideText(h, SPACE)).toContain(
      'The client’s request: “Help me find the words for the first team meeting.”',
    );
    const c = h.store.cases.get(runningGuide(h, group.id).caseId)!;
    expect(c.clientRequest).toBe('Help me find the words for the first team meeting.');
    // It belongs with the case: the client's export has it.
    await alice.command('my-data');
    await h.run();
    const exported = JSON.parse(alice.directs.at(-1)!.attachment!.content) as {
      cases: { clientRequest: string }[];
    };
    expect(exported.cases[0]?.clientRequest).toBe('Help me find the words for the first team meeting.');

    // Consultation, then action plan: the client gets the action-plan prompt privately.
    await pressGuide(h, facilitator, SPACE, ACTION.guideNext);
    await h.advance(20 * MINUTE, 10 * MINUTE);
    expect(guideText(h, SPACE)).toContain('Consultation — 5 min left');
    expect(guideText(h, SPACE)).toContain('The client’s request: “Help me find the words');
    const aliceDirects = alice.directs.length;
    await pressGuide(h, facilitator, SPACE, ACTION.guideNext);
    await h.run();
    expect(alice.directs).toHaveLength(aliceDirects + 1);
    expect(messageText(alice.directs.at(-1)!)).toContain(`Your action plan for "${TITLE}"`);
    expect(members.slice(1).every((m) => !directTexts(m).some((t) => t.includes('action plan')))).toBe(true);

    // What we learned: every member gets the "what do I take away" prompt, the facilitator does not.
    await pressGuide(h, facilitator, SPACE, ACTION.guideNext);
    await h.run();
    for (const m of members)
      expect(directTexts(m).filter((t) => t.includes('What do I take away from this session?'))).toHaveLength(
        1,
      );
    expect(directTexts(facilitator).some((t) => t.includes('What do I take away'))).toBe(false);
    // The last step has no Next step.
    expect(buttonsOf(guideMessage(h, SPACE)).map((b) => b.action)).not.toContain(ACTION.guideNext);
    const guideId = runningGuide(h, group.id).id;
    const oldNext = { action: ACTION.guideNext, value: `${guideId}:5` };

    // End: the record, the case presented, the synthesis button privately.
    await h.advance(6 * MINUTE, MINUTE);
    await pressGuide(h, facilitator, SPACE, ACTION.guideEnd);
    expect(said(facilitator)).toBe(
      'The guide has ended: the case is marked presented, and Cairn is sending you a button to write the synthesis.',
    );
    await h.run();
    const record = guideMessage(h, SPACE);
    expect(buttonsOf(record)).toEqual([]);
    expect(shown(record)).toContain(`Session guide — “${TITLE}” (ended)`);
    expect(shown(record)).toContain(
      [
        '1. Presentation: 11 min (planned 10 min)',
        '2. Clarification questions: 5 min (planned 10 min)',
        '3. Contract: 0 min (planned 5 min)',
        '4. Consultation: 20 min (planned 25 min)',
        '5. Action plan: 0 min (planned 15 min)',
        '6. What we learned: 6 min (planned 10 min)',
      ].join('\n'),
    );
    expect(shown(record)).toContain('Total: 42 min.');
    expect(h.store.cases.get(c.id)?.status).toBe('presented');
    expect(h.store.guides.get(guideId)).toMatchObject({ status: 'ended', endedBy: 'facilitator' });
    expect(h.platform.postsIn(SPACE).filter((m) => /Session guide/.test(messageText(m)))).toHaveLength(1);

    // A button of the ended guide: a clear message, nothing changed.
    const edits = guideEdits(h, SPACE);
    await facilitator.press(oldNext, { in: SPACE });
    expect(said(facilitator)).toBe('This guide has ended: its buttons no longer change anything.');
    await h.run();
    expect(guideEdits(h, SPACE)).toBe(edits);

    // The synthesis form opens with the session and the case.
    const prompt = facilitator.directs.at(-1)!;
    expect(messageText(prompt)).toContain(`The guide of “${TITLE}” (Groupe Lyon) has ended.`);
    await facilitator.press(button(prompt, ACTION.guideSynthesis));
    const form = facilitator.form!;
    expect(form.id).toBe(FORM.synthesis);
    const session = h.store.sessions.get(h.store.guides.get(guideId)!.sessionId)!;
    expect(form.fields.find((f) => f.id === 'session')?.initial).toBe(session.id);
    expect(form.fields.find((f) => f.id === 'groups')?.initial).toEqual([group.id]);
    expect(form.fields.find((f) => f.id === 'themes')?.initial).toBe(TITLE);
    // Members cannot open it.
    await alice.press(button(prompt, ACTION.guideSynthesis));
    expect(said(alice)).toBe('Only the group’s facilitator can do this.');
    // The logs (at trace level) hold ids and codes only.
    for (const written of [TITLE, 'Help me find the words', 'Alice Martin'])
      expect(h.logs.text).not.toContain(written);
    expect(h.logs.text).toContain('guide started');
  });

  it('speaks French in a French group, and the durations follow the group’s set-up', async () => {
    await facilitator.command('setup', { in: SPACE });
    const setup = facilitator.form!;
    const fieldIds = setup.fields.map((f) => f.id);
    const guideFields = fieldIds.filter((id) => id.startsWith('guide'));
    expect(guideFields).toEqual([
      'guideExpose',
      'guideClarification',
      'guideContract',
      'guideConsultation',
      'guideActionPlan',
      'guideLearned',
    ]);
    // Kept together, at the end of the form.
    expect(fieldIds.slice(-6)).toEqual(guideFields);
    const bad = await facilitator.submit({ language: 'fr', guideExpose: '500' });
    expect(bad.kind).toBe('form.errors');
    expect(facilitator.formErrors.guideExpose).toBeTruthy();
    await facilitator.submit({ language: 'fr', guideExpose: '15', guideConsultation: '30' });
    expect(h.store.groups.get(group.id)?.guideMinutes).toEqual([15, 10, 5, 30, 15, 10]);

    await facilitator.command('language fr');
    await facilitator.command('animer', { in: SPACE });
    expect(facilitator.form?.title).toBe('Animer la séance');
    expect(facilitator.form?.fields[0]).toMatchObject({
      id: 'case',
      kind: 'select',
      options: [{ label: `★ Alice Martin — ${TITLE}` }],
    });
    await facilitator.submit({});
    await h.run();
    const live = guideText(h, SPACE);
    expect(live).toContain(`Guide de séance — « ${TITLE} »`);
    expect(live).toContain('Séance du jeudi 5 mars 2026 à 14:00 · Client : Alice Martin');
    expect(live).toContain('▶ 1. Exposé · 15 min');
    expect(live).toContain('◦ 4. Consultation · 30 min');
    expect(live).toContain('▶ Étape 1/6 — Exposé — reste 15 min');
    expect(live).toContain('Le client expose sa situation ; les autres écoutent sans l’interrompre.');
    expect(buttonsOf(guideMessage(h, SPACE)).map((b) => b.label)).toEqual([
      'Étape suivante',
      '+5 min',
      'Pause',
      'Terminer',
    ]);
    await pressGuide(h, members[1]!, SPACE, ACTION.guidePause);
    expect(said(members[1]!)).toBe('Seul·e l’animateur·rice mène la séance.');
  });
});
