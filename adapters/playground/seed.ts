import { DateTime } from 'luxon';
import type { Actor } from '../../src/core/contract/events.js';
import type { FormValues } from '../../src/core/contract/form.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Logger } from '../../src/core/contract/logger.js';
import type { Core } from '../../src/core/index.js';
import type { Language } from './api.js';
import type { SimulatedClock } from './clock.js';
import { DEMO_CONTENT, DEMO_SPACE, FACILITATOR, MEMBERS } from './demo-content.js';
import type { Interactions } from './interactions.js';
import {
  directConversation,
  PLAYGROUND_PLATFORM,
  PLAYGROUND_WORKSPACE,
  type PlaygroundPlatform,
  spaceConversation,
} from './platform.js';
import type { TimeControl } from './time-control.js';

const DAY = 86_400_000;

export type SeedDeps = {
  core: Core;
  clock: SimulatedClock;
  platform: PlaygroundPlatform;
  interactions: Interactions;
  time: TimeControl;
  language: Language;
  timeZone: string;
  logger: Logger;
};

/** True when the database holds nothing at all a seed could collide with. */
export const isEmptyDatabase = (core: Core): boolean =>
  core.directory.isEmpty(PLAYGROUND_PLATFORM, PLAYGROUND_WORKSPACE);

/**
 * Seeds the demo through the product itself: the personas type the same commands and fill the same forms
 * a person would, with the simulated clock set a month back, then brought back to now. The group gets
 * a session about four weeks ago (with two cases presented) and two ahead; between sessions, Nadia's
 * notebook, Julien's action plan and his report for the next digest, Sophie's plan whose follow-up is due
 * tomorrow, a takeaway Thomas sent for the synthesis; three cases proposed for the next session and the
 * group's vote on them in progress (three members have voted), with the check-in round open.
 */
