import type { Picture } from '../../../src/core/contract/chart.js';
import type { Block, Button, Message } from '../../../src/core/contract/message.js';
import { el, safeUrl } from './dom.js';
import type { ChromeTranslate } from './i18n.js';

export type Press = (button: Button, source: HTMLButtonElement) => void;

/** A neutral message as HTML: every string goes in as text, so nothing anyone wrote becomes markup. */
export function renderMessage(
  message: Message,
  opts: { press: Press; t: ChromeTranslate; headingLevel?: 3 | 4; focusKey: string },
): HTMLElement {
  const body = el('div', { class: 'blocks' });
  message.blocks.forEach((block, i) => {
    const node = renderBlock(block, { ...opts, focusKey: `${opts.focusKey}:${i}` });
    if (node) body.appendChild(node);
  });
  if (message.attachment) {
    const { filename, mimeType, content } = message.attachment;
    const href = URL.createObjectURL(new Blob([content], { type: mimeType }));
    body.appendChild(
      el(
        'p',
        { class: 'attachment' },
        el('a', { href, download: filename, class: 'button' }, opts.t('entry.download', filename)),
      ),
    );
  }
  return body;
}

function renderBlock(
  block: Block,
  opts: { press: Press; t: ChromeTranslate; headingLevel?: 3 | 4; focusKey: string },
): HTMLElement | null {
  switch (block.type) {
    case 'heading':
      return el(opts.headingLevel === 4 ? 'h4' : 'h3', { class: 'block-heading' }, block.text);
    case 'text':
      return el('p', { class: 'block-text' }, block.text);
    case 'context':
      return el('p', { class: 'block-context' }, block.text);
    case 'divider':
      return el('hr');
    case 'fields':
      return el(
        'dl',
        { class: 'block-fields' },
        ...block.fields.map((f) => el('div', {}, el('dt', {}, f.label), el('dd', {}, f.value))),
      );
    case 'bars':
      return renderBars(block);
    case 'actions':
      return el(
        'div',
        { class: 'block-actions' },
        ...block.buttons.map((b, i) => renderButton(b, opts.press, `${opts.focusKey}:${i}`)),
      );
    case 'image':
      return renderPicture(block.image, opts.t);
    case 'chart':
      // Only drawn charts reach the page; an undrawn one reads as its words.
      return el(
        'div',
        {},
        el('p', { class: 'block-text' }, block.chart.title),
        el('p', { class: 'block-text' }, block.chart.altText),
      );
  }
}

/**
 * A chart drawn by Cairn: its title, the PNG inline from a data URI (the page's Content-Security-Policy allows
 * `img-src data:`), its words as the image's alternative for screen readers, and the same words behind a
 * disclosure for anyone who would rather read them.
 */
function renderPicture(image: Picture, t: ChromeTranslate): HTMLElement {
  const img = el('img', {
    class: 'picture',
    src: `data:image/png;base64,${image.pngBase64}`,
    alt: image.altText,
    width: String(image.width),
    height: String(image.height),
  });
  return el(
    'figure',
    { class: 'block-picture' },
    el('figcaption', {}, image.title),
    img,
    el(
      'details',
      { class: 'picture-text' },
      el('summary', {}, t('entry.pictureText')),
      el('p', { class: 'block-text' }, image.altText),
    ),
  );
}

function renderButton(button: Button, press: Press, focusKey: string): HTMLElement {
  const style = button.style ? ` ${button.style}` : '';
  if (button.url) {
    const href = safeUrl(button.url);
    if (!href) return el('span', { class: 'button disabled' }, button.label);
    return el(
      'a',
      { class: `button${style}`, href, target: '_blank', rel: 'noopener noreferrer' },
      button.label,
    );
  }
  const node: HTMLButtonElement = el('button', {
    type: 'button',
    class: `button${style}`,
    'data-focus-key': focusKey,
  });
  node.textContent = button.label;
  node.addEventListener('click', () => press(button, node));
  return node;
}

/** Check-in results: one row per answer with a bar; the numbers are text, the bars are decoration. */
function renderBars(block: Extract<Block, { type: 'bars' }>): HTMLElement {
  const list = el('ul', { class: 'bars-rows' });
  for (const row of block.rows) {
    const fill = el('span', { class: 'bar-fill' });
    fill.style.width = `${row.max > 0 ? Math.round((row.count / row.max) * 100) : 0}%`;
    list.appendChild(
      el(
        'li',
        { class: 'bar-row' },
        el('span', { class: 'bar-label' }, row.label),
        el('span', { class: 'bar-track', 'aria-hidden': 'true' }, fill),
        el('span', { class: 'bar-count' }, String(row.count)),
      ),
    );
  }
  return el(
    'figure',
    { class: 'block-bars' },
    el('figcaption', {}, block.title),
    list,
    block.summary ? el('p', { class: 'block-context' }, block.summary) : null,
  );
}
