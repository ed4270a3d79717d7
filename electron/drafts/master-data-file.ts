/**
 * The checkout's master data spreadsheet (DISARM_MASTER_DATA/DISARM_DATA_MASTER.xlsx), read
 * only for what the workbench needs: the ids in its `incidents` and `incidenttechniques` sheets
 * and each sheet's header row. read-excel-file is used rather than the `xlsx` package, whose
 * npm release has known prototype-pollution and ReDoS issues when reading untrusted files.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';

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

/** The ids recorded in a checkout's master data, or empty lists when it has no spreadsheet. */
export async function masterDataIds(checkout: string): Promise<{ incidents: string[]; links: string[] }> {
  const file = join(checkout, MASTER_DATA_PATH);
  const exists = await stat(file).then((s) => s.isFile(), () => false);
  if (!exists) return { incidents: [], links: [] };
  const [incidents, links] = await Promise.all([readSheetRows(file, 'incidents'), readSheetRows(file, 'incidenttechniques')]);
  return { incidents: columnValues(incidents, 'disarm_id'), links: columnValues(links, 'disarm_id') };
}