export async function seedDemo(deps: SeedDeps): Promise<void> {
  const { core, clock, platform, interactions, time, language, timeZone, logger } = deps;
  const content = DEMO_CONTENT[language];
  const now = clock.now();
  const space = spaceConversation(DEMO_SPACE);
  const fac = FACILITATOR.ref;
  const [julien, nadia, thomas, sophie, karim] = MEMBERS;
  const between = content.between;

  for (const persona of [FACILITATOR, ...MEMBERS]) platform.addPersona(persona);
  platform.addSpace(
    DEMO_SPACE,
    [FACILITATOR, ...MEMBERS].map((p) => p.ref),
  );

  const act = async (outcome: Promise<unknown>) => {
    await outcome;
    await time.runDue();
  };
  const fill = async (ref: string, values: FormValues) => {
    const open = interactions.openForm(ref);
    if (!open?.form) throw new Error(`seed: ${ref} has no open form`);
    const filled: FormValues = {};
    for (const field of open.form.fields) {
      if (field.initial === undefined) continue;
      filled[field.id] = typeof field.initial === 'boolean' ? (field.initial ? 'true' : '') : field.initial;
    }
    const outcome = await interactions.submit(ref, open.seq, { ...filled, ...values });
    if (outcome.ok && outcome.reply.kind === 'form.errors') {
      throw new Error(`seed: form ${open.form.id} refused ${Object.keys(outcome.reply.errors).join(', ')}`);
    }
    // A preview step stays open for the next fill; a finished form's result is read and closed.
    if (outcome.ok && outcome.reply.kind === 'form.done') interactions.closeForm(ref);
    await time.runDue();
  };
  /** A persona presses a button of the latest message in their conversation with Cairn that has it. */
  const press = async (ref: string, action: string, pick: (values: string[]) => string | undefined) => {
    for (const entry of platform.entries(directConversation(ref), ref).reverse()) {
      const values = (entry.message?.blocks ?? [])
        .flatMap((b) => (b.type === 'actions' ? b.buttons : []))
        .filter((b) => b.action === action)
        .map((b) => b.value);
      const value = values.length ? pick(values) : undefined;
      if (value !== undefined) return act(interactions.press(ref, entry.id, { action, value }));
    }
    throw new Error(`seed: ${ref} has no ${action} button`);
  };
  const first = (values: string[]) => values[0];
  const day = (instant: Date) => DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() ?? '';

  // The next session is in 2 or 3 days, so that its vote is open now (a ballot opens 3 days before at 09:00
  // and closes the day before at 09:00) while the check-in round after the last session is still open (it
  // closes 2 days before at 18:00); the first session was four weeks before it, the third follows four
  // weeks after.
  const today = DateTime.fromJSDate(now, { zone: timeZone });
  const ahead = today.hour < 9 ? 2 : 3;
  const firstSession = today
    .startOf('day')
    .plus({ days: ahead - 28 })
    .set({ hour: 14, minute: 0 });
  const at = (days: number) => new Date(firstSession.toMillis() + days * DAY);

  // Ten days before it, the facilitator set the group up in its space and planned three sessions.
  clock.set(at(-10));
  await act(interactions.say(fac, space, '/cairn setup'));
  await fill(fac, {
    name: content.groupName,
    language,
    timeZone,
    supportContacts: content.supportContacts,
  });
  await act(interactions.say(fac, space, '/cairn session'));
  await fill(fac, {
    date: firstSession.toISODate() ?? '',
    time: '14:00',
    duration: '180',
    place: content.place,
    everyWeeks: '4',
    count: '3',
  });

  // Julien and Sophie brought a case to the first session; the facilitator selected them, then marked
  // them presented.
  await time.advanceTo(at(-5));
  for (const [persona, text] of [
    [julien, content.pastCase],
    [sophie, between.secondPastCase],
  ] as const) {
    if (!persona) continue;
    await act(interactions.say(persona.ref, directConversation(persona.ref), '/cairn case'));
    await fill(persona.ref, { ...text, kind: 'problem', visibility: 'group', charter: 'true' });
  }
  await time.advanceTo(at(-1));
  const pastCases = await queuedCaseIds(core, interactions.actor(fac));
  for (const id of pastCases) await act(pressMark(interactions, core, fac, `${id}:selected`));
  await time.advanceTo(at(1));
  // Marked after the session: each author gets "Write my action plan" at once.
  for (const id of pastCases) await act(pressMark(interactions, core, fac, `${id}:presented`));

  // That morning the check-in prompt also asked what each takes away; Thomas sent his for the synthesis.
  if (thomas) {
    await press(thomas.ref, ACTION.takeawayWrite, first);
    await fill(thomas.ref, { text: between.takeaway, share: 'true' });
  }

  // The day after, the facilitator wrote the session's synthesis, previewed it and posted it to the group.
  await act(interactions.say(fac, space, '/cairn synthesis'));
  await fill(fac, content.synthesis);
  await fill(fac, {});

  // The two clients wrote their action plans: Julien's follow-up two weeks on, Sophie's tomorrow.
  if (julien) {
    await press(julien.ref, ACTION.planWrite, first);
    await fill(julien.ref, { ...between.julienPlan, followUpOn: day(at(14)), visibility: 'facilitators' });
  }
  if (sophie) {
    await press(sophie.ref, ACTION.planWrite, first);
    await fill(sophie.ref, {
      ...between.sophiePlan,
      support: '',
      followUpOn: day(new Date(now.getTime() + DAY)),
      visibility: 'me',
    });
  }

  // Nadia noted two situations in her notebook over the following weeks.
  await time.advanceTo(at(9));
  if (nadia)
    await act(
      interactions.say(nadia.ref, directConversation(nadia.ref), `/cairn note ${content.openCase.situation}`),
    );
  // Julien's follow-up came on its date: he told how it went, to be shared with the group.
  await time.advanceTo(at(14));
  if (julien) {
    await press(julien.ref, ACTION.planReport, first);
    await fill(julien.ref, { outcome: 'partly', ...between.julienReport, share: 'group' });
  }
  await time.advanceTo(at(16));
  if (nadia) {
    await act(interactions.say(nadia.ref, directConversation(nadia.ref), '/cairn note'));
    await fill(nadia.ref, between.note);
  }

  // Four days ago, Thomas and Sophie proposed cases for the next session, for the whole group to read.
  await time.advanceTo(new Date(now.getTime() - 4 * DAY));
  for (const [persona, text, kind] of [
    [thomas, content.votedCases[0], 'problem'],
    [sophie, content.votedCases[1], 'project'],
  ] as const) {
    if (!persona) continue;
    await act(interactions.say(persona.ref, directConversation(persona.ref), '/cairn case'));
    await fill(persona.ref, { ...text, kind, urgency: 'medium', visibility: 'group', charter: 'true' });
  }

  // Two days ago, Nadia turned her first note into a case for the next session, for the facilitator only.
  await time.advanceTo(new Date(now.getTime() - 2 * DAY));
  if (nadia) {
    await act(interactions.say(nadia.ref, directConversation(nadia.ref), '/cairn carnet'));
    // The notebook lists the newest first: her first note is the last one.
    await press(nadia.ref, ACTION.noteToCase, (values) => values.at(-1));
    const { situation: _fromTheNote, ...rest } = content.openCase;
    await fill(nadia.ref, {
      ...rest,
      kind: 'concern',
      urgency: 'high',
      visibility: 'facilitator',
      charter: 'true',
    });
  }

  // Three cases for a session that takes two: the group's vote opened; three members have voted since.
  await time.advanceTo(now);
  if (julien) await castVote(deps, julien.ref, fill, (options) => options.slice(0, 1));
  if (sophie) await castVote(deps, sophie.ref, fill, (options) => options.slice(0, 2));
  if (karim) await castVote(deps, karim.ref, fill, (options) => options.slice(0, 1));
  clock.reset();
  await time.runDue();
  logger.info({ personas: platform.listPersonas().length }, 'playground demo seeded');
}

