import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemoryUser } from '../../adapters/memory/platform.js';
import { ACTION, FORM } from '../../src/core/contract/ids.js';
import type { CheckinRound } from '../../src/core/domain/checkin.js';
import { createSecrets } from '../../src/host/secrets.js';
import {
  answer,
  openRoundOf,
  participationCount,
  replyLine,
  scores,
  tallyRows,
} from '../support/checkins.js';
import { createHarness, type Harness, setUpGroup } from '../support/harness.js';

const SECRET = 'bad-input-secret-long-enough-for-cairn';
let h: Harness;
let alice: MemoryUser;
let bruno: MemoryUser;
let facilitator: MemoryUser;
let space: string;
let round: CheckinRound;
let roundB: CheckinRound;

beforeEach(async () => {
  h = await createHarness({ secret: SECRET, start: '2026-03-02T08:00:00Z' });
  const a = await setUpGroup(h, { language: 'en' });
  ({ facilitator, space } = a);
  [alice, bruno] = a.users as [MemoryUser, MemoryUser];
  const b = await setUpGroup(h, {
    space: 'C-B',
    name: 'Group B',
    language: 'en',
    facilitator: ['U-FAC-B', 'Fabien B'],
    members: [
      ['U-B1', 'Bea Un'],
      ['U-B2', 'Ben Deux'],
      ['U-B3', 'Bob Trois'],
    ],
  });
  await facilitator.command('checkin open', { in: space });
  await b.facilitator.command('checkin open', { in: 'C-B' });
  await h.run();
  round = openRoundOf(h, a.group.id);
  roundB = openRoundOf(h, b.group.id);
});
afterEach(() => h.close());

const snapshot = () => ({
  a: tallyRows(h, round.id),
  b: tallyRows(h, roundB.id),
  tokens: participationCount(h),
});

