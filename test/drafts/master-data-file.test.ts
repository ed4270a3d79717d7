// The master data spreadsheet is read in a worker thread: the same rows as reading it here, a
// workbook without the sheets read as empty, and a file that is not a workbook refused with its
// name. (What the worker saves, memory and the app's event loop, is bench figure 6's to show.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { columnValues, MASTER_DATA_PATH, readSheetsOffThread } from '../../electron/drafts/master-data-file';
import { DISARM_DIR, tempDir } from '../helpers/fixtures';

const WORKBOOK = join(DISARM_DIR, MASTER_DATA_PATH);

describe('the master data spreadsheet', () => {
  it('reads the same rows in a worker thread as read-excel-file does in this one', async () => {
    const [incidents, links] = await readSheetsOffThread(WORKBOOK, ['incidents', 'incidenttechniques']);
    expect(incidents).toEqual(await readSheet(WORKBOOK, 'incidents'));
    expect(links).toEqual(await readSheet(WORKBOOK, 'incidenttechniques'));
    expect(columnValues(incidents ?? [], 'disarm_id')).toContain('I00068');
  });

  it('reads a sheet the workbook lacks as no rows', async () => {
    const folder = tempDir('disarm-master-');
    try {
      const file = join(folder.path, 'other.xlsx');
      writeFileSync(file, await writeXlsxFile([[{ value: 'disarm_id' }], [{ value: 'I00001' }]], { sheet: 'other' }).toBuffer());
      expect(await readSheetsOffThread(file, ['incidents', 'other'])).toEqual([[], [['disarm_id'], ['I00001']]]);
    } finally {
      folder.dispose();
    }
  });

  it('refuses a file that is not a workbook, naming it', async () => {
    const folder = tempDir('disarm-master-');
    try {
      const file = join(folder.path, 'DISARM_DATA_MASTER.xlsx');
      writeFileSync(file, 'not a zip at all');
      await expect(readSheetsOffThread(file, ['incidents'])).rejects.toThrow(file);
    } finally {
      folder.dispose();
    }
  });
});
