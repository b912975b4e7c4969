import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../adapters/memory/platform.js';
import { DeliveryError } from '../../src/core/contract/chat-platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import { runCli } from '../../src/host/cli.js';
import { caseTexts, submitCase } from '../support/cases.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

const caseIdOf = (title: string) => {
  const found = h.db.sqlite.prepare('SELECT id FROM cases WHERE title = ?').get(title) as { id: string };
  return found.id;
};
const readsOf = (user: { directs: { fallbackText: string; blocks: unknown[] }[] }) =>
  user.directs.map((m) => messageText(m as never)).join('\n');

/**
 * Issue 16 §2: a case's text travels in the notifications to its facilitators. Before, a notification
 * waiting in the outbox (an outage, a retry, an operator's `outbox retry`) still went out after the case was
 * withdrawn, or to someone who was no longer a facilitator.
 */
describe('a withdrawn case stops travelling', () => {
  it('a notification waiting out a platform failure is not delivered once the case is withdrawn', async () => {
    h = await createHarness();
    const { space, facilitator, users } = await setUpGroup(h);
    const alice = users[0]!;
    const texts = caseTexts('Retrait-Attente');
    h.platform.failNext(new DeliveryError('transient', 'service unavailable'));
    await submitCase(alice, space, texts);
    await h.run();
    expect(readsOf(facilitator)).not.toContain(texts.situation);
    await alice.press({ action: ACTION.caseWithdraw, value: caseIdOf(texts.title) });
    h.clock.advance(60_000);
    await h.run();
    // The facilitator never heard of the case: neither its text nor its withdrawal.
    expect(readsOf(facilitator)).not.toContain(texts.situation);
    expect(readsOf(facilitator)).not.toContain(texts.title);
    expect(
      h.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE id LIKE 'case-submitted:%'").get(),
    ).toEqual({
      n: 0,
    });
  });

  it('a dead notification of a withdrawn case cannot be revived by the operator', async () => {
    h = await createHarness();
    const { space, facilitator, users } = await setUpGroup(h);
    const alice = users[0]!;
    const texts = caseTexts('Retrait-Mort');
    h.platform.failNext(new DeliveryError('permanent', 'user_not_found'));
    await submitCase(alice, space, texts);
    await h.run();
    expect(h.store.outbox.backlog().dead).toBe(1);
    await alice.press({ action: ACTION.caseWithdraw, value: caseIdOf(texts.title) });
    runCli(['outbox', 'retry', '--all'], h.store, () => {}, h.clock.now());
    h.clock.advance(60_000);
    await h.run();
    expect(readsOf(facilitator)).not.toContain(texts.situation);
  });

  it('a notification waiting for someone who stopped being facilitator is dropped when it would leave', async () => {
    h = await createHarness();
    const { space, facilitator, users } = await setUpGroup(h);
    const [alice, bruno] = users as [(typeof users)[0], (typeof users)[0]];
    await facilitator.command('setup', { in: space });
    await facilitator.submit({ facilitators: ['U-FAC', 'U-BRUNO'] } as never);
    await h.run();
    const texts = caseTexts('Ancien-Animateur');
    // Both facilitators' copies fail once; then Bruno is no longer a facilitator.
    h.platform.failNext(
      new DeliveryError('transient', 'service unavailable'),
      new DeliveryError('transient', 'service unavailable'),
    );
    await submitCase(alice, space, texts);
    await h.run();
    await facilitator.command('setup', { in: space });
    await facilitator.submit({ facilitators: ['U-FAC'] } as never);
    h.clock.advance(60_000);
    await h.run();
    expect(readsOf(facilitator)).toContain(texts.situation);
    expect(readsOf(bruno)).not.toContain(texts.situation);
    const dropped = h.db.sqlite
      .prepare(
        "SELECT status, last_error AS error FROM outbox WHERE id LIKE 'case-submitted:%' AND status != 'sent'",
      )
      .all();
    expect(dropped).toEqual([{ status: 'cancelled', error: 'recipient no longer facilitator' }]);
  });

  it('a digest waiting to leave is rewritten without the withdrawn case', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users } = await setUpGroup(h);
    await scheduleSession(facilitator, space, '2026-03-24');
    const [alice, bruno] = users as [(typeof users)[0], (typeof users)[0]];
    const kept = caseTexts('Digest-Garde');
    const withdrawn = caseTexts('Digest-Retire');
    await submitCase(bruno, space, kept);
    await submitCase(alice, space, withdrawn);
    await h.run();
    // The digest is due the day before at 09:00; the platform fails when it is sent.
    h.clock.set('2026-03-23T08:00:00Z');
    h.platform.failNext(new DeliveryError('transient', 'service unavailable'));
    await h.run();
    await alice.press({ action: ACTION.caseWithdraw, value: caseIdOf(withdrawn.title) });
    h.clock.advance(60_000);
    await h.run();
    const digests = facilitator.directs.filter((m) => m.fallbackText.startsWith('Séance de demain'));
    expect(digests).toHaveLength(1);
    const digest = messageText(digests[0] as never);
    expect(digest).toContain(kept.situation);
    expect(digest).not.toContain(withdrawn.situation);
    expect(digests[0]!.fallbackText).toBe('Séance de demain — Groupe Lyon : 1 cas');
  });
});

/** The same for an edit: what waits in the outbox carries the case as its author rewrote it. */
describe('an edited case travels as it is now', () => {
  it('a notification and a digest waiting out a platform failure carry the edited text, not the first one', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users } = await setUpGroup(h);
    await scheduleSession(facilitator, space, '2026-03-24');
    const alice = users[0]!;
    const first = caseTexts('Premier-Jet');
    const rewritten = 'Situation réécrite : un collègue, désigné par son rôle seulement.';
    // The notification waits out a failure; she rewrites her situation meanwhile (she had named someone).
    h.platform.failNext(new DeliveryError('transient', 'service unavailable'));
    await submitCase(alice, space, first);
    await h.run();
    expect(readsOf(facilitator)).not.toContain(first.situation);
    await alice.press({ action: ACTION.caseEdit, value: caseIdOf(first.title) });
    await alice.submit({ situation: rewritten });
    h.clock.advance(60_000);
    await h.run();
    expect(readsOf(facilitator)).toContain(rewritten);
    expect(readsOf(facilitator)).not.toContain(first.situation);

    // The digest waits out a failure too; she rewrites again.
    const again = 'Situation réécrite une seconde fois, plus courte.';
    h.clock.set('2026-03-23T08:00:00Z');
    h.platform.failNext(new DeliveryError('transient', 'service unavailable'));
    await h.run();
    await alice.press({ action: ACTION.caseEdit, value: caseIdOf(first.title) });
    await alice.submit({ situation: again });
    h.clock.advance(60_000);
    await h.run();
    const digest = facilitator.directs.find((m) => m.fallbackText.startsWith('Séance de demain'));
    expect(digest).toBeDefined();
    expect(messageText(digest as never)).toContain(again);
    expect(messageText(digest as never)).not.toContain(rewritten);
  });
});