describe('bad input on check-ins: a clear message, nothing counted', () => {
  it('out-of-range, non-numeric and missing answers are field errors', async () => {
    const before = snapshot();
    await alice.press({ action: ACTION.checkinOpen, value: round.id });
    const form = alice.form!;
    for (const bad of ['0', '6', 'abc', '2.5', '-1', '1e0', ' 7 ']) {
      alice.form = form;
      const reply = await alice.submit({ ...scores(3), overall: bad });
      expect(reply).toEqual({ kind: 'form.errors', errors: { overall: 'Choose a score from 1 to 5.' } });
    }
    alice.form = form;
    const missing = await alice.submit({ workload: '3', support: '', perspective: '4' });
    expect(missing.kind).toBe('form.errors');
    const errors = (missing as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(['overall', 'support']);
    expect(errors.support).toBe('This field is required.');
    // A list where a single value is expected.
    alice.form = form;
    const listed = await alice.submit({ ...scores(3), workload: ['1', '5'] } as never);
    expect(listed.kind).toBe('form.errors');
    expect(snapshot()).toEqual(before);

    // After all that, a valid answer still counts once.
    alice.form = form;
    expect((await alice.submit(scores(3))).kind).toBe('form.done');
    expect(snapshot().tokens).toBe(before.tokens + 1);
  });

  it('answering twice is refused without counting', async () => {
    await answer(alice, round.id, scores(2));
    const before = snapshot();
    const again = await alice.press({ action: ACTION.checkinOpen, value: round.id });
    expect(replyLine(again)).toBe('You have already answered this check-in: nothing was counted twice.');
    // A form state captured earlier, replayed.
    const state = h.platform.as('U-ALICE').replies.find((r) => r.kind === 'form')!;
    const replay = await alice.submit(scores(5), {
      formId: FORM.checkin,
      state: (state as { form: { state: string } }).form.state,
    });
    expect(replyLine(replay)).toBe('You have already answered this check-in: nothing was counted twice.');
    expect(snapshot()).toEqual(before);
  });

  it('a closed round, or one past its closing time, refuses the answer', async () => {
    // The form is opened an hour before the closing time (a form stays valid for a day).
    h.clock.set(new Date(round.closesAt.getTime() - 3_600_000));
    await alice.press({ action: ACTION.checkinOpen, value: round.id });
    const form = alice.form!;
    // The closing time passes before the scheduler has closed it.
    h.clock.set(new Date(round.closesAt.getTime() + 60_000));
    const late = await alice.submit(scores(4));
    expect(replyLine(late)).toBe('This check-in is closed: your answer was not recorded.');
    expect(replyLine(await bruno.press({ action: ACTION.checkinOpen, value: round.id }))).toBe(
      'This check-in is closed: your answer was not recorded.',
    );
    await h.run();
    expect(h.store.checkins.getRound(round.id)?.status).toBe('closed');
    alice.form = form;
    const closed = await alice.submit(scores(4));
    expect(replyLine(closed)).toBe('This check-in is closed: your answer was not recorded.');
    expect(tallyRows(h, round.id)).toEqual([]);
  });

  it('forged form states: another user’s, tampered, or for a round of another group', async () => {
    const before = snapshot();
    await alice.press({ action: ACTION.checkinOpen, value: round.id });
    const aliceState = alice.form!.state;

    // Bruno submits Alice's sealed state: refused (the seal names Alice).
    const stolen = await bruno.submit(scores(1), { formId: FORM.checkin, state: aliceState });
    expect(replyLine(stolen)).toBe(
      'This form has expired or is no longer valid: open it again (run the command or press the button again).',
    );

    // Tampered: one character of the body changed, or the seal cut off, or no state at all.
    const [body, mac] = aliceState.split('.') as [string, string];
    const flipped = `${body.slice(0, -2)}${body.at(-2) === 'A' ? 'B' : 'A'}${body.at(-1)}.${mac}`;
    for (const state of [flipped, body, `${body}.`, '', 'x.y', `${body}.${mac}x`]) {
      const reply = await alice.submit(scores(1), { formId: FORM.checkin, state });
      expect(replyLine(reply)).toBe(
        'This form has expired or is no longer valid: open it again (run the command or press the button again).',
      );
    }

    // A validly sealed state (as if Cairn had issued it) for a round of a group Alice is not in.
    const sealed = createSecrets(SECRET).seal(
      JSON.stringify({ u: 'U-ALICE', t: h.clock.now().getTime(), s: { roundId: roundB.id } }),
    );
    const other = await alice.submit(scores(1), { formId: FORM.checkin, state: sealed });
    expect(replyLine(other)).toBe('No check-in is open.');
    // Or for a round that does not exist.
    const ghost = createSecrets(SECRET).seal(
      JSON.stringify({ u: 'U-ALICE', t: h.clock.now().getTime(), s: { roundId: 'nope' } }),
    );
    expect(replyLine(await alice.submit(scores(1), { formId: FORM.checkin, state: ghost }))).toBe(
      'No check-in is open.',
    );
    // Pressing "Answer" with B's round id.
    expect(replyLine(await alice.press({ action: ACTION.checkinOpen, value: roundB.id }))).toBe(
      'No check-in is open.',
    );
    // An unknown form id.
    expect(replyLine(await alice.submit(scores(1), { formId: 'checkin2', state: aliceState }))).toBe(
      'This form is not recognised. Run the command again.',
    );
    expect(snapshot()).toEqual(before);

    // The genuine form still works afterwards.
    alice.form = undefined;
    const ok = await answer(alice, round.id, scores(2));
    expect(ok.submitted?.kind).toBe('form.done');
  });

  it('facilitators and outsiders cannot answer', async () => {
    const before = snapshot();
    expect(replyLine(await facilitator.press({ action: ACTION.checkinOpen, value: round.id }))).toBe(
      'No check-in is open.',
    );
    const outsider = h.platform.addUser('U-OUT', 'Olivier Dehors');
    const reply = await outsider.press({ action: ACTION.checkinOpen, value: round.id });
    expect(reply.kind).toBe('message');
    expect(h.store.people.findByUserRef('memory', 'U-OUT')).toBeUndefined();
    // Someone who left the group after opening the form.
    await alice.press({ action: ACTION.checkinOpen, value: round.id });
    await h.platform.leave(space, 'U-ALICE');
    // She is in no group any more: Cairn answers in its default language (French).
    expect(replyLine(await alice.submit(scores(3)))).toBe('Aucun point d’étape ouvert.');
    expect(snapshot()).toEqual(before);
  });
});
