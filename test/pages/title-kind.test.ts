/**
 * A page whose title names another kind than its folder holds is refused with the same reason by
 * every kind's parser (one check, shared/pages/scanned-page.ts), the newest formats included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../shared/pages';
import { DISARM_DIR } from '../helpers/fixtures';

const read = (path: string) => readFileSync(join(DISARM_DIR, path), 'utf8');
const INCIDENT_TEXT = read('generated_pages/incidents/I00068.md');
const TECHNIQUE_TEXT = read('generated_pages/techniques/T0155.007.md');

describe('a title of another kind than the folder', () => {
  it('is refused, naming the title word and the folder, for techniques, incidents and the other kinds', () => {
    const cases: [path: string, text: string, reason: string][] = [
      ['generated_pages/techniques/T0155.007.md', INCIDENT_TEXT, 'the title says "Incident", but generated_pages/techniques/ holds technique pages'],
      ['generated_pages/incidents/I00068.md', TECHNIQUE_TEXT, 'the title says "Technique", but generated_pages/incidents/ holds incident pages'],
      ['generated_pages/counters/C00006.md', TECHNIQUE_TEXT, 'the title says "Technique", but generated_pages/counters/ holds counter pages'],
    ];
    for (const [path, text, reason] of cases) {
      const result = parsePage(path, text);
      expect(result.ok, path).toBe(false);
      expect(result.ok ? '' : result.reason, path).toContain(reason);
    }
  });

  it('is accepted when the kinds agree (the same texts in their own folders)', () => {
    expect(parsePage('generated_pages/incidents/I00068.md', INCIDENT_TEXT).ok).toBe(true);
    expect(parsePage('generated_pages/techniques/T0155.007.md', TECHNIQUE_TEXT).ok).toBe(true);
  });
});
