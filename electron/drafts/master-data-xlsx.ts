/**
 * Writes a draft's master-data rows (shared/drafts/master-rows.ts) as an .xlsx workbook with the
 * three sheets the maintainers paste from, each with its header row. write-excel-file is used
 * (small, maintained, no known advisories) rather than the `xlsx` package, whose npm release has
 * known prototype-pollution and ReDoS issues. Text is always written as text, never as a formula.
 */
import writeXlsxFile, { type Cell as XlsxCell, type SheetData } from 'write-excel-file/node';
import { MASTER_SHEETS, type Cell, type MasterRows } from '../../shared/drafts/master-rows';
import { writeFileDurably } from '../store/durable-json-file';

function toXlsxCell(cell: Cell): XlsxCell {
  if (cell === null) return null;
  if (typeof cell === 'number') return { value: cell, type: Number };
  return { value: cell, type: String };
}

/** The workbook's bytes. */
export async function masterRowsToXlsx(rows: MasterRows): Promise<Buffer> {
  const sheets = MASTER_SHEETS.map(({ name, columns }) => {
    const data: SheetData = [
      columns.map((column) => ({ value: column, type: String, fontWeight: 'bold' as const })),
      ...rows[name].map((row) => columns.map((column) => toXlsxCell((row as Record<string, Cell>)[column] ?? null))),
    ];
    return { sheet: name, data, stickyRowsCount: 1 };
  });
  return writeXlsxFile(sheets).toBuffer();
}

/** Writes the workbook to `file`, atomically. */
export async function writeMasterRowsXlsx(rows: MasterRows, file: string): Promise<void> {
  await writeFileDurably(file, await masterRowsToXlsx(rows), 0o644);
}
