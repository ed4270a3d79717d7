import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { newDraft } from '../../shared/drafts/changes';
import { draftToMasterRows, INCIDENT_COLUMNS, INCIDENT_TECHNIQUE_COLUMNS, masterRowsToDraftContent, MASTER_SHEETS, NotReadyError, URL_COLUMNS } from '../../shared/drafts/master-rows';
import { masterRowsToXlsx } from '../../electron/drafts/master-data-xlsx';
import { DISARM_DIR, tempDir } from '../helpers/fixtures';
import { writeFileSync } from 'node:fs';

const SPREADSHEET = join(DISARM_DIR, 'DISARM_MASTER_DATA', 'DISARM_DATA_MASTER.xlsx');

type Sheet = unknown[][];
const sheets: Record<string, Sheet> = {};

beforeAll(async () => {
  for (const name of ['incidents', 'urls', 'incidenttechniques']) sheets[name] = (await readSheet(SPREADSHEET, name)) as Sheet;
});

/** The sheet's rows as objects keyed by its header row. */
function rowsOf(name: string): Record<string, unknown>[] {
  const [header, ...rows] = sheets[name] as Sheet;
  return rows.map((row) => Object.fromEntries((header as string[]).map((column, i) => [column, row[i] ?? null])));
}

describe('master data columns', () => {
  it('are exactly the header rows of the fixture spreadsheet', () => {
    expect(sheets.incidents?.[0]).toEqual([...INCIDENT_COLUMNS]);
    expect(sheets.urls?.[0]).toEqual([...URL_COLUMNS]);
    expect(sheets.incidenttechniques?.[0]).toEqual([...INCIDENT_TECHNIQUE_COLUMNS]);
  });
});

describe('draftToMasterRows', () => {
  it('gives back I00068’s own rows from I00068 opened as a draft', () => {
    const incident = rowsOf('incidents').find((r) => r.disarm_id === 'I00068') as Record<string, unknown>;
    const links = rowsOf('incidenttechniques').filter((r) => r.incident_id === 'I00068');
    const content = masterRowsToDraftContent(incident, rowsOf('urls'), links, { newId: randomUUID });
    expect(content.annotations).toHaveLength(4);
    const draft = newDraft(randomUUID(), new Date().toISOString(), content);
    const rows = draftToMasterRows(draft);

    expect(rows.incidents).toEqual([incident]);
    expect(rows.urls).toEqual(rowsOf('urls').filter((r) => r.url_id === incident.urls));
    const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.disarm_id).localeCompare(String(b.disarm_id));
    expect(rows.incidenttechniques).toEqual([...links].sort(byId));
  });

  it('writes empty fields as empty cells, a year as a number and several URLs separated by a space', () => {
    const draft = newDraft(randomUUID(), '2025-02-20T00:00:00.000Z', {
      incidentId: 'I00130',
      incident: { name: 'Messaging apps campaign', yearStarted: '2025', summary: 'Line one\r\nline two' },
      references: [
        { id: randomUUID(), url: 'https://example.org/a', pubDate: '2025/02/19', authors: '', org: 'Example', archiveUrl: '' },
        { id: randomUUID(), url: 'https://example.org/b', pubDate: '', authors: 'A, B', org: '', archiveUrl: 'https://web.archive.org/x' },
      ],
      annotations: [{ id: randomUUID(), quote: 'a | quote', techniqueIds: ['T0143.003', 'T0097.100'], explanation: 'why', review: 'accepted', linkId: 'IT00000550' }],
    });
    const rows = draftToMasterRows(draft);
    expect(rows.incidents[0]).toMatchObject({ disarm_id: 'I00130', objecttype: null, year_started: 2025, summary: 'Line one\nline two', urls: 'https://example.org/a https://example.org/b', longname: 'I00130 - Messaging apps campaign' });
    expect(rows.urls[1]).toEqual({ url_id: 'https://example.org/b', pub_date: null, authors: 'A, B', org: null, archive_link: 'https://web.archive.org/x' });
    expect(rows.incidenttechniques).toEqual([{ disarm_id: 'IT00000550', name: '<i>“a \\| quote”</i><br><br>why', incident_id: 'I00130', technique_ids: 'T0143.003,T0097.100', summary: null }]);
  });

  it('refuses a draft without its ids', () => {
    const draft = newDraft(randomUUID(), '2025-02-20T00:00:00.000Z', { annotations: [{ id: randomUUID(), quote: 'q', techniqueIds: ['T0001'], explanation: '', review: 'draft' }] });
    expect(() => draftToMasterRows(draft)).toThrow(NotReadyError);
    expect(() => draftToMasterRows({ ...draft, incidentId: 'I00130' })).toThrow(/no IT id/);
  });
});

describe('masterRowsToXlsx', () => {
  it('writes a workbook whose sheets read back as the same rows', async () => {
    const incident = rowsOf('incidents').find((r) => r.disarm_id === 'I00068') as Record<string, unknown>;
    const links = rowsOf('incidenttechniques').filter((r) => r.incident_id === 'I00068');
    const draft = newDraft(randomUUID(), new Date().toISOString(), masterRowsToDraftContent(incident, rowsOf('urls'), links, { newId: randomUUID }));
    const rows = draftToMasterRows(draft);
    const dir = tempDir();
    try {
      const file = join(dir.path, 'I00068.xlsx');
      writeFileSync(file, await masterRowsToXlsx(rows));
      for (const { name, columns } of MASTER_SHEETS) {
        const data = (await readSheet(file, name)) as unknown[][];
        expect(data[0]).toEqual([...columns]);
        // longname is written as the master's formula, which nothing has calculated yet: it reads as empty.
        const expected = rows[name].map((row) => columns.map((c) => (name === 'incidents' && c === 'longname' ? null : ((row as Record<string, unknown>)[c] ?? null))));
        expect(data.slice(1)).toEqual(expected);
      }
    } finally {
      dir.dispose();
    }
  });
});
