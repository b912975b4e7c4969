import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { types, ViewResponseAction } from '@slack/bolt';
import { readForm } from '../../adapters/slack/read-form.js';
import { INPUT_ACTION, renderForm } from '../../adapters/slack/render-form.js';
import { renderMessage } from '../../adapters/slack/render-message.js';
import { unescapeText, viewSubmissionResponse } from '../../adapters/slack/reply.js';
import type { Actor } from '../../src/core/contract/events.js';
import { ACTION, FORM } from '../../src/core/contract/ids.js';
import { CHECKIN_QUESTIONS } from '../../src/core/domain/checkin.js';
import { BENCH_TEAM, slackNameOf } from './fake-slack.js';
import { cleanUp, openSeeder, scratchDir, seedSlackGroups } from './seed.js';

/**
 * What Cairn shows for each request the bench sends, as Slack receives it: the same-work baseline
 * (bench/same-work-bolt.ts) sends exactly these, so that it does the same user-visible work as Cairn.
 */
export type SameWork = {
  /** `/cairn help`: the ephemeral message, as an acknowledgment body. */
  help: { response_type: 'ephemeral'; text: string; blocks: unknown[] };
  /** `/cairn case`: the modal opened with views.open. */
  caseView: types.ModalView;
  /** A check-in answer: the acknowledgment that replaces the form with the thanks. */
  checkinAck: ViewResponseAction;
};

/**
 * Asks a real core (on a scratch database of its own: one group, an open round) and renders its replies
 * with Cairn's Slack renderers, in English as the bench's people see it.
 */
export async function sameWorkReplies(): Promise<SameWork> {
  const dir = scratchDir();
  const seeder = await openSeeder(join(dir, 'cairn.db'));
  try {
    const [member] = seedSlackGroups(seeder, {
      groups: 1,
      size: 4,
      prefix: 'W',
      sessionInDays: 30,
      openRounds: true,
    });
    const m = member!;
    const actor: Actor = {
      platform: 'slack',
      userRef: m.userRef,
      displayName: slackNameOf(m.userId),
      workspace: BENCH_TEAM,
      locale: 'en-US',
    };
    const { core } = seeder;
    const ask = (text: string) => core.handle({ kind: 'command', actor, place: { kind: 'direct' }, text });

    const help = await ask('help');
    if (help.kind !== 'message') throw new Error(`/cairn help: the core answered ${help.kind}`);
    const { text, blocks } = renderMessage(help.message);

    const caseForm = await ask('case');
    if (caseForm.kind !== 'form') throw new Error(`/cairn case: the core answered ${caseForm.kind}`);

    const opened = await core.handle({
      kind: 'action',
      actor,
      place: { kind: 'direct' },
      action: ACTION.checkinOpen,
      value: m.roundId!,
    });
    if (opened.kind !== 'form') throw new Error(`check-in prompt: the core answered ${opened.kind}`);
    const checkinView = renderForm(opened.form);
    // The answers as Slack's view_submission carries them, read by Cairn's own reader.
    const values = Object.fromEntries(
      CHECKIN_QUESTIONS.map((q) => [
        q,
        { [INPUT_ACTION]: { type: 'static_select', selected_option: { value: '3' } } },
      ]),
    );
    const answered = await core.handle({
      kind: 'form.submitted',
      actor,
      formId: FORM.checkin,
      state: opened.form.state,
      values: readForm(values),
    });
    const checkinAck = viewSubmissionResponse(answered, {
      title: unescapeText(checkinView.title.text),
      blockIds: CHECKIN_QUESTIONS.slice(),
    });
    if (checkinAck.response_action !== 'update') throw new Error('check-in answer: no thanks from the core');

    return {
      help: { response_type: 'ephemeral', text, blocks },
      caseView: renderForm(caseForm.form),
      checkinAck,
    };
  } finally {
    seeder.close();
    cleanUp(dir);
  }
}

/** Writes the replies where the same-work baseline's process reads them (BENCH_SAME_WORK). */
export function writeSameWork(dir: string, work: SameWork): string {
  const file = join(dir, 'same-work.json');
  writeFileSync(file, JSON.stringify(work));
  return file;
}
