/**
 * Helpers of the git tests: pages to edit in a clone of the history bundle, and marker files for
 * the command-injection payloads (a unique path per run, so a payload that ran leaves proof).
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EDIT_LINE } from '../../shared/edit-line';
import { tempDir } from '../helpers/fixtures';

/** The page of the "Must show". */
export const T0155_007 = 'generated_pages/techniques/T0155.007.md';

/** Appends notes below the line of a page in the work tree. */
export function appendNotes(checkout: string, path: string, notes: string): void {
  appendFileSync(join(checkout, path), notes);
}

/** Changes one character on `line` (1-based) of a page, above its edit line. */
export function changeCharOnLine(checkout: string, path: string, line: number): string {
  const file = join(checkout, path);
  const lines = readFileSync(file, 'utf8').split('\n');
  const text = lines[line - 1] ?? '';
  if (text.includes(EDIT_LINE) || text.length === 0) throw new Error(`line ${line} of ${path} is not a generated line with text`);
  lines[line - 1] = (text.charAt(0) === 'X' ? 'Y' : 'X') + text.slice(1);
  writeFileSync(file, lines.join('\n'));
  return lines[line - 1] ?? '';
}

/** A place for payloads to leave a file if they ever run, and the check that none did. */
export function payloadMarker(): { dir: string; path: string; ran: () => boolean; dispose: () => void } {
  const dir = tempDir('disarm-pwn-');
  const path = join(dir.path, 'pwn');
  return { dir: dir.path, path, ran: () => existsSync(path) || existsSync('/tmp/pwn'), dispose: dir.dispose };
}
