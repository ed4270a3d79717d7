/**
 * Working the tagger as a person does: the source text is a CodeMirror editor in a shadow root,
 * so a passage is selected by dragging the mouse from its first character to its last, at the
 * coordinates the browser lays them out at; a technique is added to the open quote by typing in
 * its autocomplete and taking the option.
 */
import { expect, type Page } from '@playwright/test';

/** Where a passage starts and ends on screen, or null when it is not rendered. */
interface PassageBox {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/**
 * Selects `text` in the source editor by a mouse drag (the passage must be on screen). The text
 * may run over several lines (`\n` between them).
 */
export async function selectInSource(page: Page, text: string): Promise<void> {
  const box = await page.locator('.source-editor').evaluate((host, wanted): PassageBox | null => {
    const content = host.shadowRoot?.querySelector('.cm-content');
    if (!content) return null;
    // The rendered lines' text, joined by line breaks, with where each text node starts in it.
    const nodes: { node: Text; start: number }[] = [];
    let all = '';
    Array.from(content.querySelectorAll('.cm-line')).forEach((line, i) => {
      if (i > 0) all += '\n';
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!(node instanceof Text)) continue;
        nodes.push({ node, start: all.length });
        all += node.data;
      }
    });
    const at = all.indexOf(wanted);
    if (at < 0) return null;
    const place = (offset: number, after: boolean): [Text, number] => {
      const hit = nodes.find(({ node, start }) => (after ? offset > start && offset <= start + node.data.length : offset >= start && offset < start + node.data.length));
      if (!hit) throw new Error(`no text node at ${offset}`);
      return [hit.node, offset - hit.start];
    };
    const [startNode, startOffset] = place(at, false);
    const [endNode, endOffset] = place(at + wanted.length, true);
    const first = document.createRange();
    first.setStart(startNode, startOffset);
    first.setEnd(startNode, startOffset + 1);
    const last = document.createRange();
    last.setStart(endNode, endOffset - 1);
    last.setEnd(endNode, endOffset);
    const a = first.getBoundingClientRect();
    const b = last.getBoundingClientRect();
    return { x1: a.left + 0.5, y1: a.top + a.height / 2, x2: b.right - 0.5, y2: b.top + b.height / 2 };
  }, text);
  expect(box, `the passage “${text.slice(0, 40)}…” is not on screen in the source text`).not.toBeNull();
  if (!box) return;
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

/** How many tagged passages the source editor highlights. */
export function highlightCount(page: Page): Promise<number> {
  return page.locator('.source-editor').evaluate((host) => new Set(Array.from(host.shadowRoot?.querySelectorAll('[data-annotation]') ?? []).map((el) => el.getAttribute('data-annotation'))).size);
}

/** The highlighted text of each tagged passage, by annotation id order of appearance. */
export function highlightedTexts(page: Page): Promise<string[]> {
  return page.locator('.source-editor').evaluate((host) => {
    const texts = new Map<string, string>();
    for (const el of Array.from(host.shadowRoot?.querySelectorAll('[data-annotation]') ?? [])) {
      const id = el.getAttribute('data-annotation') ?? '';
      texts.set(id, (texts.get(id) ?? '') + (el.textContent ?? ''));
    }
    return [...texts.values()];
  });
}

/**
 * Adds technique `id` to the open quote through the autocomplete (which has the focus), typing
 * `typed`: the option shows its tactic, the arrows reach it, Enter takes it.
 */
export async function pickTechnique(page: Page, typed: string, id: string): Promise<void> {
  const field = page.getByRole('combobox', { name: 'Add a technique (id or name)' });
  await expect(field).toBeFocused();
  await field.pressSequentially(typed, { delay: 15 });
  const option = page.getByRole('listbox', { name: 'Matching techniques' }).locator(`[data-technique="${id}"]`);
  await expect(option).toBeVisible();
  await expect(option.locator('.tactic')).toHaveText(/^TA\d\d /);
  while ((await option.getAttribute('aria-selected')) !== 'true') await field.press('ArrowDown');
  await field.press('Enter');
  await expect(page.getByRole('list', { name: 'Techniques of this quote' }).getByText(id, { exact: true })).toBeVisible();
}
