import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemoryUser } from '../../adapters/memory/platform.js';
import { ACTION, FORM } from '../../src/core/contract/ids.js';
import type { Group } from '../../src/core/domain/group.js';
import { guideEdits, MINUTE, pressGuide, runningGuide, selectedCase, startGuide } from '../support/guide.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';
import { said } from '../support/scenario.js';

const SPACE = 'C-LYON';
const TITLE = 'How can I say no to my manager?';

let h: Harness;
let facilitator: MemoryUser;
let members: MemoryUser[];
let group: Group;
let caseId: string;

/** What a refused request must leave as it was: every table's rows. */
function snapshot(): Record<string, number> {
  const tables = h.db.sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (h.db.sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]),
  );
}

beforeEach(async () => {
  h = await createHarness({ start: '2026-03-02T08:00:00Z' });
  const set = await setUpGroup(h, { language: 'en' });
  ({ facilitator, group } = set);
  members = set.users;
  await scheduleSession(facilitator, SPACE, '2026-03-05', '14:00');
  caseId = await selectedCase(h, members[0]!, facilitator, TITLE);
});
afterEach(() => h.close());

describe('the session guide refuses what it must, and changes nothing', () => {
  it('outside a session’s window: before 30 minutes ahead of its start, and after its end', async () => {
    await h.advanceTo('2026-03-05T12:29:00Z', 24 * 3_600_000);
    const before = snapshot();
    await facilitator.command('guide', { in: SPACE });
    expect(said(facilitator)).toBe(
      'No session now: the guide opens 30 minutes before a session starts and stays open until it ends.',
    );
    expect(facilitator.form).toBeUndefined();
    // 13:30 in Paris: open.
    h.clock.set('2026-03-05T12:30:00Z');
    await facilitator.command('guide', { in: SPACE });
    expect(facilitator.form?.id).toBe(FORM.guideStart);
    // A form kept open past the session's end starts nothing.
    h.clock.set('2026-03-05T16:00:01Z');
    await facilitator.submit({});
    expect(said(facilitator)).toBe(
      'No session now: the guide opens 30 minutes before a session starts and stays open until it ends.',
    );
    await h.run();
    expect(snapshot()).toEqual(before);
    await facilitator.command('animer', { in: SPACE });
    expect(said(facilitator)).toContain('No session now');
    // A cancelled session opens no window.
    h.clock.set('2026-03-05T12:40:00Z');
    h.store.sessions.update({
      ...h.store.sessions.get(h.store.cases.get(caseId)!.sessionId!)!,
      status: 'cancelled',
    });
    await facilitator.command('guide', { in: SPACE });
    expect(said(facilitator)).toContain('No session now');
  });

  it('in a direct conversation, by a member, by someone outside the group, or where no group is set up', async () => {
    await h.advanceTo('2026-03-05T12:45:00Z', 24 * 3_600_000);
    const before = snapshot();
    await facilitator.command('guide');
    expect(said(facilitator)).toBe(
      'Run "guide" in the group’s space (its private channel or group chat), during a session.',
    );
    const alice = members[0]!;
    await alice.command('guide', { in: SPACE });
    expect(said(alice)).toBe('Only the group’s facilitator can do this.');
    expect(alice.form).toBeUndefined();
    const stranger = h.platform.addUser('U-X', 'Xavier Inconnu');
    await stranger.command('guide', { in: SPACE });
    expect(said(stranger)).toBe('This group does not exist, or you are not in it.');
    h.platform.addSpace('C-OTHER', ['U-FAC']);
    await facilitator.command('guide', { in: 'C-OTHER' });
    expect(said(facilitator)).toContain('not a Cairn group’s space yet');
    await h.run();
    expect(snapshot()).toEqual(before);
  });

  it('a withdrawn case cannot be started; with no case left, the command says so', async () => {
    await h.advanceTo('2026-03-05T12:35:00Z', 24 * 3_600_000);
    await facilitator.command('guide', { in: SPACE });
    const form = facilitator.form!;
    expect(form.fields[0]).toMatchObject({ id: 'case', initial: caseId });
    // The author withdraws it (the session has not started) while the form is open.
    await members[0]!.press({ action: ACTION.caseWithdraw, value: caseId });
    expect(h.store.cases.get(caseId)?.status).toBe('withdrawn');
    const before = snapshot();
    await facilitator.submit({});
    expect(said(facilitator)).toBe(
      'This case cannot be presented: it was withdrawn by its author, or it has already been presented.',
    );
    await h.run();
    expect(snapshot()).toEqual(before);
    await facilitator.command('guide', { in: SPACE });
    expect(said(facilitator)).toBe(
      'No case to present: none is selected for this session and none is proposed.',
    );
    // A case id of another group, forged into the form: not found.
    const forged = await facilitator.submit(
      { case: 'not-a-case' },
      { formId: FORM.guideStart, state: form.state },
    );
    expect(forged.kind).toBe('form.done');
    expect(said(facilitator)).toBe('This case does not exist, or you cannot read it.');
    expect(snapshot()).toEqual(before);
  });

  it('a case whose guide runs before its session starts can no longer be withdrawn or edited by its author', async () => {
    await h.advanceTo('2026-03-05T12:35:00Z', 24 * 3_600_000);
    await startGuide(h, facilitator, SPACE);
    const alice = members[0]!;
    const before = snapshot();
    const edits = guideEdits(h, SPACE);
    // The session starts at 13:00 UTC: without the guide, the author could still withdraw or edit it.
    await alice.press({ action: ACTION.caseWithdraw, value: caseId });
    expect(said(alice)).toBe(
      'This case can no longer be changed: its session has started, or it was presented or withdrawn.',
    );
    await alice.press({ action: ACTION.caseEdit, value: caseId });
    expect(said(alice)).toBe(
      'This case can no longer be changed: its session has started, or it was presented or withdrawn.',
    );
    expect(alice.form).toBeUndefined();
    expect(h.store.cases.get(caseId)?.status).toBe('selected');
    await h.run();
    expect(snapshot()).toEqual(before);
    expect(guideEdits(h, SPACE)).toBe(edits);
  });

  it('while its guide runs, the session cannot be cancelled or moved, nor its case postponed', async () => {
    await h.advanceTo('2026-03-05T12:35:00Z', 24 * 3_600_000);
    await startGuide(h, facilitator, SPACE);
    await scheduleSession(facilitator, SPACE, '2026-03-19', '14:00');
    const sessionId = runningGuide(h, group.id).sessionId;
    const before = snapshot();
    const edits = guideEdits(h, SPACE);
    // The session starts at 13:00 UTC: without the guide, a facilitator could still cancel or move it.
    await facilitator.press({ action: ACTION.sessionCancel, value: sessionId });
    expect(said(facilitator)).toBe(
      'The session guide is running for this session: end it (End, in the guide) before changing the session.',
    );
    await facilitator.press({ action: ACTION.sessionEdit, value: sessionId });
    expect(said(facilitator)).toBe(
      'The session guide is running for this session: end it (End, in the guide) before changing the session.',
    );
    expect(facilitator.form).toBeUndefined();
    await facilitator.press({ action: ACTION.caseMark, value: `${caseId}:postponed` });
    expect(said(facilitator)).toBe(
      'This case is being presented with the session guide: end the guide before postponing it.',
    );
    await h.run();
    expect(h.store.sessions.get(sessionId)?.status).toBe('scheduled');
    expect(h.store.cases.get(caseId)).toMatchObject({ status: 'selected', sessionId });
    expect(snapshot()).toEqual(before);
    expect(guideEdits(h, SPACE)).toBe(edits);
    // Ended, the session is the facilitator's to change again.
    await pressGuide(h, facilitator, SPACE, ACTION.guideEnd);
    await facilitator.press({ action: ACTION.sessionCancel, value: sessionId });
    expect(h.store.sessions.get(sessionId)?.status).toBe('cancelled');
  });

  it('a case selected for a past session and never marked can still be guided at the next one', async () => {
    await scheduleSession(facilitator, SPACE, '2026-03-19', '14:00');
    // The session of 5 March ran out of time: the case stayed "selected", nobody marked it.
    await h.advanceTo('2026-03-19T12:45:00Z', 24 * 3_600_000);
    expect(h.store.cases.get(caseId)?.status).toBe('selected');
    await facilitator.command('cases');
    expect(said(facilitator)).toContain(TITLE);
    await facilitator.command('guide', { in: SPACE });
    const field = facilitator.form?.fields[0];
    const options = field?.kind === 'select' ? field.options.map((o) => o.value) : [];
    expect(options).toContain(caseId);
    await facilitator.submit({ case: caseId });
    await h.run();
    const g = runningGuide(h, group.id);
    expect(g.caseId).toBe(caseId);
    expect(h.store.cases.get(caseId)?.sessionId).toBe(g.sessionId);
  });

  it('two guides at once in one space: the second is refused, by the command and by a form opened before', async () => {
    await selectedCase(h, members[1]!, facilitator, 'How can I delegate more?');
    await h.advanceTo('2026-03-05T12:35:00Z', 24 * 3_600_000);
    // A second facilitator opens the form too.
    await facilitator.command('setup', { in: SPACE });
    await facilitator.submit({ facilitators: ['U-FAC', 'U-EMMA'] });
    await h.run();
    const emma = members[4]!;
    await emma.command('guide', { in: SPACE });
    expect(emma.form?.id).toBe(FORM.guideStart);
    await startGuide(h, facilitator, SPACE);
    const before = snapshot();
    await emma.submit({});
    expect(said(emma)).toBe('A guide is already running in this space: end it before starting another one.');
    await facilitator.command('guide', { in: SPACE });
    expect(said(facilitator)).toBe(
      'A guide is already running in this space: end it before starting another one.',
    );
    await h.run();
    expect(snapshot()).toEqual(before);
    // The database holds the rule too: a second running guide for the group is not stored.
    const running = runningGuide(h, group.id);
    expect(h.store.guides.insert({ ...running, id: 'another', postId: 'x' })).toBe(false);
    // Emma, a facilitator, leads it as well.
    await pressGuide(h, emma, SPACE, ACTION.guideNext);
    expect(runningGuide(h, group.id).step).toBe(1);
  });

  it('buttons: a member’s press, an outsider’s, a forged id, and the buttons of an ended guide change nothing', async () => {
    await h.advanceTo('2026-03-05T12:55:00Z', 24 * 3_600_000);
    await startGuide(h, facilitator, SPACE);
    const g = runningGuide(h, group.id);
    const bruno = members[1]!;
    const before = snapshot();
    const edits = guideEdits(h, SPACE);
    for (const action of [ACTION.guideNext, ACTION.guideExtend, ACTION.guidePause, ACTION.guideEnd]) {
      await pressGuide(h, bruno, SPACE, action);
      expect(said(bruno)).toBe('Only the facilitator leads the session.');
    }
    // Someone Cairn does not know (answered in the default language, French here).
    const outsider = h.platform.addUser('U-OUT', 'Olivier Dehors');
    await outsider.press({ action: ACTION.guideEnd, value: g.id });
    expect(said(outsider)).toBe('Ce groupe n’existe pas, ou vous n’en faites pas partie.');
    await facilitator.press({ action: ACTION.guideEnd, value: 'no-such-guide' });
    expect(said(facilitator)).toBe('This button is no longer valid.');
    await outsider.press({ action: ACTION.guideRequest, value: g.id });
    expect(said(outsider)).toBe('Ce groupe n’existe pas, ou vous n’en faites pas partie.');
    await outsider.press({ action: ACTION.guideSynthesis, value: g.id });
    expect(said(outsider)).toBe('Cette synthèse n’existe pas, ou vous n’y avez pas accès.');
    await h.run();
    expect(snapshot()).toEqual(before);
    expect(guideEdits(h, SPACE)).toBe(edits);
    expect(runningGuide(h, group.id)).toEqual(g);

    await pressGuide(h, facilitator, SPACE, ACTION.guideEnd);
    await h.run();
    const ended = snapshot();
    const endedEdits = guideEdits(h, SPACE);
    for (const [action, value] of [
      [ACTION.guideNext, `${g.id}:0`],
      [ACTION.guideExtend, `${g.id}:0`],
      [ACTION.guidePause, `${g.id}:pause`],
      [ACTION.guideEnd, g.id],
      [ACTION.guideRequest, g.id],
    ] as const) {
      await facilitator.press({ action, value }, { in: SPACE });
      expect(said(facilitator)).toBe('This guide has ended: its buttons no longer change anything.');
    }
    await h.advance(5 * MINUTE, MINUTE);
    expect(snapshot()).toEqual(ended);
    expect(guideEdits(h, SPACE)).toBe(endedEdits);
  });
});
