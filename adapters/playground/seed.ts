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
 * a session about four weeks ago (with a case presented), two ahead, three cases proposed for the next one
 * and the group's vote on them in progress (three members have voted), with the check-in round open.
 */
export async function seedDemo(deps: SeedDeps): Promise<void> {
  const { core, clock, platform, interactions, time, language, timeZone, logger } = deps;
  const content = DEMO_CONTENT[language];
  const now = clock.now();
  const space = spaceConversation(DEMO_SPACE);
  const fac = FACILITATOR.ref;
  const [julien, nadia, thomas, sophie, karim] = MEMBERS;

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

  // Julien brought a case to the first session; the facilitator selected it, then marked it presented.
  await time.advanceTo(at(-5));
  if (julien) {
    await act(interactions.say(julien.ref, directConversation(julien.ref), '/cairn case'));
    await fill(julien.ref, { ...content.pastCase, kind: 'problem', visibility: 'group', charter: 'true' });
  }
  await time.advanceTo(at(-1));
  const pastCase = await queuedCaseId(core, interactions.actor(fac));
  if (pastCase) await act(pressMark(interactions, core, fac, `${pastCase}:selected`));
  await time.advanceTo(at(1));
  if (pastCase) await act(pressMark(interactions, core, fac, `${pastCase}:presented`));

  // The day after, the facilitator wrote the session's synthesis, previewed it and posted it to the group.
  await act(interactions.say(fac, space, '/cairn synthesis'));
  await fill(fac, content.synthesis);
  await fill(fac, {});

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

  // Two days ago, Nadia submitted a case for the next session, for the facilitator's eyes only.
  await time.advanceTo(new Date(now.getTime() - 2 * DAY));
  if (nadia) {
    await act(interactions.say(nadia.ref, directConversation(nadia.ref), '/cairn cas'));
    await fill(nadia.ref, {
      ...content.openCase,
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

/** The first case of the facilitator's queue, read from its buttons as the facilitator would see it. */
async function queuedCaseId(core: Core, facilitator: Actor): Promise<string | undefined> {
  const queue = await core.handle({
    kind: 'command',
    actor: facilitator,
    place: { kind: 'space', address: DEMO_SPACE },
    text: 'cases',
  });
  if (queue.kind !== 'message') return undefined;
  const buttons = queue.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
  return buttons.find((b) => b.action === ACTION.caseMark)?.value.split(':')[0];
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
