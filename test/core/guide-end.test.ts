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
const FIRST = 'Comment puis-je passer la main à l’équipe de nuit ?';
const SECOND = 'Comment puis-je dire non à mon N+1 ?';

let h: Harness;
let facilitator: MemoryUser;
let members: MemoryUser[];
let group: Group;
let first: string;
let second: string;

/** A French group, two cases selected for the session of Thursday 5 March 2026, 14:00–17:00 in Paris. */
beforeEach(async () => {
  h = await createHarness({ start: '2026-03-02T08:00:00Z' });
  const set = await setUpGroup(h, { language: 'fr' });
  ({ facilitator, group } = set);
  members = set.users;
  await scheduleSession(facilitator, SPACE, '2026-03-05', '14:00');
  first = await selectedCase(h, members[0]!, facilitator, FIRST);
  second = await selectedCase(h, members[1]!, facilitator, SECOND);
  await h.advanceTo('2026-03-05T12:50:00Z', 24 * 3_600_000);
});
afterEach(() => h.close());

describe('the end of a session guide', () => {
  it('two cases in a session: the end offers the next selected case, and the synthesis opens with both', async () => {
    await startGuide(h, facilitator, SPACE, first);
    await h.advance(40 * MINUTE, 10 * MINUTE);
    await pressGuide(h, facilitator, SPACE, ACTION.guideEnd);
    const reply = facilitator.lastReply!;
    expect(said(facilitator)).toContain(`Cas suivant retenu pour cette séance : « ${SECOND} ».`);
    const next = button(reply.kind === 'message' ? reply.message : undefined, ACTION.guideStartCase);
    expect(next.label).toBe('Animer ce cas');
    await h.run();
    expect(h.store.cases.get(first)?.status).toBe('presented');

    // A member cannot start it; the facilitator can, from the private reply.
    await members[2]!.press(next);
    expect(said(members[2]!)).toBe('Seul·e l’animateur·rice du groupe peut faire cela.');
    await facilitator.press(next);
    expect(said(facilitator)).toBe(`Le guide a démarré dans l’espace du groupe : « ${SECOND} ».`);
    await h.run();
    // A second message in the space, for the second case; the first stays as its record.
    const guides = h.platform.postsIn(SPACE).filter((m) => /Guide de séance/.test(messageText(m)));
    expect(guides).toHaveLength(2);
    expect(shown(guides[0])).toContain(`Guide de séance — « ${FIRST} » (terminé)`);
    expect(shown(guides[1])).toContain('Client : Bruno Petit');
    // The same button again: a guide is running.
    await facilitator.press(next);
    expect(said(facilitator)).toContain('Un guide est déjà en cours');

    await pressGuide(h, facilitator, SPACE, ACTION.guideEnd);
    expect(said(facilitator)).toBe(
      'Le guide est terminé : le cas est marqué présenté, et Cairn vous envoie un bouton pour rédiger la synthèse.',
    );
    await h.run();
    const prompts = facilitator.directs.filter((m) =>
      buttonsOf(m).some((b) => b.action === ACTION.guideSynthesis),
    );
    expect(prompts).toHaveLength(2);
    await facilitator.press(button(prompts[1], ACTION.guideSynthesis));
    expect(facilitator.form?.id).toBe(FORM.synthesis);
    expect(facilitator.form?.fields.find((f) => f.id === 'themes')?.initial).toBe(`${FIRST}\n${SECOND}`);
    // Both presented with this session.
    for (const id of [first, second]) expect(h.store.cases.get(id)).toMatchObject({ status: 'presented' });
  });

  it('a guide left running ends by itself 30 minutes after the session’s scheduled end, once', async () => {
    await startGuide(h, facilitator, SPACE, first);
    // Two facilitators, both told.
    await facilitator.command('setup', { in: SPACE });
    await facilitator.submit({ facilitators: ['U-FAC', 'U-EMMA'] });
    await h.run();
    const emma = members[4]!;
    const g = runningGuide(h, group.id);
    // The time control knows when it will end (16:00 UTC + 30 minutes).
    expect(h.core.nextDue()?.toISOString()).toBe('2026-03-05T16:30:00.000Z');

    await h.advanceTo('2026-03-05T16:29:00Z', 30 * MINUTE);
    expect(h.store.guides.get(g.id)?.status).toBe('running');
    expect(guideText(h, SPACE)).toContain('Exposé — 209 min de dépassement');
    await h.advanceTo('2026-03-05T16:30:00Z', MINUTE);
    const ended = h.store.guides.get(g.id)!;
    expect(ended).toMatchObject({ status: 'ended', endedBy: 'auto' });
    expect(ended.endedAt?.toISOString()).toBe('2026-03-05T16:30:00.000Z');
    const record = shown(guideMessage(h, SPACE));
    expect(record).toContain(`Guide de séance — « ${FIRST} » (terminé)`);
    expect(record).toContain('1. Exposé : 220 min (prévu 10 min)');
    expect(record).toContain('2. Questions de clarification : non atteinte');
    expect(record).toContain('Terminé automatiquement 30 minutes après la fin prévue de la séance.');
    expect(buttonsOf(guideMessage(h, SPACE))).toEqual([]);
    expect(h.store.cases.get(first)?.status).toBe('presented');
    for (const f of [facilitator, emma])
      expect(
        f.directs.filter((m) => buttonsOf(m).some((b) => b.action === ACTION.guideSynthesis)),
      ).toHaveLength(1);

    // Later ticks (and a second tick at the same minute) do nothing more.
    const edits = guideEdits(h, SPACE);
    expect(h.core.tick().guides).toBe(0);
    await h.advance(2 * 3_600_000, 30 * MINUTE);
    expect(guideEdits(h, SPACE)).toBe(edits);
    expect(h.store.occurrences.has(`guide-end:${g.id}`)).toBe(true);
    expect(h.core.nextDue()?.toISOString()).not.toBe('2026-03-05T16:30:00.000Z');
  });

  it('the client forgotten during the guide: the guide and the edits still queued go with the case', async () => {
    await startGuide(h, facilitator, SPACE, first);
    const g = runningGuide(h, group.id);
    // An edit waits (not delivered yet) when Alice asks to be forgotten.
    await pressGuide(h, facilitator, SPACE, ACTION.guideExtend);
    expect(h.store.outbox.get(`guide:${first}:${g.id}:edit:1`)?.status).toBe('pending');
    const alice = members[0]!;
    await alice.command('oubliez-moi');
    await alice.submit({ confirm: 'true' });
    expect(h.store.guides.get(g.id)).toBeUndefined();
    expect(h.store.outbox.get(`guide:${first}:${g.id}:edit:1`)).toBeUndefined();
    const edits = guideEdits(h, SPACE);
    await h.advance(5 * MINUTE, MINUTE);
    expect(guideEdits(h, SPACE)).toBe(edits);
    // The group can start the next case.
    await startGuide(h, facilitator, SPACE, second);
    expect(runningGuide(h, group.id).caseId).toBe(second);
    expect(h.logs.text).not.toContain(FIRST);
  });
});
