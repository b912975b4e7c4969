import { ACTION, FORM } from './ids.js';

/**
 * The check-in's promise at the edge: opening or submitting the anonymous check-in leaves no trace but the
 * counters. Around it nothing is written or refreshed (no event id, no display name, no conversation
 * reference, no Home tab) and nothing is logged or looked up: the time of any such write could be matched
 * with the counters' change. The core and every adapter ask this one question.
 */
export function leavesNoTrace(interaction: { formId?: unknown; action?: unknown }): boolean {
  return interaction.formId === FORM.checkin || interaction.action === ACTION.checkinOpen;
}
