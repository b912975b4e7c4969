import { type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import type { Guide } from '../../src/core/domain/guide.js';
import type { Harness } from './harness.js';
import { button, caseValues, shown } from './scenario.js';

export const MINUTE = 60_000;

/** The guide's live message in a space: the last message Cairn posted there whose heading is a guide's. */
export function guideMessage(h: Harness, space: string): Message {
  const posts = h.platform.postsIn(space).filter((m) => /Guide de séance|Session guide/.test(messageText(m)));
  const last = posts.at(-1);
  if (!last) throw new Error(`no guide message in ${space}`);
  return last;
}

/** What the guide shows now (blocks' text), for assertions. */
export const guideText = (h: Harness, space: string): string => shown(guideMessage(h, space));

/** The edits the platform received for the guide's message. */
export function guideEdits(h: Harness, space: string): number {
  const post = h.platform.deliveries.find(
    (d) =>
      d.kind === 'space' &&
      d.address === space &&
      /Guide de séance|Session guide/.test(messageText(d.message)),
  );
  if (!post) return 0;
  return h.platform.deliveries.filter((d) => d.kind === 'update' && d.ref === post.ref).length;
}

/** A member proposes a case (in their direct conversation) and the facilitator selects it. */
export async function selectedCase(
  h: Harness,
  author: MemoryUser,
  facilitator: MemoryUser,
  title: string,
): Promise<string> {
  await author.command('case');
  await author.submit(caseValues({ title, visibility: 'group' }));
  const c = h.store.cases
    .listByAuthor(h.store.people.findByUserRef('memory', author.userRef)!.id)
    .find((x) => x.title === title);
  if (!c) throw new Error(`case "${title}" was not stored: ${author.lastText}`);
  await facilitator.press({ action: ACTION.caseMark, value: `${c.id}:selected` });
  return c.id;
}

/** `/cairn guide` in the space, the case chosen, started; the live message delivered. */
export async function startGuide(h: Harness, facilitator: MemoryUser, space: string, caseId?: string) {
  await facilitator.command('guide', { in: space });
  if (!facilitator.form) throw new Error(`no guide form: ${facilitator.lastText}`);
  const reply = await facilitator.submit(caseId ? { case: caseId } : {});
  await h.run();
  return reply;
}

/** The guide running in a group, as stored. */
export function runningGuide(h: Harness, groupId: string): Guide {
  const g = h.store.guides.findRunning(groupId);
  if (!g) throw new Error('no guide running');
  return g;
}

/** Presses a button of the guide's current message. */
export const pressGuide = (h: Harness, user: MemoryUser, space: string, action: string) =>
  user.press(button(guideMessage(h, space), action), { in: space });
