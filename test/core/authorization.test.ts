import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemoryUser } from '../../adapters/memory/platform.js';
import { ACTION, FORM } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';
import { caseIdIn, caseValues, countRows, proposeCase, replyText, said, shown } from '../support/scenario.js';

let h: Harness;
afterEach(() => h?.close());

const NOT_FACILITATOR = 'Seul·e l’animateur·rice du groupe peut faire cela.';
const CASE_NOT_FOUND = 'Ce cas n’existe pas, ou vous ne pouvez pas le lire.';

const lastMessage = (user: MemoryUser): Message => {
  const reply = user.lastReply;
  if (reply?.kind !== 'message') throw new Error(`not a message: ${JSON.stringify(reply)}`);
  return reply.message;
};

/** Everything stored that a refused request must leave untouched. */
const snapshot = () =>
  ['groups', 'memberships', 'sessions', 'cases', 'reminder_opt_outs', 'outbox', 'people']
    .map((table) => h.db.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all())
    .map((rows) => JSON.stringify(rows));

describe('a member and the facilitator’s work', () => {
  it('a member cannot schedule, see the queue, mark cases or read a facilitator-only case', async () => {
    h = await createHarness();
    const { facilitator, users, group } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const [alice, bruno] = users;
    await proposeCase(alice!, { title: 'Comment dire non à mon N+1 ?', visibility: 'facilitator' });
    await facilitator.command('cases');
    const caseId = caseIdIn(lastMessage(facilitator), 'Comment dire non à mon N+1 ?');
    const session = h.store.sessions.listUpcoming(group.id, h.clock.now())[0]!;
    await h.run();
    const before = snapshot();

    await bruno!.command('session', { in: 'C-LYON' });
    expect(said(bruno!)).toBe(NOT_FACILITATOR);
    await bruno!.press({ action: ACTION.sessionCancel, value: session.id });
    expect(said(bruno!)).toBe(NOT_FACILITATOR);

    // Bruno's "cases" shows his own (none) and nothing of the queue.
    await bruno!.command('cases');
    const list = shown(lastMessage(bruno!));
    expect(list).toBe(
      'Cas — Groupe Lyon\nVous n’avez pas de cas en cours. Pour en proposer un : /cairn case',
    );
    await bruno!.press({ action: ACTION.casesList, value: group.id });
    expect(shown(lastMessage(bruno!))).not.toContain('N+1');

    for (const mark of ['selected', 'postponed', 'presented']) {
      await bruno!.press({ action: ACTION.caseMark, value: `${caseId}:${mark}` });
      expect(said(bruno!)).toBe(NOT_FACILITATOR);
    }
    // Not even the author marks her own case.
    await alice!.press({ action: ACTION.caseMark, value: `${caseId}:selected` });
    expect(said(alice!)).toBe(NOT_FACILITATOR);

    for (const action of [ACTION.caseView, ACTION.caseEdit, ACTION.caseWithdraw]) {
      await bruno!.press({ action, value: caseId });
      expect(said(bruno!), action).toBe(CASE_NOT_FOUND);
    }
    await h.run();
    expect(snapshot()).toEqual(before);
  });

  it('someone in no group gets an explanation of how groups are set up; unknown commands show the help', async () => {
    h = await createHarness();
    await setUpGroup(h);
    const stranger = h.platform.addUser('U-STRANGER', 'Sam Inconnu');
    const none =
      'Vous ne faites partie d’aucun groupe Cairn. Un·e animateur·rice crée un groupe avec « setup » dans le canal privé du groupe, après y avoir invité Cairn.';
    for (const command of ['case', 'cases', 'session', 'sessions']) {
      await stranger.command(command);
      expect(said(stranger), command).toBe(none);
    }
    await stranger.command('help');
    expect(said(stranger)).toContain(
      'Vous ne faites encore partie d’aucun groupe Cairn. Un·e animateur·rice crée le groupe en tapant « /cairn setup »',
    );
    await stranger.command('case', { in: 'C-ELSEWHERE' });
    expect(said(stranger)).toBe(
      'Cet espace n’est pas encore celui d’un groupe Cairn. L’animateur·rice peut le créer avec « setup ».',
    );
    await stranger.command('frobnicate now');
    expect(said(stranger)).toMatch(
      /^Je ne connais pas la commande « frobnicate »\. Voici ce que je sais faire :\n/,
    );
    // A stranger who only asked for help is not stored.
    expect(h.store.people.findByUserRef('memory', 'U-STRANGER')).toBeUndefined();
  });
});

