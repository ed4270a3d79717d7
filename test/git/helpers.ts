/**
 * Helpers of the git tests: one clone of the history bundle per test file and the way back to its
 * last commit, pages to edit, two branches that conflict, and marker files for the
 * command-injection payloads (a unique path per run, so a payload that ran leaves proof).
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { EDIT_LINE } from '../../shared/edit-line';
import { cloneHistory, git, tempDir, type HistoryClone } from '../helpers/fixtures';

/** The page of the "Must show". */
export const T0155_007 = 'generated_pages/techniques/T0155.007.md';

/**
 * A clone of the history bundle made once for the test file (beforeAll) and removed after it
 * (afterAll); read `path` and `root` inside hooks and tests.
 */
export function cloneForFile(): HistoryClone {
  let clone: HistoryClone | undefined;
  beforeAll(() => {
    clone = cloneHistory();
  });
  afterAll(() => clone?.dispose());
  const made = (): HistoryClone => {
    if (!clone) throw new Error('the clone is made in beforeAll; read it inside a hook or a test');
    return clone;
  };
  return {
    get path() {
      return made().path;
    },
    get root() {
      return made().root;
    },
    dispose: () => made().dispose(),
  };
}

/** Back to the bundle's last commit with a clean tree, ignored files too (a test repository, not ours). */
export function resetToOrigin(checkout: string): void {
  git(checkout, 'reset', '--quiet', '--hard', 'origin/main');
  git(checkout, 'clean', '-fdxq');
}

/** Branch `other` and `main` each add a different note to T0155.007: merging them conflicts. */
export function divergeOnT0155_007(checkout: string): void {
  git(checkout, 'switch', '-q', '-c', 'other');
  appendNotes(checkout, T0155_007, '\nother side');
  git(checkout, 'commit', '-qam', 'other');
  git(checkout, 'switch', '-q', 'main');
  appendNotes(checkout, T0155_007, '\nmain side');
  git(checkout, 'commit', '-qam', 'main');
}

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
