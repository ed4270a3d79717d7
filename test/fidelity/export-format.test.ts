/**
 * The xlsx export formatted as the master formats its own cells (read with openpyxl, as the
 * maintainers' tools read it): each column's number format is the one most of the master's filled
 * cells in that column have, and `longname` is the master's formula, relative to its own row.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { masterRowsToXlsx } from '../../electron/drafts/master-data-xlsx';
import { newDraft } from '../../shared/drafts/changes';
import { draftToMasterRows, MASTER_SHEETS } from '../../shared/drafts/master-rows';
import { DISARM_DIR, tempDir } from '../helpers/fixtures';
import { findGeneratorPython, NO_PYTHON_REASON } from './generator';

const python = findGeneratorPython();
const DESCRIBE = fileURLToPath(new URL('describe_cells.py', import.meta.url));
const MASTER = join(DISARM_DIR, 'DISARM_MASTER_DATA', 'DISARM_DATA_MASTER.xlsx');
const SHEETS = MASTER_SHEETS.map((s) => s.name);

type Described = Record<string, Record<string, { formats: Record<string, number>; formulas: string[] }>>;

function describeCells(file: string): Described {
  return JSON.parse(execFileSync(python as string, [DESCRIBE, file, ...SHEETS], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })) as Described;
}

/** The format most of a column's cells have. */
const usual = (formats: Record<string, number>) => Object.entries(formats).sort((a, b) => b[1] - a[1])[0]?.[0];

describe.skipIf(python === undefined)(`the xlsx export, cell by cell against the master${python === undefined ? ` (skipped: ${NO_PYTHON_REASON})` : ''}`, () => {
  it('formats each column as the master does, and writes longname as its formula', async () => {
    const draft = newDraft(randomUUID(), '2025-02-20T00:00:00.000Z', {
      incidentId: 'I00130',
      incident: { name: 'Name', summary: 'Summary', type: 'campaign', yearStarted: '2025', attributedTo: 'Russia', foundInCountry: 'Portugal', foundVia: 'news', dateAdded: '2025-02-20', notes: 'Notes' },
      references: [{ id: randomUUID(), url: 'https://example.org/a', pubDate: '2025/02/19', authors: 'A', org: 'O', archiveUrl: 'https://web.archive.org/web/2025/https://example.org/a' }],
      annotations: [
        { id: randomUUID(), quote: 'q1', techniqueIds: ['T0143.003'], explanation: 'e1', review: 'accepted', linkId: 'IT00000549' },
        { id: randomUUID(), quote: 'q2', techniqueIds: ['T0143.003', 'T0155.007'], explanation: 'e2', review: 'accepted', linkId: 'IT00000550' },
      ],
    });
    const dir = tempDir();
    try {
      const file = join(dir.path, 'export.xlsx');
      writeFileSync(file, await masterRowsToXlsx(draftToMasterRows(draft)));
      const [master, exported] = [describeCells(MASTER), describeCells(file)];
      for (const sheet of SHEETS) {
        for (const [column, cells] of Object.entries(exported[sheet] ?? {})) {
          expect(usual(cells.formats), `${sheet}.${column}`).toBe(usual(master[sheet]?.[column]?.formats ?? {}));
        }
      }
      expect(master.incidents?.longname?.formulas[0]).toBe('=A2&" - "&B2');
      expect(exported.incidents?.longname?.formulas).toEqual(['=A2&" - "&B2']);
    } finally {
      dir.dispose();
    }
  });
});
