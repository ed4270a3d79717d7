import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDIT_LINE } from '../../../shared/edit-line';
import { checkChanges, type GuardChange } from '../../../shared/guard';
import { DISARM_DIR } from '../../helpers/fixtures';

const NEW_PATH = 'generated_pages/incidents/I09999.md';
/** A real incident page as the generator wrote it (2025-02), given a free id. */
const REAL = readFileSync(join(DISARM_DIR, 'generated_pages/incidents/I00068.md'), 'utf8').replace('# Incident I00068:', '# Incident I09999:');

function added(text: string, path = NEW_PATH): GuardChange {
  return { path, status: 'added', newText: text };
}

describe('guard: new incident pages, structural check (no parser)', () => {
  it('accepts a page with the right title, the edit line and a free id', () => {
    expect(checkChanges([added(REAL)])).toEqual([]);
  });

  it('refuses a page without the edit line, with a wrong title, or not UTF-8', () => {
    expect(checkChanges([added(REAL.replace(EDIT_LINE, ''))])[0]).toMatchObject({ rule: 'new-page-invalid', file: NEW_PATH });
    expect(checkChanges([added(REAL.replace('I09999', 'I00068'))])[0]).toMatchObject({ rule: 'new-page-invalid', line: 1 });
    expect(checkChanges([{ ...added(REAL), encoding: 'bytes' }])[0]?.message).toContain('UTF-8');
  });

  it('refuses an id already in use', () => {
    expect(checkChanges([added(REAL)], { usedIds: new Set(['I09999']) })[0]).toMatchObject({ rule: 'id-taken', file: NEW_PATH });
  });

  it('refuses a malformed incident file name', () => {
    expect(checkChanges([added(REAL, 'generated_pages/incidents/I9999.md')])[0]?.rule).toBe('file-added');
  });
});
