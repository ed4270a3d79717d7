/**
 * The checkout's master data spreadsheet (DISARM_MASTER_DATA/DISARM_DATA_MASTER.xlsx), read
 * only for what the workbench needs: the ids in its `incidents` and `incidenttechniques` sheets
 * and each sheet's header row. read-excel-file is used rather than the `xlsx` package, whose
 * npm release has known prototype-pollution and ReDoS issues when reading untrusted files.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readSheet, SheetNotFoundError } from 'read-excel-file/node';

/** The spreadsheet's path inside a checkout. */
export const MASTER_DATA_PATH = 'DISARM_MASTER_DATA/DISARM_DATA_MASTER.xlsx';

/** A sheet as rows of cells (the first row is the header). */
export type SheetRows = readonly (readonly unknown[])[];

/** Reads one sheet of a spreadsheet file. */
export async function readSheetRows(file: string, sheet: string): Promise<SheetRows> {
  return (await readSheet(file, sheet)) as SheetRows;
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
  const [incidents, links] = await Promise.all([readSheetIfPresent(file, 'incidents'), readSheetIfPresent(file, 'incidenttechniques')]);
  const ids = { incidents: columnValues(incidents, 'disarm_id'), links: columnValues(links, 'disarm_id') };
  idCache.set(file, { mtimeMs: info.mtimeMs, size: info.size, ids });
  return ids;
}

/** A sheet's rows, or none when the workbook has no such sheet. */
async function readSheetIfPresent(file: string, sheet: string): Promise<SheetRows> {
  try {
    return await readSheetRows(file, sheet);
  } catch (error) {
    if (error instanceof SheetNotFoundError) return [];
    throw error;
  }
}