describe('group A and group B', () => {
  let lyon: Awaited<ReturnType<typeof setUpGroup>>;
  let paris: Awaited<ReturnType<typeof setUpGroup>>;
  let lyonCase: string;
  let lyonSession: string;

  beforeEach(async () => {
    h = await createHarness();
    lyon = await setUpGroup(h, {
      members: [
        ['U-ALICE', 'Alice Martin'],
        ['U-BRUNO', 'Bruno Petit'],
      ],
    });
    paris = await setUpGroup(h, {
      space: 'C-PARIS',
      name: 'Groupe Paris',
      facilitator: ['U-PAUL', 'Paul Animateur'],
      members: [['U-ZOE', 'Zoé Bernard']],
    });
    await scheduleSession(lyon.facilitator, 'C-LYON', '2026-03-24');
    await scheduleSession(paris.facilitator, 'C-PARIS', '2026-03-26');
    lyonSession = h.store.sessions.listUpcoming(lyon.group.id, h.clock.now())[0]!.id;
    // A case the whole Lyon group may read: still nothing for Paris.
    await proposeCase(lyon.users[0]!, { title: 'Comment dire non à mon N+1 ?', visibility: 'group' });
    await lyon.facilitator.command('cases');
    lyonCase = caseIdIn(lastMessage(lyon.facilitator), 'Comment dire non à mon N+1 ?');
    await h.run();
  });

  it('a member of B cannot read, edit, withdraw or mark a case of A, nor act on A’s session', async () => {
    const zoe = paris.users[0]!;
    const before = snapshot();
    for (const action of [ACTION.caseView, ACTION.caseEdit, ACTION.caseWithdraw]) {
      await zoe.press({ action, value: lyonCase });
      expect(said(zoe), action).toBe(CASE_NOT_FOUND);
    }
    for (const value of [`${lyonCase}:selected`, `${lyonCase}:selected:x`, lyonCase, `:selected`, '']) {
      await zoe.press({ action: ACTION.caseMark, value });
      expect(said(zoe), value).toBe(CASE_NOT_FOUND);
    }
    for (const action of [ACTION.sessionEdit, ACTION.sessionCancel]) {
      await zoe.press({ action, value: lyonSession });
      expect(said(zoe), action).toBe('Ce groupe n’existe pas, ou vous n’en faites pas partie.');
    }
    await zoe.press({ action: ACTION.caseOpen, value: lyonSession });
    expect(said(zoe)).toBe('Cette séance n’existe pas ou a été annulée.');
    expect(zoe.form).toBeUndefined();
    await zoe.press({ action: ACTION.reminderSkip, value: lyonSession });
    expect(said(zoe)).toBe('Cette séance n’existe pas ou a été annulée.');
    await zoe.press({ action: ACTION.casesList, value: lyon.group.id });
    expect(said(zoe)).toBe('Ce groupe n’existe pas, ou vous n’en faites pas partie.');
    await zoe.command('cases', { in: 'C-LYON' });
    expect(said(zoe)).not.toContain('N+1');
    await zoe.command('case', { in: 'C-LYON' });
    expect(said(zoe)).toBe('Ce groupe n’existe pas, ou vous n’en faites pas partie.');
    await h.run();
    expect(snapshot()).toEqual(before);
  });

  it('the facilitator of B has no power over A: its cases, sessions and settings', async () => {
    const paul = paris.facilitator;
    const before = snapshot();
    await paul.press({ action: ACTION.caseView, value: lyonCase });
    expect(said(paul)).toBe(CASE_NOT_FOUND);
    await paul.press({ action: ACTION.caseMark, value: `${lyonCase}:presented` });
    expect(said(paul)).toBe(CASE_NOT_FOUND);
    await paul.press({ action: ACTION.sessionEdit, value: lyonSession });
    expect(said(paul)).toBe('Ce groupe n’existe pas, ou vous n’en faites pas partie.');
    await paul.press({ action: ACTION.sessionCancel, value: lyonSession });
    expect(said(paul)).toBe('Ce groupe n’existe pas, ou vous n’en faites pas partie.');
    await paul.command('session', { in: 'C-LYON' });
    expect(said(paul)).toBe('Ce groupe n’existe pas, ou vous n’en faites pas partie.');
    await paul.command('setup', { in: 'C-LYON' });
    expect(said(paul)).toBe(NOT_FACILITATOR);
    expect(paul.form).toBeUndefined();
    // Paul's queue is Paris's alone.
    await paul.command('cases');
    expect(shown(lastMessage(paul))).not.toContain('N+1');
    await h.run();
    expect(snapshot()).toEqual(before);
  });

  it('forms carrying A’s ids are refused for someone of B', async () => {
    const paul = paris.facilitator;
    const zoe = paris.users[0]!;
    // Paul facilitates a second group, so his session form asks which group: he answers with Lyon's id.
    await setUpGroup(h, {
      space: 'C-MARSEILLE',
      name: 'Groupe Marseille',
      facilitator: ['U-PAUL', 'Paul Animateur'],
      members: [['U-YANN', 'Yann Leroy']],
    });
    await paul.command('session');
    const groupField = paul.form?.fields.find((f) => f.id === 'group');
    expect(groupField?.kind === 'select' && groupField.options.map((o) => o.label).sort()).toEqual([
      'Groupe Marseille',
      'Groupe Paris',
    ]);
    const before = snapshot();
    await paul.submit({ group: lyon.group.id, date: '2026-04-02', time: '10:00', place: 'Salle Rhône' });
    expect(paul.formErrors).toEqual({ group: 'Choisissez une des options proposées.' });

    // Zoé joins Marseille too; her case form asks for the group and she answers Lyon.
    await h.platform.join('C-MARSEILLE', 'U-ZOE');
    await zoe.command('case');
    expect(zoe.form?.fields[0]?.id).toBe('group');
    await zoe.submit(caseValues({ group: lyon.group.id }));
    expect(zoe.formErrors).toEqual({ group: 'Choisissez une des options proposées.' });

    // A Lyon member's genuine form state, replayed by Zoé.
    const alice = lyon.users[0]!;
    await alice.command('case');
    await zoe.submit(caseValues(), { formId: FORM.case, state: alice.form!.state });
    expect(replyText(zoe.lastReply)).toBe(
      'Ce formulaire a expiré ou n’est plus valide : ouvrez-le à nouveau (relancez la commande ou le bouton).',
    );
    await alice.press({ action: ACTION.caseEdit, value: lyonCase });
    await zoe.submit(caseValues({ title: 'Pris par Zoé' }), { formId: FORM.case, state: alice.form!.state });
    expect(replyText(zoe.lastReply)).toBe(
      'Ce formulaire a expiré ou n’est plus valide : ouvrez-le à nouveau (relancez la commande ou le bouton).',
    );

    await h.run();
    const after = snapshot();
    // Only Zoé's new membership of Marseille changed.
    expect(after.filter((t, i) => t !== before[i])).toHaveLength(1);
    expect(countRows(h, 'cases')).toBe(1);
    expect(h.store.cases.get(lyonCase)?.title).toBe('Comment dire non à mon N+1 ?');
    expect(h.store.sessions.listUpcoming(lyon.group.id, h.clock.now())).toHaveLength(1);
  });
});
