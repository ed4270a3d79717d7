/**
 * The description of one tagged quote, as it appears in an incident page's technique table, in
 * each technique page's incident table and in the master data's `incidenttechniques` sheet:
 * `<i>“quote”</i><br><br>explanation` (see DISARM-FORMAT.md). The quote is plain text from the
 * source, escaped for a table cell; the explanation is framework text (it may use `<i>`, `<b>`, `<br>`).
 */
import { EDIT_LINE } from '../edit-line';
import { escapeCell, unescapeCell } from '../markdown/table-cell';
import { defuseEditLine, frameworkTextToCell } from './framework-text';

/** Renders a description cell from a quote and its explanation. */
export function renderDescription(quote: string, explanation: string, marker: string = EDIT_LINE): string {
  return `<i>“${defuseEditLine(escapeCell(quote.trim()), marker)}”</i><br><br>${frameworkTextToCell(explanation, marker)}`;
}

const DESCRIPTION = /^<i>“([\s\S]*?)”<\/i><br><br>([\s\S]*)$/i;

/**
 * Reads a description cell back into its quote and explanation (the inverse of renderDescription
 * for the newest format); undefined for a cell of another shape (older incidents vary).
 */
export function parseDescription(cell: string): { quote: string; explanation: string } | undefined {
  const match = DESCRIPTION.exec(cell);
  if (!match) return undefined;
  return { quote: unescapeCell(match[1] as string), explanation: cellToFrameworkText(match[2] as string) };
}

/** A framework-text cell back to framework text: `<br>` as a line break, `\|` as `|`. */
function cellToFrameworkText(cell: string): string {
  return cell.replace(/<br>/g, '\n').replace(/\\\|/g, '|');
}
