// The master data spreadsheet is read in a worker thread: the same rows as reading it here, a
// workbook without the sheets read as empty, and a file that is not a workbook refused with its
// name. (What the worker saves, memory and the app's event loop, is bench figure 6's to show.)
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { columnValues, MASTER_DATA_PATH, readSheetsOffThread } from '../../electron/drafts/master-data-file';
import { DISARM_DIR, tempDir } from '../helpers/fixtures';

const WORKBOOK = join(DISARM_DIR, MASTER_DATA_PATH);

/**
 * A stand-in for read-excel-file's module that loads only in a worker (`inWorker`) or only in the
 * main thread, so a test knows which of the two read the workbook.
 */
function libraryOnlyIn(folder: string, inWorker: boolean): string {
  const file = join(folder, inWorker ? 'worker-only.cjs' : 'main-thread-only.cjs');
  const real = createRequire(import.meta.url).resolve('read-excel-file/node');
  writeFileSync(file, `if (require('node:worker_threads').isMainThread === ${inWorker}) throw new Error('not in this thread');\nmodule.exports = require(${JSON.stringify(real)});\n`);
  return file;
}

describe('the master data spreadsheet', () => {
  let folder: { path: string; dispose: () => void };
  beforeEach(() => {
    folder = tempDir('disarm-master-');
  });
  afterEach(() => folder.dispose());

  it('reads the same rows in a worker thread as read-excel-file does in this one', async () => {
    const [incidents, links] = await readSheetsOffThread(WORKBOOK, ['incidents', 'incidenttechniques']);
    expect(incidents).toEqual(await readSheet(WORKBOOK, 'incidents'));
    expect(links).toEqual(await readSheet(WORKBOOK, 'incidenttechniques'));
    expect(columnValues(incidents ?? [], 'disarm_id')).toContain('I00068');
    // And it was the worker that read them: a library that loads only there gives the same rows.
    expect(await readSheetsOffThread(WORKBOOK, ['incidents'], libraryOnlyIn(folder.path, true))).toEqual([incidents]);
  });

  it('reads a sheet the workbook lacks as no rows', async () => {
    const file = join(folder.path, 'other.xlsx');
    writeFileSync(file, await writeXlsxFile([[{ value: 'disarm_id' }], [{ value: 'I00001' }]], { sheet: 'other' }).toBuffer());
    expect(await readSheetsOffThread(file, ['incidents', 'other'])).toEqual([[], [['disarm_id'], ['I00001']]]);
  });

  it('reads in this thread when a worker cannot load the library', async () => {
    // As in a packaged app whose library a worker cannot load.
    const [incidents] = await readSheetsOffThread(WORKBOOK, ['incidents'], libraryOnlyIn(folder.path, false));
    expect(incidents).toEqual(await readSheet(WORKBOOK, 'incidents'));
  });

  it('refuses a file that is not a workbook, naming it', async () => {
    const file = join(folder.path, 'DISARM_DATA_MASTER.xlsx');
    writeFileSync(file, 'not a zip at all');
    await expect(readSheetsOffThread(file, ['incidents'])).rejects.toThrow(file);
  });
});
