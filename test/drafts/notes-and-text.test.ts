import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EDIT_LINE } from '../../shared/edit-line';
import { unescapeCell } from '../../shared/markdown/table-cell';
import { defuseEditLine, defuseHtml, findTags, frameworkTextToCell } from '../../shared/drafts/framework-text';
import { findBlocks, renderBlock, upsertBlock } from '../../shared/drafts/notes-blocks';
import { parseDescription, renderDescription } from '../../shared/drafts/render-description';

describe('notes blocks', () => {
  const draft = randomUUID();
  const other = randomUUID();

  it('appends to empty notes, replaces in place, removes back to the original', () => {
    const once = upsertBlock('', draft, 'I00130', 'first');
    expect(once).toBe(`\n\n${renderBlock('I00130', 'first')}\n`);
    expect(upsertBlock(once, draft, 'I00130', 'first')).toBe(once);
    const replaced = upsertBlock(once, draft, 'I00130', 'second');
    expect(findBlocks(replaced).map((b) => b.body)).toEqual(['second']);
    expect(upsertBlock(replaced, draft, 'I00130', undefined)).toBe('');
  });

  it('never touches other notes or another draft’s block, and keeps a block’s place', () => {
    const notes = `\n\nBefore.\n\n${`<!-- disarm-workbench:begin draft=${other} incident=I00131 -->\ntheirs\n<!-- disarm-workbench:end draft=${other} -->`}\n\nAfter.\n`;
    const added = upsertBlock(notes, draft, 'I00130', 'mine');
    expect(added.startsWith(notes)).toBe(true);
    const withTrailer = added + 'Later note.\n';
    const updated = upsertBlock(withTrailer, draft, 'I00130', 'mine, edited');
    expect(updated).toBe(withTrailer.replace('mine', 'mine, edited'));
    expect(findBlocks(updated).map((b) => [b.draftId, b.body])).toEqual([
      [other, 'theirs'],
      [undefined, 'mine, edited'],
    ]);
    expect(upsertBlock(added, draft, 'I00130', undefined)).toBe(notes);
  });

  it('keeps exactly one block when a duplicate was pasted by hand', () => {
    const block = renderBlock('I00130', 'x');
    const notes = `\n\n${block}\n\nnote\n\n${block}\n`;
    const fixed = upsertBlock(notes, draft, 'I00130', 'y');
    expect(findBlocks(fixed)).toHaveLength(1);
    expect(fixed).toContain('note');
  });
});

describe('framework text', () => {
  it('keeps the framework’s own tags and defuses every other', () => {
    expect(findTags('<i>a</i><I>b</I><b>c</b><br><br/><br />').every((t) => t.allowed)).toBe(true);
    expect(defuseHtml('<i>ok</i> <script>x</script> <a href="y">z</a> <!-- c --> <i onclick=1>')).toBe('<i>ok</i> &lt;script>x&lt;/script> &lt;a href="y">z&lt;/a> &lt;!-- c --> &lt;i onclick=1>');
  });

  it('breaks up the edit line so a page’s first occurrence stays its own', () => {
    const text = `quote ${EDIT_LINE} end`;
    const defused = defuseEditLine(text);
    expect(defused).not.toContain(EDIT_LINE);
    expect(unescapeCell(defused)).toBe(text);
  });

  it('writes a cell on one line with pipes escaped, and reads it back', () => {
    const explanation = 'First line | with a pipe\nsecond \\| line';
    const cell = frameworkTextToCell(explanation);
    expect(cell).toBe('First line \\| with a pipe<br>second \\| line');
    const description = renderDescription('  “quoted” | text\r\nnext  ', explanation);
    expect(description).not.toMatch(/[\r\n]/);
    expect(parseDescription(description)).toEqual({ quote: '“quoted” | text\r\nnext', explanation: 'First line | with a pipe\nsecond | line' });
  });
});
