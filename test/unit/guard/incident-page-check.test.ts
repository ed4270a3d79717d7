import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDIT_LINE } from '../../../shared/edit-line';
import { checkChanges, type GuardChange } from '../../../shared/guard';
import { checkNewIncidentPage } from '../../../shared/guard/incident-page-check';
import { DISARM_DIR } from '../../helpers/fixtures';

const NEW_PATH = 'generated_pages/incidents/I09999.md';
/** A real incident page as the generator wrote it (2025-02), given a free id. */
const REAL = readFileSync(join(DISARM_DIR, 'generated_pages/incidents/I00068.md'), 'utf8').replace('# Incident I00068:', '# Incident I09999:');

function added(text: string, path = NEW_PATH): GuardChange {
  return { path, status: 'added', newText: text };
}

describe('guard: new incident pages, full check (parse and render again)', () => {
  const options = { checkNewPage: checkNewIncidentPage };

  it('accepts a page in the newest format, with notes below the line', () => {
    expect(checkChanges([added(REAL + '\n\nAnalyst notes.\n')], options)).toEqual([]);
  });

  it('refuses a page whose generated part the newest format would write differently, at the first differing line', () => {
    const drifted = REAL.replace('* **incident type**: ', '* **Incident type**: ');
    expect(checkChanges([added(drifted)], options)).toEqual([expect.objectContaining({ rule: 'new-page-not-canonical', line: 5 })]);
  });

  it('refuses a page that does not parse, and still checks ids and structure first', () => {
    expect(checkChanges([added('# Incident I09999: x\n\nnothing else\n' + EDIT_LINE)], options)[0]?.rule).toMatch(/new-page-(invalid|not-canonical)/);
    expect(checkChanges([added(REAL)], { ...options, usedIds: new Set(['I09999']) })[0]?.rule).toBe('id-taken');
  });

  it('refuses a page in an old format (no reference table, as before 2024-05)', () => {
    const legacy = REAL.replace(/\| Reference \|[\s\S]*?\n \n\n/, '');
    expect(legacy).not.toBe(REAL);
    const violations = checkChanges([added(legacy)], options);
    expect(violations).toHaveLength(1);
    expect(violations[0]?.rule).toBe('new-page-not-canonical');
  });
});
