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
 * a session three weeks ago (with a case presented), two ahead, and a case already submitted.
 */
export async function seedDemo(deps: SeedDeps): Promise<void> {
  const { core, clock, platform, interactions, time, language, timeZone, logger } = deps;
  const content = DEMO_CONTENT[language];
  const now = clock.now();
  const space = spaceConversation(DEMO_SPACE);
  const fac = FACILITATOR.ref;
  const [julien, nadia] = MEMBERS;

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

  // The first session was on a Thursday three to four weeks ago; the next two follow every four weeks.
  const local = DateTime.fromJSDate(now, { zone: timeZone }).minus({ days: 20 });
  const firstSession = local.minus({ days: (local.weekday - 4 + 7) % 7 }).set({ hour: 14, minute: 0 });
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

  await time.advanceTo(now);
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
