/**
 * Writes a draft's master-data rows (shared/drafts/master-rows.ts) as an .xlsx workbook with the
 * three sheets the maintainers paste from, each with its header row. write-excel-file is used
 * (small, maintained, no known advisories) rather than the `xlsx` package, whose npm release has
 * known prototype-pollution and ReDoS issues.
 *
 * Cells are formatted as DISARM_DATA_MASTER.xlsx formats its own (read with openpyxl; the
 * fidelity test compares), so that pasting them changes nothing about the master's habits: Text
 * (`@`) where most of the master's cells in that column are, so Excel never reads an id or a
 * date as a number; `longname` as the master's formula (`=A131&" - "&B131`), relative to its own
 * row, which Excel adjusts to the row it is pasted into. IT ids are written without the leading
 * non-breaking space that 44 of the master's 103 rows have (a paste artefact, not a convention;
 * the generator never prints these ids). Text is always written as text, never as a formula.
 */
import writeXlsxFile, { type Cell as XlsxCell, type SheetData } from 'write-excel-file/node';
import { MASTER_SHEETS, type Cell, type MasterRows } from '../../shared/drafts/master-rows';
import { writeFileDurably } from '../store/durable-json-file';

type SheetName = (typeof MASTER_SHEETS)[number]['name'];

/** Excel's Text number format. */
const TEXT = '@';

/** The columns whose filled cells the master mostly formats as Text, by sheet (the others: General). */
const TEXT_COLUMNS: Record<SheetName, ReadonlySet<string>> = {
  incidents: new Set(['disarm_id', 'name', 'objecttype', 'summary', 'attributions_seen', 'found_in_country', 'urls', 'notes', 'when_added', 'found_via', 'longname']),
  urls: new Set(['url_id', 'pub_date', 'authors', 'org', 'archive_link']),
  incidenttechniques: new Set(['disarm_id', 'name', 'incident_id']),
};

function toXlsxCell(cell: Cell, text: boolean): XlsxCell {
  if (cell === null) return null;
  if (typeof cell === 'number') return { value: cell, type: Number };
  return text ? { value: cell, type: String, format: TEXT } : { value: cell, type: String };
}

/** The master's `longname` formula for spreadsheet row `row` (1-based): disarm_id (A), " - ", name (B). */
function longnameFormula(row: number): XlsxCell {
  // Stored as OOXML stores formulas, without the leading "=" (which write-excel-file does not strip).
  return { value: `A${row}&" - "&B${row}`, type: 'Formula', format: TEXT };
}

/** The workbook's bytes. */
export async function masterRowsToXlsx(rows: MasterRows): Promise<Buffer> {
  const sheets = MASTER_SHEETS.map(({ name, columns }) => {
    const data: SheetData = [
      columns.map((column) => ({ value: column, type: String, fontWeight: 'bold' as const })),
      ...rows[name].map((row, i) =>
        columns.map((column) => (name === 'incidents' && column === 'longname' ? longnameFormula(i + 2) : toXlsxCell((row as Record<string, Cell>)[column] ?? null, TEXT_COLUMNS[name].has(column)))),
      ),
    ];
    return { sheet: name, data, stickyRowsCount: 1 };
  });
  return writeXlsxFile(sheets).toBuffer();
}

/** Writes the workbook to `file`, atomically. */
export async function writeMasterRowsXlsx(rows: MasterRows, file: string): Promise<void> {
  await writeFileDurably(file, await masterRowsToXlsx(rows), 0o644);
}
