import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CONTENT, DEMO_SPACE, FACILITATOR, MEMBERS } from '../../adapters/playground/demo-content.js';
import { PLAYGROUND_PLATFORM, PLAYGROUND_WORKSPACE } from '../../adapters/playground/platform.js';
import { type PlaygroundHarness, playgroundHarness } from './support.js';

const NOW = new Date('2026-03-02T08:00:00Z');

describe('the demo seed', () => {
  const open: PlaygroundHarness[] = [];
  const make = async (opts: Parameters<typeof playgroundHarness>[0] = {}) => {
    const h = await playgroundHarness(opts);
    open.push(h);
    return h;
  };
  afterEach(() => {
    for (const h of open.splice(0)) h.close();
  });

  it('seeds an empty database through the core: a group, six people, sessions, cases and a synthesis', async () => {
    const h = await make();
    expect((await h.playground.start()).seeded).toBe(true);
    const { store } = h;
    const groups = store.groups.listAll();
    expect(groups.map((g) => g.name)).toEqual(['Groupe Lyon — managers de proximité']);
    const group = groups[0]!;
    expect(group.spaceAddress).toBe(DEMO_SPACE);
    const members = store.memberships.listByGroup(group.id);
    expect(members.filter((m) => m.role === 'facilitator').map((m) => m.person.displayName)).toEqual([
      FACILITATOR.name,
    ]);
    expect(
      members
        .filter((m) => m.role === 'member')
        .map((m) => m.person.displayName)
        .sort(),
    ).toEqual(MEMBERS.map((m) => m.name).sort());

    // One session in the past, two ahead, as the simulated clock is back to now.
    expect(h.clock.now().getTime()).toBe(NOW.getTime());
    expect(store.sessions.listPast(group.id, NOW, 10)).toHaveLength(1);
    expect(store.sessions.listUpcoming(group.id, NOW)).toHaveLength(2);

    const cases = MEMBERS.flatMap((m) => {
      const person = store.people.findByUserRef(PLAYGROUND_PLATFORM, m.ref);
      return person ? store.cases.listByAuthor(person.id) : [];
    });
    expect(cases.map((c) => [c.title, c.status]).sort()).toEqual(
      [
        [DEMO_CONTENT.fr.pastCase.title, 'presented'],
        [DEMO_CONTENT.fr.between.secondPastCase.title, 'presented'],
        [DEMO_CONTENT.fr.openCase.title, 'submitted'],
        [DEMO_CONTENT.fr.votedCases[0].title, 'submitted'],
        [DEMO_CONTENT.fr.votedCases[1].title, 'submitted'],
      ].sort(),
    );

    // Three cases for a session that takes two: the group's vote is in progress, three members have voted.
    const [ballot] = store.votes.openRoundsOf(group.id);
    expect(ballot).toBeDefined();
    expect(ballot!.hiddenCases).toBe(1);
    expect(store.votes.participationCount(ballot!.id)).toBe(3);
    expect([...store.votes.counts(ballot!.id).values()].reduce((a, b) => a + b, 0)).toBe(4);
    const nadiaHome = h.playground.view('pg:nadia').home;
    expect(JSON.stringify(nadiaHome)).toContain('Un vote sur les cas proposés est ouvert jusqu’au');
    const syntheses = store.syntheses.listForGroup(group.id, 10);
    expect(syntheses.map((s) => [s.themes, s.status])).toEqual([
      [DEMO_CONTENT.fr.synthesis.themes, 'posted'],
    ]);

    // The core opened the check-in round that follows a session, and members were invited.
    expect(store.checkins.openRoundOf(group.id)).toBeDefined();
    const nadia = h.playground.view('pg:nadia');
    const space = nadia.conversations.find((c) => c.kind === 'space')!;
    expect(space.entries.some((e) => e.message?.fallbackText.startsWith('Synthèse de la séance'))).toBe(true);
  });

  it('seeds the loop between sessions: a notebook, an action plan due, a report that opens the next digest', async () => {
    const h = await make();
    await h.playground.start();
    const { store } = h;
    const person = (ref: string) => store.people.findByUserRef(PLAYGROUND_PLATFORM, ref)!;
    const between = DEMO_CONTENT.fr.between;
    // Nadia's notebook: two notes, the first of which became her case.
    const nadia = person('pg:nadia');
    expect(store.notes.listByAuthor(nadia.id).map((n) => n.text)).toEqual([
      between.note.text,
      DEMO_CONTENT.fr.openCase.situation,
    ]);
    expect(store.cases.listByAuthor(nadia.id)[0]?.situation).toBe(DEMO_CONTENT.fr.openCase.situation);
    // Thomas sent what he took away, named, for the synthesis.
    expect(store.notes.listByAuthor(person('pg:thomas').id)).toMatchObject([
      { kind: 'takeaway', text: between.takeaway, sharedAt: expect.any(Date) },
    ]);
    // Julien reported, for the group; Sophie's follow-up is due tomorrow, on her home.
    const [julienPlan] = store.plans.listByAuthor(person('pg:julien').id);
    expect(julienPlan).toMatchObject({ what: between.julienPlan.what, report: { share: 'group' } });
    const [sophiePlan] = store.plans.listByAuthor(person('pg:sophie').id);
    expect(sophiePlan).toMatchObject({ followUpOn: '2026-03-03', report: null, followUp: 'active' });
    const home = h.playground.view('pg:sophie').home;
    expect(JSON.stringify(home)).toContain('suivi le mardi 3 mars 2026');
    const nadiaHome = JSON.stringify(h.playground.view('pg:nadia').home);
    expect(nadiaHome).toContain('Mon carnet : 2 note(s)');

    // The next digest (the day before the next session) opens with Julien's report.
    const group = store.groups.listAll()[0]!;
    const next = store.sessions.listUpcoming(group.id, h.clock.now())[0]!;
    h.base.set(new Date(next.startsAt.getTime() - 20 * 3_600_000));
    await h.core.settle();
    const helene = h.playground.view(FACILITATOR.ref);
    const direct = helene.conversations.find((c) => c.kind === 'direct')!;
    const digest = direct.entries
      .filter((e) => e.message?.fallbackText.startsWith('Séance de demain'))
      .at(-1);
    expect(digest?.message?.blocks[0]).toEqual({
      type: 'heading',
      text: 'Les retours des précédents clients',
    });
    expect(JSON.stringify(digest?.message)).toContain(between.julienReport.happened);
    // Nobody but Nadia ever saw her notebook.
    for (const ref of ['pg:julien', 'pg:thomas', 'pg:sophie', 'pg:karim', FACILITATOR.ref])
      expect(JSON.stringify(h.playground.view(ref)), ref).not.toContain(between.note.text);
  });
  it.each(['2026-03-02T05:30:00Z', '2026-06-17T12:00:00Z', '2026-10-25T21:45:00Z'])(
    'whatever the hour it starts (%s), the demo has a vote in progress and an open check-in',
    async (start) => {
      const h = await make({ start });
      await h.playground.start();
      const group = h.store.groups.listAll()[0]!;
      expect(h.store.votes.openRoundsOf(group.id)).toHaveLength(1);
      expect(h.store.checkins.openRoundOf(group.id)).toBeDefined();
      expect(h.store.sessions.listPast(group.id, h.clock.now(), 10)).toHaveLength(1);
    },
  );

  it('names the group in English when Cairn runs in English', async () => {
    const h = await make({ language: 'en' });
    await h.playground.start();
    const group = h.store.groups.listAll()[0]!;
    expect(group.name).toBe('Lyon group — front-line managers');
    expect(group.language).toBe('en');
  });

  it('never seeds a database that already holds data, and re-seeds only on request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-seed-'));
    const file = join(dir, 'cairn.db');
    try {
      const first = await playgroundHarness({ file });
      await first.playground.start();
      const groupId = first.store.groups.listAll()[0]!.id;
      first.close();

      const second = await playgroundHarness({ file });
      expect((await second.playground.start()).seeded).toBe(false);
      expect(second.store.groups.listAll().map((g) => g.id)).toEqual([groupId]);
      // Personas and the space come back from the database.
      expect(second.playground.platform.listPersonas()).toHaveLength(6);
      expect(second.playground.view('pg:julien').conversations.map((c) => c.kind)).toEqual([
        'direct',
        'space',
      ]);
      second.close();

      const third = await playgroundHarness({ file });
      expect((await third.playground.start({ resetDemo: true })).seeded).toBe(true);
      const groups = third.store.groups.listAll();
      expect(groups).toHaveLength(1);
      expect(groups[0]!.id).not.toBe(groupId);
      expect(third.store.people.listByWorkspace(PLAYGROUND_PLATFORM, PLAYGROUND_WORKSPACE)).toHaveLength(6);
      third.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('logs nothing the demo people wrote', async () => {
    const h = await make();
    await h.playground.start();
    const logs = h.logs.text;
    expect(logs).toContain('playground demo seeded');
    const written = [
      DEMO_CONTENT.fr.pastCase.title,
      DEMO_CONTENT.fr.pastCase.situation,
      DEMO_CONTENT.fr.openCase.stakes,
      DEMO_CONTENT.fr.synthesis.themes,
      DEMO_CONTENT.fr.supportContacts,
      DEMO_CONTENT.fr.between.note.text,
      DEMO_CONTENT.fr.between.julienPlan.what,
      DEMO_CONTENT.fr.between.julienReport.happened,
      DEMO_CONTENT.fr.between.sophiePlan.what,
      DEMO_CONTENT.fr.between.takeaway,
    ];
    for (const text of written) expect(logs).not.toContain(text.slice(0, 30));
  });
});
