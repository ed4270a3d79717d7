// pages.saveNotes through the dispatcher on a real clone: the notes land below the line, the
// generated part stays byte for byte (the guard agrees), and the refusals leave the file untouched.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitAtEditLine } from '../../../shared/edit-line';
import { checkChange } from '../../../shared/guard';
import { git } from '../../helpers/fixtures';
import { refusal } from '../../helpers/refusal';
import { startInProcessApi, type InProcessApi } from '../helpers/in-process-api';

let backEnd: InProcessApi;
const page = 'generated_pages/techniques/T0155.007.md';

beforeAll(async () => {
  backEnd = await startInProcessApi();
});
afterAll(async () => {
  await backEnd?.dispose();
});

describe('pages.saveNotes', () => {
  it('writes the notes below the line and keeps the generated part', async () => {
    const before = readFileSync(join(backEnd.clone.path, page), 'utf8');
    const result = await backEnd.api.call('pages.saveNotes', { path: page, notes: '\n\nSeen again in 2025 (T0155.007: Encrypted Communication Channel).\n', expectedText: before });
    const after = readFileSync(join(backEnd.clone.path, page), 'utf8');
    expect(result).toEqual({ path: page, text: after });
    expect(after).toBe(before.slice(0, splitAtEditLine(before).notesOffset) + '\n\nSeen again in 2025 (T0155.007: Encrypted Communication Channel).\n');
    // The guard, on what git would commit against HEAD, has nothing to say.
    const head = git(backEnd.clone.path, 'show', `HEAD:${page}`);
    expect(checkChange({ path: page, status: 'modified', oldText: head, newText: after })).toEqual([]);
  });

  it('refuses when the file changed on disk since it was opened', async () => {
    const stale = readFileSync(join(backEnd.clone.path, page), 'utf8');
    writeFileSync(join(backEnd.clone.path, page), `${stale}\nedited elsewhere\n`);
    const error = await refusal(backEnd.api.call('pages.saveNotes', { path: page, notes: 'mine', expectedText: stale }));
    expect(error.code).toBe('conflict');
    expect(readFileSync(join(backEnd.clone.path, page), 'utf8')).toBe(`${stale}\nedited elsewhere\n`);
  });

  it('refuses a page without the edit line, a path outside the checkout, and .git', async () => {
    const index = readFileSync(join(backEnd.clone.path, 'generated_pages/techniques_index.md'), 'utf8');
    expect((await refusal(backEnd.api.call('pages.saveNotes', { path: 'generated_pages/techniques_index.md', notes: 'x', expectedText: index }))).code).toBe('bad-request');
    expect(readFileSync(join(backEnd.clone.path, 'generated_pages/techniques_index.md'), 'utf8')).toBe(index);
    expect((await refusal(backEnd.api.call('pages.saveNotes', { path: '../outside.md', notes: 'x', expectedText: '' }))).code).toBe('bad-request');
    expect((await refusal(backEnd.api.call('pages.saveNotes', { path: '.git/config', notes: 'x', expectedText: '' }))).code).toBe('forbidden');
    expect((await refusal(backEnd.api.call('pages.saveNotes', { path: 'generated_pages/techniques/T9999.md', notes: 'x', expectedText: '' }))).code).toBe('not-found');
  });

  it('refuses notes that would extend the edit line, or make the page binary, and leaves the file as it was (issue 11)', async () => {
    const before = readFileSync(join(backEnd.clone.path, page), 'utf8');
    const extended = await refusal(backEnd.api.call('pages.saveNotes', { path: page, notes: ' X', expectedText: before }));
    expect(extended.code).toBe('guard-violation');
    expect(extended.details).toMatchObject({ violations: [{ file: page, rule: 'edit-line-extended' }] });
    expect(extended.message).toContain('new line below');
    const binary = await refusal(backEnd.api.call('pages.saveNotes', { path: page, notes: '\n\na note\u0000', expectedText: before }));
    expect(binary.details).toMatchObject({ violations: [{ file: page, rule: 'not-text' }] });
    expect(readFileSync(join(backEnd.clone.path, page), 'utf8')).toBe(before);
  });
});
