/**
 * The checkout's master data spreadsheet (DISARM_MASTER_DATA/DISARM_DATA_MASTER.xlsx), read
 * only for what the workbench needs: the ids in its `incidents` and `incidenttechniques` sheets
 * and each sheet's header row. read-excel-file is used rather than the `xlsx` package, whose
 * npm release has known prototype-pollution and ReDoS issues when reading untrusted files.
 *
 * The sheets are read in a worker thread: parsing the fixture's 4 MB workbook takes about half a
 * second and grows the process by ~190 MB, which in the app's own thread would stall its api
 * calls for up to ~100 ms at a time and stay in its memory for the session (and a larger
 * process is slower to fork, so every later git call would pay for it). The worker's memory
 * goes with it.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The spreadsheet's path inside a checkout. */
export const MASTER_DATA_PATH = 'DISARM_MASTER_DATA/DISARM_DATA_MASTER.xlsx';

/** A sheet as rows of cells (the first row is the header). */
export type SheetRows = readonly (readonly unknown[])[];

/** read-excel-file's module (loaded by the caller: see readSheetsOffThread). */
type Library = typeof import('read-excel-file/node');

/**
 * Reads each of `sheets` of the workbook `file` with read-excel-file, a sheet the workbook lacks as
 * no rows. Self-contained on purpose: a worker thread runs it from its source text, so it may use
 * nothing from outside its body.
 */
async function readSheets({ readSheet, SheetNotFoundError }: Library, file: string, sheets: readonly string[]): Promise<SheetRows[]> {
  return Promise.all(
    sheets.map((sheet) =>
      readSheet(file, sheet).then(
        (rows) => rows as SheetRows,
        (error: unknown) => {
          if (error instanceof SheetNotFoundError) return [];
          throw error;
        },
      ),
    ),
  );
}

/**
 * The worker thread's script: readSheets over its workerData, the answer posted back. The library
 * is loaded first, outside readSheets' promise, so that a worker unable to load it fails with an
 * 'error' event (the caller then reads in its own thread) rather than an answer.
 */
const WORKER_SCRIPT = `const { parentPort, workerData } = require('node:worker_threads');
const library = require(workerData.library);
(${readSheets.toString()})(library, workerData.file, workerData.sheets).then(
  (sheets) => parentPort.postMessage({ sheets }),
  (error) => parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);`;

/**
 * readSheets in a worker thread. Where a worker cannot load the library (a packaged app whose
 * modules sit in an archive only the main thread reads), the same function runs here instead.
 * `library` is read-excel-file's module file (tests give a stand-in).
 */
export async function readSheetsOffThread(file: string, sheets: readonly string[], library = createRequire(import.meta.url).resolve('read-excel-file/node')): Promise<SheetRows[]> {
  try {
    const answer = await new Promise<{ sheets: SheetRows[] } | { error: string } | undefined>((resolve) => {
      const worker = new Worker(WORKER_SCRIPT, { eval: true, workerData: { library, file, sheets } });
      worker.once('message', resolve);
      worker.once('error', () => resolve(undefined));
      worker.once('exit', () => resolve(undefined));
    });
    if (answer === undefined) return await readSheets(createRequire(import.meta.url)(library) as Library, file, sheets);
    if ('error' in answer) throw new Error(answer.error);
    return answer.sheets;
  } catch (error) {
    throw new Error(`Could not read the master data spreadsheet ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The text values of one column (by header name) of a sheet. */
export function columnValues(rows: SheetRows, column: string): string[] {
  const header = rows[0] ?? [];
  const index = header.findIndex((cell) => cell === column);
  if (index < 0) return [];
  return rows.slice(1).flatMap((row) => {
    const value = row[index];
    return typeof value === 'string' && value.trim() !== '' ? [value.trim()] : [];
  });
}

/** Ids read from a spreadsheet, by file, kept while its size and time are unchanged (reading takes seconds). */
const idCache = new Map<string, { mtimeMs: number; size: number; ids: { incidents: string[]; links: string[] } }>();

/** The ids recorded in a checkout's master data, or empty lists when it has no spreadsheet. */
export async function masterDataIds(checkout: string): Promise<{ incidents: string[]; links: string[] }> {
  const file = join(checkout, MASTER_DATA_PATH);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return { incidents: [], links: [] };
  const cached = idCache.get(file);
  if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.ids;
  const [incidents = [], links = []] = await readSheetsOffThread(file, ['incidents', 'incidenttechniques']);
  const ids = { incidents: columnValues(incidents, 'disarm_id'), links: columnValues(links, 'disarm_id') };
  idCache.set(file, { mtimeMs: info.mtimeMs, size: info.size, ids });
  return ids;
}