/** The cases of the facilitator's queue, read from its buttons as the facilitator would see it. */
async function queuedCaseIds(core: Core, facilitator: Actor): Promise<string[]> {
  const queue = await core.handle({
    kind: 'command',
    actor: facilitator,
    place: { kind: 'space', address: DEMO_SPACE },
    text: 'cases',
  });
  if (queue.kind !== 'message') return [];
  const buttons = queue.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
  const ids = buttons.filter((b) => b.action === ACTION.caseMark).map((b) => b.value.split(':')[0] ?? '');
  return [...new Set(ids)];
}

/** The facilitator marks a case, as the queue's buttons do. */
function pressMark(interactions: Interactions, core: Core, ref: string, value: string) {
  return core.handle({
    kind: 'action',
    actor: interactions.actor(ref),
    place: { kind: 'direct' },
    action: ACTION.caseMark,
    value,
  });
}

/** A member votes as they would: the home's Vote button, then the ballot's form with their choices. */
async function castVote(
  deps: SeedDeps,
  ref: string,
  fill: (ref: string, values: FormValues) => Promise<void>,
  choose: (options: string[]) => string[],
): Promise<void> {
  const { core, interactions, time } = deps;
  const home = core.home(interactions.actor(ref));
  const button = home.blocks
    .flatMap((b) => (b.type === 'actions' ? b.buttons : []))
    .find((b) => b.action === ACTION.voteOpen);
  if (!button) return;
  await interactions.press(ref, 'home', button);
  await time.runDue();
  const field = interactions.openForm(ref)?.form?.fields.find((f) => f.id === 'choices');
  const options = field?.kind === 'multiselect' ? field.options.map((o) => o.value) : [];
  await fill(ref, { choices: choose(options) });
}
