import { ACTION, FORM } from './ids.js';

/** The anonymous forms (the check-in, the ballot on proposed cases) and the buttons that open them. */
const ANONYMOUS_FORMS: readonly unknown[] = [FORM.checkin, FORM.vote];
const ANONYMOUS_OPENERS: readonly unknown[] = [ACTION.checkinOpen, ACTION.voteOpen];

/**
 * The check-in's and the ballot's promise at the edge: opening or submitting them leaves no trace but the
 * counters. Around them nothing is written or refreshed (no event id, no display name, no conversation
 * reference, no Home tab) and nothing is logged or looked up: the time of any such write could be matched
 * with the counters' change. The core and every adapter ask this one question.
 */
export function leavesNoTrace(interaction: { formId?: unknown; action?: unknown }): boolean {
  return ANONYMOUS_FORMS.includes(interaction.formId) || ANONYMOUS_OPENERS.includes(interaction.action);
}
