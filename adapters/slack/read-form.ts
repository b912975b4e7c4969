import { z } from 'zod';
import type { FormValues } from '../../src/core/contract/form.js';
import { INPUT_ACTION } from './render-form.js';

/** One input element's state in a view_submission, as Slack sends it (only what Cairn reads). */
const option = z.object({ value: z.string() });
const elementState = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: option.nullish(),
  selected_options: z.array(option).nullish(),
  selected_date: z.string().nullish(),
  selected_time: z.string().nullish(),
});

export const viewStateSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

/**
 * `view.state.values[block_id][action_id]` -> the core's values by field id (block id = field id):
 * text for single fields, lists for multi-selects, 'true' / '' for a confirmation checkbox.
 */
export function readForm(values: z.infer<typeof viewStateSchema>): FormValues {
  const out: FormValues = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const parsed = elementState.safeParse(actions[INPUT_ACTION]);
    if (!parsed.success) continue;
    const state = parsed.data;
    switch (state.type) {
      case 'plain_text_input':
        out[blockId] = state.value ?? '';
        break;
      case 'static_select':
        out[blockId] = state.selected_option?.value ?? '';
        break;
      case 'multi_static_select':
        out[blockId] = (state.selected_options ?? []).map((o) => o.value);
        break;
      case 'checkboxes':
        out[blockId] = (state.selected_options ?? []).some((o) => o.value === 'true') ? 'true' : '';
        break;
      case 'datepicker':
        out[blockId] = state.selected_date ?? '';
        break;
      case 'timepicker':
        out[blockId] = state.selected_time ?? '';
        break;
      default:
        break;
    }
  }
  return out;
}
