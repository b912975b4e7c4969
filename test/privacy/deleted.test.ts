import { existsSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { MemoryUser } from '../../adapters/memory/platform.js';
import { spaceAddressOf, userRefOf } from '../../adapters/teams/addresses.js';
import { ACTION } from '../../src/core/contract/ids.js';
import { createSecrets } from '../../src/host/secrets.js';
import { install } from '../slack/support/install.js';
import {
  FACILITATOR,
  MEMBERS,
  populate,
  scheduleSession,
  setUpGroup,
  TEAM,
} from '../slack/support/scenario.js';
import { CAIRN_SECRET, type SlackCairn, startSlackCairn } from '../slack/support/slack-cairn.js';
import { eventually } from '../slack/support/slack-client.js';
import { caseTexts } from '../support/cases.js';
import { FakeSlack } from '../support/fake-slack.js';
import { selectedCase, startGuide } from '../support/guide.js';
import {
  createHarness,
  DAY,
  scheduleSession as scheduleMemorySession,
  setUpGroup as setUpMemoryGroup,
} from '../support/harness.js';
import { setUpGroupChat } from '../teams/support/flows.js';
import { startTeamsHarness, TENANT, type TeamsHarness } from '../teams/support/harness.js';
import { fastDir, foundAmong, rawBytes } from './support/raw-files.js';
import { slackAnswer, slackCase, slackForgetMe, slackSynthesis } from './support/slack-flows.js';
import { teamsAnswer, teamsCase, teamsSynthesis } from './support/teams-flows.js';

/**
 * Attack 3 — deleted means gone. After a round closes, after `forget-me`, and after the app is
 * uninstalled (Slack's `app_uninstalled` through the real Slack adapter; Teams: Cairn removed from every
 * conversation of a tenant; a group whose space Cairn left, at the end of its grace period), the raw bytes of the database file, its WAL and its SHM are searched for
 * the participation tokens, the platform user ids, the names and every text that was deleted. Each search
 * first finds what it looks for while it still exists, so a search that cannot find anything cannot pass.
 */

const slackRef = (id: string) => `slack:${TEAM}:${id}`;

/** The WAL is emptied this soon after another program that read the file stops (PRIVACY.md). */
const READER_BOUND_MS = 300;

/**
 * Runs `act` while another program holds the file open in a read transaction, then stops it and waits
 * (at most READER_BOUND_MS) until Cairn has emptied the WAL. Returns the needles still in the files just
 * before the reader stopped, and how long the WAL took.
 */
async function whileReading(file: string, needles: string[], act: () => Promise<void>) {
  const reader = new Database(file, { readonly: true });
  reader.exec('BEGIN');
  reader.prepare('SELECT count(*) FROM groups').get();
  await act();
  const heldBack = foundAmong(rawBytes(file), needles).length;
  reader.close();
  const released = performance.now();
  const wal = () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  while (wal() > 0 && performance.now() - released < 5_000) await new Promise((r) => setTimeout(r, 2));
  const waitedMs = performance.now() - released;
  console.log(
    `Attack 3 — with another program reading: ${heldBack} of ${needles.length} deleted values still in the files while it read; WAL emptied ${waitedMs.toFixed(0)} ms after it stopped (bound ${READER_BOUND_MS} ms)`,
  );
  expect(waitedMs).toBeLessThanOrEqual(READER_BOUND_MS);
}

/** Asserts the needles are all there now, runs `erase`, then asserts none is left in the three files. */
async function gone(file: string, label: string, needles: string[], erase: () => Promise<void>) {
  const present = foundAmong(rawBytes(file), needles);
  expect(present, `${label}: the search finds them before`).toEqual(needles);
  await erase();
  const left = foundAmong(rawBytes(file), needles);
  console.log(
    `Attack 3 — ${label}: ${needles.length} values present before, ${left.length} found after in ${rawBytes(file).length} bytes (db + wal + shm)`,
  );
  expect(left, label).toEqual([]);
}

describe('attack 3: deleted means gone, in the raw bytes of the database, WAL and SHM', () => {
  let fake: FakeSlack | undefined;
  let cairn: SlackCairn | undefined;
  let teams: TeamsHarness | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await cairn?.close();
    await fake?.close();
    await teams?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('Slack: a closed round, forget-me, then the uninstall purge leave none of it', async () => {
    fake = await FakeSlack.start();
    populate(fake);
    dir = fastDir();
    const slack = await startSlackCairn(fake, { oauth: true, dir, start: '2026-03-02T08:00:00Z' });
    cairn = slack;
    expect((await install(slack, fake)).status).toBe(200);
    const { facilitator } = await setUpGroup(slack, fake);
    await scheduleSession(slack, facilitator, 'GLYON', '2026-03-20');
    const texts = {
      alice: caseTexts('Effacement-Alice'),
      alice2: caseTexts('Effacement-Alice-2'),
      bruno: caseTexts('Effacement-Bruno'),
    };
    await slackCase(slack, 'UALICE', 'GLYON', texts.alice);
    await slackCase(slack, 'UALICE', 'GLYON', texts.alice2, { visibility: 'facilitator' });
    await slackCase(slack, 'UBRUNO', 'GLYON', texts.bruno);
    const synthesis = {
      themes: 'Thèmes-Effacement: tenir la ligne',
      learned: 'Appris-Effacement: poser le cadre',
      commitments: 'Engagements-Effacement',
      freeText: 'Libre-Effacement',
    };
    await slackSynthesis(slack, FACILITATOR, synthesis);
    // Notebooks: Alice's goes with forget-me, Bruno's with the uninstall.
    const notes = {
      alice: 'Note-Effacement-Alice: une remarque blessante en comité.',
      bruno: 'Note-Effacement-Bruno: un départ non remplacé.',
    };
    await slack.driver.as('UALICE').command(`note ${notes.alice}`);
    await slack.driver.as('UBRUNO').command(`note ${notes.bruno}`);
    await slack.driver.as('UALICE').command('my-data');
    await slack.run();

    // 1. A round closes: its tokens go.
    await facilitator.command('checkin open', 'GLYON');
    await slack.run();
    const group = slack.store.groups.findBySpace(slackRef('GLYON'))!;
    const round = slack.store.checkins.openRoundOf(group.id)!;
    const answers = [
      { workload: '2', support: '3', perspective: '4', overall: '4' },
      { workload: '5', support: '1', perspective: '2', overall: '3' },
      { workload: '1', support: '2', perspective: '2', overall: '2' },
      { workload: '4', support: '4', perspective: '1', overall: '1' },
    ];
    for (const [i, values] of answers.entries()) await slackAnswer(slack, MEMBERS[i]!, values);
    await slack.run();
    const secrets = createSecrets(CAIRN_SECRET);
    const tokens = MEMBERS.slice(0, 4).map((id) => secrets.participationToken(round.id, slackRef(id)));
    // Another program (a backup tool, the sqlite3 shell) reads the file during the close: the close does
    // not wait for it, and the tokens are gone from the files once it stops.
    await gone(
      slack.file,
      'Slack, after a round closes while another program reads, once it stops: its participation tokens',
      tokens,
      () =>
        whileReading(slack.file, tokens, async () => {
          await facilitator.command('checkin close', 'GLYON');
          await slack.run();
        }),
    );

    // The facilitator's digest of the cases goes out the day before the session.
    slack.clock.set('2026-03-19T09:00:00Z');
    await slack.run();

    // 2. forget-me: Alice's ids, name, person id and cases.
    const alice = slack.store.people.findByUserRef('slack', slackRef('UALICE'))!;
    const aliceNeedles = [
      slackRef('UALICE'),
      'Alice Martin',
      alice.id,
      ...Object.values(texts.alice),
      ...Object.values(texts.alice2),
      notes.alice,
    ];
    await gone(
      slack.file,
      'Slack, after forget-me: her user id, name, person id, cases and notes',
      aliceNeedles,
      () => slackForgetMe(slack, 'UALICE'),
    );
    // Her raw Slack id went with her user ref (the Slack adapter keeps no record of its own in bot-token mode;
    // with OAuth it keeps only the workspace's encrypted installation).
    expect(foundAmong(rawBytes(slack.file), ['UALICE'])).toEqual([]);

    // 3. Uninstall: everything of the workspace.
    const people = slack.store.people.listByWorkspace('slack', TEAM);
    const installation = slack.db.sqlite
      .prepare('SELECT data FROM slack_installations')
      .pluck()
      .get() as string;
    const workspaceNeedles = [
      ...people.flatMap((p) => [p.userRef, p.userRef.split(':').at(-1)!, p.displayName, p.id]),
      'Groupe Lyon',
      'Ligne d’écoute : 0800 000 000',
      'Salle Rhône',
      ...Object.values(texts.bruno),
      ...Object.values(synthesis),
      notes.bruno,
      installation.slice(0, 64),
      group.id,
    ];
    await gone(
      slack.file,
      'Slack, after app_uninstalled: people, groups, cases, notes, syntheses, installation',
      workspaceNeedles,
      async () => {
        await slack.driver.sendEvent({ type: 'app_uninstalled' });
        await eventually(() => slack.store.people.listByWorkspace('slack', TEAM).length === 0);
      },
    );
    const counts = slack.db.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[];
    const left = Object.fromEntries(
      counts
        .filter((t) => !['__drizzle_migrations', 'inbound_events', 'occurrences', 'leases'].includes(t))
        .map((t) => [t, slack.db.sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get()]),
    );
    console.log(`Attack 3 — Slack, rows left after the purge: ${JSON.stringify(left)}`);
    for (const n of Object.values(left)) expect(n).toBe(0);
  }, 60_000);

  it('Teams: a closed round, then the app removed from every conversation of the tenant leave none of it', async () => {
    const h = await startTeamsHarness({ start: '2026-03-02T08:00:00Z' });
    teams = h;
    const g = await setUpGroupChat(h);
    const [alice, bruno] = g.members as [(typeof g.members)[0], (typeof g.members)[0]];
    const texts = { alice: caseTexts('Teams-Alice'), bruno: caseTexts('Teams-Bruno') };
    await teamsCase(h, alice, texts.alice);
    await teamsCase(h, bruno, texts.bruno, 'facilitator');
    const synthesis = { themes: 'Thèmes-Teams-Effacement', learned: 'Appris-Teams-Effacement' };
    await teamsSynthesis(h, g, synthesis);

    await h.client.say(g.facilitator, 'checkin open', g.where);
    await h.run();
    const round = h.store.checkins.openRoundOf(g.groupId)!;
    for (const m of g.members)
      await teamsAnswer(h, m, { workload: '2', support: '3', perspective: '4', overall: '3' });
    const secrets = createSecrets('a-test-secret-that-is-long-enough-for-cairn-teams');
    const tokens = g.members.map((m) =>
      secrets.participationToken(round.id, userRefOf(TENANT, m.aadObjectId)),
    );
    await gone(h.file, 'Teams, after a round closes: its participation tokens', tokens, async () => {
      await h.client.say(g.facilitator, 'checkin close', g.where);
      await h.run();
    });

    const everyone = [g.facilitator, ...g.members];
    const needles = [
      ...everyone.flatMap((u) => [u.aadObjectId, u.id, u.name, userRefOf(TENANT, u.aadObjectId)]),
      spaceAddressOf(TENANT, g.chatId),
      g.chatId,
      'Groupe Lyon',
      ...Object.values(texts.alice),
      ...Object.values(texts.bruno),
      ...Object.values(synthesis),
    ];
    await gone(
      h.file,
      'Teams, after the uninstall purge: people, group, cases, syntheses, references',
      needles,
      async () => {
        // The app removed from the tenant: Teams removes it from the group chat and from every 1:1 chat.
        const answer = await h.client.uninstall(g.facilitator, g.where);
        expect(answer.status).toBe(200);
        await h.run();
        expect(h.store.groups.suspensionOf(g.groupId)).toMatchObject({ reason: 'space' });
        for (const u of everyone) await h.client.uninstall(u, h.client.personal(u));
        await h.run();
      },
    );
  }, 60_000);
});

describe('attack 3, memory adapter: syntheses and drafts of groups that are removed', () => {
  it('a synthesis posted to two groups stays with the other group, then goes with the last; drafts go on uninstall', async () => {
    const h = await createHarness({ start: '2026-03-02T08:00:00Z', dir: fastDir() });
    try {
      const lyon = await setUpMemoryGroup(h, { language: 'en' });
      const paris = await setUpMemoryGroup(h, {
        space: 'C-PARIS',
        name: 'Groupe Paris',
        language: 'en',
        members: [['U-PAUL', 'Paul Girard']],
      });
      const posted = { themes: 'Thèmes-Deux-Groupes', learned: 'Appris-Deux-Groupes' };
      await lyon.facilitator.command('synthesis', { in: 'C-LYON' });
      await lyon.facilitator.submit({ ...posted, groups: [lyon.group.id, paris.group.id] } as never);
      await lyon.facilitator.submit({});
      await h.run();
      const fac = h.store.people.findByUserRef('memory', 'U-FAC')!;
      const [synthesis] = h.store.syntheses.listByAuthor(fac.id).filter((s) => s.status === 'posted');

      // Cairn removed from Lyon's space and not added back: after the grace period the group is purged; the
      // synthesis stays for Paris, without Lyon among its targets.
      await h.platform.removeCairn('C-LYON');
      await h.advance(7 * DAY + 3_600_000, DAY);
      expect(h.store.groups.get(lyon.group.id)).toBeUndefined();
      expect(h.store.syntheses.get(synthesis!.id)?.targetGroups).toEqual([paris.group.id]);
      expect(h.store.syntheses.listForGroup(paris.group.id, 5)).toHaveLength(1);
      expect(foundAmong(rawBytes(h.file), [lyon.group.id])).toEqual([]);
      const draft = { themes: 'Thèmes-Brouillon-Jamais-Posté', learned: 'Appris-Brouillon' };
      await lyon.facilitator.command('synthesis', { in: 'C-PARIS' });
      await lyon.facilitator.submit({ ...draft, groups: [paris.group.id] } as never);
      expect(lyon.facilitator.form?.id).toBe('synthesis.preview');

      // A facilitator of Paris who leaves a draft behind, then uses forget-me: the draft goes with them.
      const fabien = h.platform.addUser('U-FABIEN', 'Fabien Paris');
      await h.platform.join('C-PARIS', fabien.userRef);
      await paris.facilitator.command('setup', { in: 'C-PARIS' });
      await paris.facilitator.submit({ facilitators: ['U-FAC', 'U-FABIEN'] } as never);
      await h.run();
      await fabien.command('synthesis', { in: 'C-PARIS' });
      const hisDraft = { themes: 'Thèmes-Brouillon-De-Fabien', learned: 'Appris-Brouillon-De-Fabien' };
      await fabien.submit({ ...hisDraft, groups: [paris.group.id] } as never);
      expect(fabien.form?.id).toBe('synthesis.preview');
      await gone(
        h.file,
        'memory, after forget-me: an unposted draft of the person',
        Object.values(hisDraft),
        async () => {
          await fabien.command('forget-me');
          await fabien.submit({ confirm: 'true' });
        },
      );

      // The app uninstalled: the synthesis and the never-posted draft go, every byte of them.
      await gone(
        h.file,
        'memory, after the uninstall: a broadcast synthesis and a draft',
        [...Object.values(posted), ...Object.values(draft)],
        () => h.platform.uninstall(),
      );
      expect(h.db.sqlite.prepare('SELECT count(*) FROM syntheses').pluck().get()).toBe(0);
    } finally {
      h.close();
      rmSync(h.dir, { recursive: true, force: true });
    }
  });

  it('a session guide: its messages, the edits still queued and the client’s request go with the group', async () => {
    const h = await createHarness({ start: '2026-03-02T08:00:00Z', dir: fastDir() });
    try {
      const lyon = await setUpMemoryGroup(h, { language: 'en' });
      await scheduleMemorySession(lyon.facilitator, 'C-LYON', '2026-03-05');
      const caseId = await selectedCase(
        h,
        lyon.users[0]!,
        lyon.facilitator,
        'How can I hand over the shift?',
      );
      await h.advanceTo('2026-03-05T12:45:00Z', 24 * 3_600_000);
      await startGuide(h, lyon.facilitator, 'C-LYON');
      const g = h.store.guides.findRunning(lyon.group.id)!;
      await lyon.users[0]!.press({ action: ACTION.guideRequest, value: g.id }, { in: 'C-LYON' });
      const request = 'Demande-Du-Client-Pendant-La-Seance';
      await lyon.users[0]!.submit({ request });
      await h.run();
      // An edit still waits in the outbox when Cairn is removed from the space.
      await lyon.facilitator.press({ action: ACTION.guideExtend, value: `${g.id}:0` }, { in: 'C-LYON' });
      expect(h.store.outbox.get(`guide:${caseId}:${g.id}:edit:2`)?.status).toBe('pending');
      // Cairn removed from the space and not added back: everything goes at the end of the grace period.
      await gone(h.file, 'memory, after the space is removed: a session guide', [request, g.id], async () => {
        await h.platform.dispatch({ kind: 'space.removed', platform: 'memory', space: 'C-LYON' });
        await h.advance(7 * DAY + 3_600_000, DAY);
      });
      expect(h.db.sqlite.prepare("SELECT count(*) FROM outbox WHERE id LIKE 'guide:%'").pluck().get()).toBe(
        0,
      );
      expect(h.db.sqlite.prepare('SELECT count(*) FROM guides').pluck().get()).toBe(0);
    } finally {
      h.close();
      rmSync(h.dir, { recursive: true, force: true });
    }
  });
});

describe('attack 3, memory adapter: the notebook and action plans', () => {
  it('a deleted note, an expired one, forget-me (notes, a shared takeaway, a plan and its report), a removed group', async () => {
    const h = await createHarness({ start: '2026-03-02T08:00:00Z', dir: fastDir() });
    try {
      const lyon = await setUpMemoryGroup(h, { language: 'en' });
      const [alice, bruno, chloe] = lyon.users as [MemoryUser, MemoryUser, MemoryUser];
      const { facilitator } = lyon;
      for (const date of ['2026-03-05', '2026-04-02', '2026-04-30']) {
        await facilitator.command('session', { in: 'C-LYON' });
        await facilitator.submit({ date, time: '14:00', place: 'Salle' });
      }
      const idOf = (u: MemoryUser) => h.store.people.findByUserRef('memory', u.userRef)!.id;

      // "Delete" on a note: its text is gone from the file, the WAL and the SHM at once.
      const deleted = 'Note-Supprimée-A3: une dispute au poste de garde.';
      await alice.command(`note ${deleted}`);
      await gone(h.file, 'memory, after "Delete": the note', [deleted], async () => {
        await alice.press({
          action: ACTION.noteDelete,
          value: h.store.notes.listByAuthor(idOf(alice))[0]!.id,
        });
      });

      // Chloé keeps her notes one month only.
      const expired = 'Note-Expirée-A3: un retour de congé difficile.';
      await chloe.command(`note ${expired}`);
      await chloe.press({ action: ACTION.notesKeep, value: '' });
      await chloe.submit({ months: '1' });

      // Alice's notebook, a takeaway sent to the facilitator, her plan and her report carried by the digest.
      const texts = {
        note: 'Note-Alice-A3: mon N+1 a repris mon équipe en direct.',
        takeaway: 'Retenu-Alice-A3: je peux demander un cadre avant de répondre.',
        plan: 'Plan-Alice-A3: un entretien avec mon N+1 sur nos rôles.',
        happened: 'Compte-Rendu-Alice-A3: il a accepté un point mensuel.',
      };
      await alice.command(`note ${texts.note}`);
      await alice.command('case');
      await alice.submit(caseValuesFor('Comment puis-je retrouver ma place ?'));
      const session = h.store.sessions.listUpcoming(lyon.group.id, h.clock.now())[0]!;
      await h.advanceTo('2026-03-05T17:00:00Z', 6 * 3_600_000);
      const c = h.store.cases.listByAuthor(idOf(alice))[0]!;
      await facilitator.press({ action: ACTION.caseMark, value: `${c.id}:presented` });
      await h.advanceTo('2026-03-06T09:00:00Z', 3_600_000);
      await alice.press({ action: ACTION.takeawayWrite, value: session.id });
      await alice.submit({ text: texts.takeaway, share: 'true' });
      await alice.press({ action: ACTION.planWrite, value: c.id });
      await alice.submit({ what: texts.plan, followUpOn: '2026-03-20', visibility: 'facilitators' });
      await h.advanceTo('2026-03-20T09:00:00Z', 12 * 3_600_000);
      await alice.press({ action: ACTION.planReport, value: h.store.plans.getByCase(c.id)!.id });
      await alice.submit({ outcome: 'tried', happened: texts.happened, share: 'facilitators' });
      await h.advanceTo('2026-04-01T08:00:00Z', 12 * 3_600_000);
      expect(facilitator.directs.map((m) => JSON.stringify(m)).join()).toContain(texts.happened);
      await gone(
        h.file,
        'memory, after forget-me: her notes, a takeaway sent to the facilitator, her plan and report',
        Object.values(texts),
        async () => {
          await alice.command('forget-me');
          await alice.submit({ confirm: 'true' });
        },
      );

      // A note past its author's own keeping period: the daily job deletes it, bytes included.
      await gone(h.file, 'memory, after the keeping period: the note', [expired], async () => {
        await h.advanceTo('2026-04-03T08:00:00Z', DAY);
      });

      // Cairn removed from the group's space and not added back: at the end of the grace period the notes
      // written in it go with the group.
      const inGroup = 'Note-Bruno-A3: la grève de l’équipe de nuit.';
      await bruno.command(`note ${inGroup}`, { in: 'C-LYON' });
      await gone(
        h.file,
        'memory, after the group is removed: the notes written in it',
        [inGroup],
        async () => {
          await h.platform.dispatch({ kind: 'space.removed', platform: 'memory', space: 'C-LYON' });
          await h.advance(7 * DAY + 3_600_000, DAY);
        },
      );
      expect(h.db.sqlite.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
      expect(h.db.sqlite.prepare('SELECT count(*) FROM action_plans').pluck().get()).toBe(0);
    } finally {
      h.close();
      rmSync(h.dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** A complete case form in English. */
const caseValuesFor = (title: string) => ({
  title,
  kind: 'problem',
  situation: 'Une situation.',
  stakes: 'Des enjeux.',
  tried: 'Des essais.',
  expectations: 'Des attentes.',
  urgency: 'medium',
  visibility: 'group',
  charter: 'true',
});
