/**
 * The Block Kit limits the fake Slack enforces, so that a message or view Slack would refuse with
 * `invalid_blocks` / `invalid_arguments` is refused in tests too (docs.slack.dev/reference/block-kit).
 */
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function textObject(v: unknown, max: number, where: string, plainOnly = false): string | null {
  if (!isObject(v)) return `${where}: missing text object`;
  if (v.type !== 'plain_text' && (plainOnly || v.type !== 'mrkdwn')) return `${where}: bad text type`;
  if (typeof v.text !== 'string' || v.text.length === 0) return `${where}: empty text`;
  if (v.text.length > max) return `${where}: text longer than ${max}`;
  return null;
}

function option(v: unknown, where: string): string | null {
  if (!isObject(v)) return `${where}: bad option`;
  const text = textObject(v.text, 75, `${where}.text`);
  if (text) return text;
  if (typeof v.value !== 'string' || v.value.length > 150) return `${where}: bad option value`;
  return null;
}

function options(list: unknown, where: string): string | null {
  if (!Array.isArray(list) || list.length === 0 || list.length > 100) return `${where}: 1 to 100 options`;
  for (const [i, o] of list.entries()) {
    const problem = option(o, `${where}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

function menu(el: Json, where: string): string | null {
  if (Array.isArray(el.option_groups)) {
    for (const [i, g] of el.option_groups.entries()) {
      if (!isObject(g)) return `${where}: bad group`;
      const problem =
        textObject(g.label, 75, `${where}.group${i}`, true) ?? options(g.options, `${where}.group${i}`);
      if (problem) return problem;
    }
    return null;
  }
  return options(el.options, where);
}

const INPUT_ELEMENTS = [
  'plain_text_input',
  'static_select',
  'multi_static_select',
  'checkboxes',
  'datepicker',
  'timepicker',
];

function element(el: unknown, where: string): string | null {
  if (!isObject(el)) return `${where}: missing element`;
  if (typeof el.action_id === 'string' && el.action_id.length > 255) return `${where}: action_id too long`;
  switch (el.type) {
    case 'button':
      if (typeof el.value === 'string' && el.value.length > 2000) return `${where}: value too long`;
      return textObject(el.text, 75, `${where}.text`, true);
    case 'plain_text_input':
      if (typeof el.max_length === 'number' && el.max_length > 3000) return `${where}: max_length > 3000`;
      if (
        typeof el.initial_value === 'string' &&
        typeof el.max_length === 'number' &&
        el.initial_value.length > el.max_length
      )
        return `${where}: initial value longer than max_length`;
      return null;
    case 'static_select':
    case 'multi_static_select':
      return menu(el, where);
    case 'checkboxes':
      if (!Array.isArray(el.options) || el.options.length > 10) return `${where}: 1 to 10 checkboxes`;
      return options(el.options, where);
    case 'datepicker':
      if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date)))
        return `${where}: bad initial_date`;
      return null;
    case 'timepicker':
      if (el.initial_time !== undefined && !/^\d{2}:\d{2}$/.test(String(el.initial_time)))
        return `${where}: bad initial_time`;
      return null;
    default:
      return `${where}: unknown element ${String(el.type)}`;
  }
}

function block(b: unknown, where: string, surface: 'message' | 'modal' | 'home'): string | null {
  if (!isObject(b)) return `${where}: not an object`;
  if (typeof b.block_id === 'string' && b.block_id.length > 255) return `${where}: block_id too long`;
  switch (b.type) {
    case 'divider':
      return null;
    case 'header':
      return textObject(b.text, 150, `${where}.text`, true);
    case 'section': {
      if (b.text === undefined && b.fields === undefined) return `${where}: section without text or fields`;
      if (b.text !== undefined) {
        const problem = textObject(b.text, 3000, `${where}.text`);
        if (problem) return problem;
      }
      if (b.fields !== undefined) {
        if (!Array.isArray(b.fields) || b.fields.length === 0 || b.fields.length > 10)
          return `${where}: 1 to 10 fields`;
        for (const [i, f] of b.fields.entries()) {
          const problem = textObject(f, 2000, `${where}.fields[${i}]`);
          if (problem) return problem;
        }
      }
      return null;
    }
    case 'context': {
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10)
        return `${where}: 1 to 10 context elements`;
      for (const [i, e] of b.elements.entries()) {
        const problem = textObject(e, 3000, `${where}.elements[${i}]`);
        if (problem) return problem;
      }
      return null;
    }
    case 'actions': {
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25)
        return `${where}: 1 to 25 actions`;
      const ids = new Set<string>();
      for (const [i, e] of b.elements.entries()) {
        const problem = element(e, `${where}.elements[${i}]`);
        if (problem) return problem;
        const id = (e as Json).action_id;
        if (typeof id === 'string') {
          if (ids.has(id)) return `${where}: duplicate action_id ${id}`;
          ids.add(id);
        }
      }
      return null;
    }
    case 'input': {
      if (surface === 'message') return `${where}: input blocks are for modals`;
      if (typeof b.block_id !== 'string') return `${where}: input without block_id`;
      const label = textObject(b.label, 2000, `${where}.label`, true);
      if (label) return label;
      if (b.hint !== undefined) {
        const hint = textObject(b.hint, 2000, `${where}.hint`, true);
        if (hint) return hint;
      }
      const el = b.element;
      if (!isObject(el) || !INPUT_ELEMENTS.includes(String(el.type))) return `${where}: bad input element`;
      return element(el, `${where}.element`);
    }
    default:
      return `${where}: unknown block type ${String(b.type)}`;
  }
}

/** Null when Slack would accept these blocks on this surface, else the first problem found. */
export function blocksProblem(blocks: unknown, surface: 'message' | 'modal' | 'home'): string | null {
  if (blocks === undefined) return null;
  if (!Array.isArray(blocks)) return 'blocks is not an array';
  const max = surface === 'message' ? 50 : 100;
  if (blocks.length > max) return `more than ${max} blocks`;
  const ids = new Set<string>();
  for (const [i, b] of blocks.entries()) {
    const problem = block(b, `blocks[${i}]`, surface);
    if (problem) return problem;
    const id = (b as Json).block_id;
    if (typeof id === 'string') {
      if (ids.has(id)) return `duplicate block_id ${id}`;
      ids.add(id);
    }
  }
  return null;
}

/** Null when Slack would accept this view object. */
export function viewProblem(view: unknown): string | null {
  if (!isObject(view)) return 'view is not an object';
  if (view.type === 'home') return blocksProblem(view.blocks, 'home');
  if (view.type !== 'modal') return 'unknown view type';
  const title = textObject(view.title, 24, 'title', true);
  if (title) return title;
  for (const key of ['submit', 'close'] as const) {
    if (view[key] === undefined) continue;
    const problem = textObject(view[key], 24, key, true);
    if (problem) return problem;
  }
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) return 'callback_id too long';
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000)
    return 'private_metadata too long';
  const blocks = view.blocks;
  if (!Array.isArray(blocks)) return 'view without blocks';
  if (blocks.some((b) => isObject(b) && b.type === 'input') && view.submit === undefined)
    return 'a modal with inputs needs a submit button';
  return blocksProblem(blocks, 'modal');
}
