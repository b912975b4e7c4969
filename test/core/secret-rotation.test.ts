import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryPlatform } from '../../adapters/memory/platform.js';
import { ACTION, FORM } from '../../src/core/contract/ids.js';
import { participationCount, replyLine, scores, tallyTotal } from '../support/checkins.js';
import { createHarness, type Harness, HOUR, setUpGroup } from '../support/harness.js';

/**
 * CAIRN_SECRET changed, the old one given as CAIRN_SECRET_PREVIOUS: what was sealed before the change
 * still opens (until forms expire), and a check-in round open across the change still refuses a second
 * answer. Without CAIRN_SECRET_PREVIOUS, what the old secret sealed is refused.
 */
const OLD = 'the-secret-before-the-rotation-000000000';
const NEW = 'the-secret-after-the-rotation-1111111111';
const ALREADY = 'Vous avez déjà répondu à ce point d’étape : rien n’a été compté une seconde fois.';
const EXPIRED =
  'Ce formulaire a expiré ou n’est plus valide : ouvrez-le à nouveau (relancez la commande ou le bouton).';

let dir: string;
let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('secret rotation (CAIRN_SECRET_PREVIOUS)', () => {
  it('forms sealed before the rotation still open; an open round still refuses a second answer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-rotation-'));
    const platform = new MemoryPlatform();
    h = await createHarness({ dir, platform, secret: OLD, start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h);
    const [alice, bruno, chloe] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]];
    await facilitator.command('checkin open', { in: space });
    await h.run();
    const round = h.store.checkins.openRoundOf(group.id)!;

    // Before the rotation: Alice opens the form twice and answers with the first; Bruno opens it.
    await alice.press({ action: ACTION.checkinOpen, value: round.id });
    const aliceSpare = alice.form!.state;
    await alice.press({ action: ACTION.checkinOpen, value: round.id });
    await alice.submit(scores(2));
    expect(tallyTotal(h, round.id)).toBe(1);
    await bruno.press({ action: ACTION.checkinOpen, value: round.id });
    await chloe.press({ action: ACTION.checkinOpen, value: round.id });
    h.close();

    // Restarted with a new secret and the previous one.
    h = await createHarness({
      dir,
      platform,
      secret: NEW,
      previousSecret: OLD,
      start: '2026-03-02T09:00:00Z',
    });
    // Alice cannot answer again: not from the button, nor with the form she kept.
    expect(replyLine(await alice.press({ action: ACTION.checkinOpen, value: round.id }))).toBe(ALREADY);
    const again = await alice.submit(scores(5), { formId: FORM.checkin, state: aliceSpare });
    expect(replyLine(again)).toBe(ALREADY);
    // Bruno's form, sealed with the old secret, still works.
    await bruno.submit(scores(4));
    expect(tallyTotal(h, round.id)).toBe(2);
    // Tokens written from now on are under the new secret only; one per person who answered.
    expect(participationCount(h, round.id)).toBe(2);
    h.close();

    // Without CAIRN_SECRET_PREVIOUS, what the old secret sealed no longer opens.
    h = await createHarness({ dir, platform, secret: NEW, start: '2026-03-02T10:00:00Z' });
    expect(replyLine(await chloe.submit(scores(3)))).toBe(EXPIRED);
    expect(tallyTotal(h, round.id)).toBe(2);
  });

  it('a form sealed before the rotation expires like any other, a day after it was opened', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-rotation-'));
    const platform = new MemoryPlatform();
    h = await createHarness({ dir, platform, secret: OLD, start: '2026-03-02T08:00:00Z' });
    const { space, facilitator } = await setUpGroup(h);
    await facilitator.command('session', { in: space });
    h.close();
    h = await createHarness({
      dir,
      platform,
      secret: NEW,
      previousSecret: OLD,
      start: new Date(Date.parse('2026-03-02T08:00:00Z') + 25 * HOUR).toISOString(),
    });
    await facilitator.submit({ date: '2026-03-24', time: '14:00', place: 'Salle Rhône' });
    expect(replyLine(facilitator.lastReply)).toBe(EXPIRED);
    expect(h.db.sqlite.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
  });
});
