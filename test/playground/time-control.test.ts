import { afterEach, describe, expect, it } from 'vitest';
import { type PlaygroundHarness, playgroundHarness } from './support.js';

const HOUR = 3_600_000;

describe('the time control', () => {
  let h: PlaygroundHarness;
  afterEach(() => h?.close());

  it('+1 hour and +1 day move the simulated clock, never the real one', async () => {
    h = await playgroundHarness();
    await h.playground.start();
    const real = h.base.now().getTime();
    const start = h.clock.now().getTime();
    await h.playground.time.step('hour');
    expect(h.clock.now().getTime() - start).toBe(HOUR);
    await h.playground.time.step('day');
    expect(h.clock.now().getTime() - start).toBe(25 * HOUR);
    expect(h.base.now().getTime()).toBe(real);
    expect(h.deps.clock.now().getTime()).toBe(h.clock.now().getTime());
  });

  it('"next reminder" stops at the next due time computed from the database and delivers it', async () => {
    h = await playgroundHarness();
    await h.playground.start();
    const due = h.playground.time.nextDue();
    expect(due).not.toBeNull();
    const before = h.playground.platform.deliveries;
    const result = await h.playground.time.step('next');
    expect(result.reached).toBe(true);
    expect(result.delivered).toBeGreaterThan(0);
    expect(h.clock.now().getTime()).toBe(due!.getTime());
    expect(h.playground.platform.deliveries - before).toBe(result.delivered);
    // Nothing is due twice: the next due time is later.
    expect(h.playground.time.nextDue()!.getTime()).toBeGreaterThan(due!.getTime());
  });

  it('brings each member the case-preparation reminder at 09:00 in the group’s time zone', async () => {
    h = await playgroundHarness();
    await h.playground.start();
    const reminders = () =>
      h.playground
        .view('pg:karim')
        .conversations[0]!.entries.filter((e) => e.message?.fallbackText.startsWith('Prochaine séance'));
    const before = reminders().length;
    for (let i = 0; i < 4 && reminders().length === before; i++) await h.playground.time.step('next');
    const latest = reminders().at(-1)!;
    expect(reminders().length).toBe(before + 1);
    const at = new Date(latest.at);
    expect(
      new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        hour: '2-digit',
        minute: '2-digit',
      }).format(at),
    ).toBe('09:00');
  });

  it('moves are serialised: two clicks at once move the clock twice, one after the other', async () => {
    h = await playgroundHarness();
    await h.playground.start();
    const start = h.clock.now().getTime();
    await Promise.all([h.playground.time.step('hour'), h.playground.time.step('hour')]);
    expect(h.clock.now().getTime() - start).toBe(2 * HOUR);
  });

  it('+10 min moves a running session guide’s countdown; "next" stops where the guide ends by itself', async () => {
    h = await playgroundHarness();
    await h.playground.start();
    const group = h.store.groups.findBySpace('pg-space:lyon')!;
    const session = h.store.sessions.listUpcoming(group.id, h.clock.now())[0]!;
    await h.playground.time.advanceTo(new Date(session.startsAt.getTime() - 20 * 60_000));
    const { interactions } = h.playground;
    await interactions.say('pg:helene', 'space:pg-space:lyon', '/cairn animer');
    const open = interactions.openForm('pg:helene')!;
    expect(open.form?.title).toBe('Animer la séance');
    await interactions.submit('pg:helene', open.seq, { case: String(open.form!.fields[0]!.initial) });
    await h.playground.time.runDue();
    const guide = () =>
      h.playground
        .view('pg:julien')
        .conversations.find((c) => c.kind === 'space')!
        .entries.filter((e) => e.message?.fallbackText.startsWith('Guide de séance'))
        .at(-1)!;
    expect(guide().message!.fallbackText).toBe('Guide de séance — Exposé : reste 10 min');
    const start = h.clock.now().getTime();
    await h.playground.time.step('minutes');
    expect(h.clock.now().getTime() - start).toBe(10 * 60_000);
    expect(guide().message!.fallbackText).toBe('Guide de séance — Exposé : temps écoulé');
    expect(guide().edited).toBe(true);
    // The session ends at 17:00; the guide left running ends at 17:30, and the time control stops there.
    const ends = new Date(session.startsAt.getTime() + (session.durationMinutes + 30) * 60_000);
    for (let i = 0; i < 5 && h.clock.now() < ends; i++) await h.playground.time.step('next');
    expect(h.clock.now()).toEqual(ends);
    expect(guide().message!.fallbackText).toMatch(/^Guide de séance terminé/);
  });
});
