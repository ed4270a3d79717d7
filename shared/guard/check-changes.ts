/**
 * The edit-line guard: given the changes git is about to commit, which of them break the promise
 * that nothing above a page's edit line is ever committed? The rules (ARCHITECTURE.md, "The
 * edit-line guard"):
 * - a page that has the line in the base version keeps every byte up to and including the line;
 * - a generated file without the line (index pages, framework tables, STIX data) is read-only;
 * - generated files are never deleted or renamed;
 * - the only new files allowed are new incident pages that pass the new-page check;
 * - a page keeps its mode (never made executable), and the edit line ends its line (nothing is
 *   written after the marker on the line itself: notes begin on a line of their own);
 * - a page stays text: no change may bring in a control character (shared/text-characters.ts).
 * Files outside the generated folders (the master data, the licence, CI files) are not the
 * guard's business.
 */
import { EDIT_LINE, editLineTail, splitAtEditLine } from '../edit-line';
import { bytesAreText, hasControlCharacter } from '../text-characters';
import { firstDifferenceLine } from './first-difference';
import { keptGeneratedBytes } from './generated-bytes';
import { checkNewPageStructure } from './new-page';
import { editLineExtended, notText } from './page-text';
import type { GuardChange, GuardOptions, Violation } from './types';

/** The folders the maintainers' generator writes; everything in them is guarded. */
export const GENERATED_ROOTS = ['generated_pages/', 'generated_files/'] as const;

/** True when the guard looks after `path` (a repository-relative path with forward slashes). */
export function isGuardedPath(path: string): boolean {
  return GENERATED_ROOTS.some((root) => path.startsWith(root));
}

/** True when any side of the change is in a guarded folder. */
export function isGuardedChange(change: Pick<GuardChange, 'path' | 'oldPath'>): boolean {
  return isGuardedPath(change.path) || (change.oldPath !== undefined && isGuardedPath(change.oldPath));
}

/** Every violation in `changes`, in the order of the changes; empty when all may be committed. */
export function checkChanges(changes: readonly GuardChange[], options: GuardOptions = {}): Violation[] {
  return changes.flatMap((change) => (isGuardedChange(change) ? checkChange(change, options) : []));
}

/** The violations of one change (guarded or not: the caller decides the scope). */
export function checkChange(change: GuardChange, options: GuardOptions = {}): Violation[] {
  const marker = options.marker ?? EDIT_LINE;
  const { path } = change;
  if (isLinkOrSubmodule(change)) {
    return [{ file: path, line: 0, rule: 'not-a-regular-file', message: `${path} is a symbolic link or a submodule now; generated files must stay regular files.` }];
  }
  switch (change.status) {
    case 'unmerged':
      return [{ file: path, line: 0, rule: 'unmerged', message: `${path} has unresolved merge conflicts.` }];
    case 'deleted':
      return [{ file: path, line: 0, rule: 'page-deleted', message: `${path} was deleted; generated files may not be deleted.` }];
    case 'renamed':
      // A file moved into the generated folders from outside is, for the guard, a new file.
      if (change.oldPath !== undefined && !isGuardedPath(change.oldPath)) return [...checkAdded(change, options, marker), ...checkSides(change, true)];
      return [{ file: path, line: 0, rule: 'page-renamed', message: `${change.oldPath ?? 'A file'} was renamed to ${path}; generated files may not be renamed or moved.` }];
    case 'added':
    case 'copied':
      return [...checkAdded(change, options, marker), ...checkSides(change, true)];
    case 'modified':
    case 'typechanged': {
      // Most changes (notes added below the line) are settled on bytes, without decoding a text;
      // the bytes up to the line are then the same in both versions, and only the rest is scanned.
      const kept = change.oldBytes && change.newBytes ? keptGeneratedBytes(change.oldBytes, change.newBytes, marker) : -1;
      return [...(kept >= 0 ? [] : checkModified(change, marker)), ...checkSides(change, false, Math.max(kept, 0))];
    }
  }
}

/** The rules on what a change leaves in the file as a whole, whatever it did to the text: its mode, and that it is text. */
function checkSides(change: GuardChange, isNew: boolean, shared = 0): Violation[] {
  return [...checkMode(change, isNew), ...checkStaysText(change, isNew, shared)];
}

/**
 * A page keeps the mode it was committed with; a new one is a plain file. (A link or a submodule
 * is refused above; this is the executable bit, which `chmod +x` and `git add` would commit.)
 */
function checkMode(change: GuardChange, isNew: boolean): Violation[] {
  const { path, oldMode, newMode } = change;
  if (newMode === undefined) return [];
  if (isNew || oldMode === undefined) {
    if (newMode !== '100755') return [];
    return [{ file: path, line: 0, rule: 'mode-changed', message: `${path} is a new file with mode 100755 (executable); a page is a plain file, mode 100644.` }];
  }
  if (oldMode === newMode) return [];
  const what = newMode === '100755' ? 'made executable' : oldMode === '100755' ? 'no longer executable' : 'changed';
  return [{ file: path, line: 0, rule: 'mode-changed', message: `${path}: its mode changed from ${oldMode} to ${newMode} (${what}); generated files keep the mode of the last commit.` }];
}

/**
 * A page that holds a control character stops being text to git ("Binary files differ": the
 * review shows nothing). Refused where the change brings one in, below the line too. A file that
 * was not text before the change is the maintainers' (any change to its generated part is refused
 * by the rules above), so this rule judges only the step from text to not text. Settled on the
 * bytes when the caller holds them; the text is decoded only to name the line of a refusal.
 * `shared` leading bytes are known to be the same in both versions: a control character there is
 * in the old version too, so the new one is scanned from there on (a thousand pages' notes, not
 * their whole text, in bench 5).
 */
function checkStaysText(change: GuardChange, isNew: boolean, shared: number): Violation[] {
  const { path } = change;
  if (isText(change.newBytes?.subarray(shared), () => change.newText) !== false) return [];
  if (!isNew && isText(change.oldBytes, () => change.oldText) === false) return [];
  // Bytes that are not text hold a control character in the text too (both decodings keep C0 and DEL).
  const found = notText(path, change.newText ?? '');
  return [found?.violation ?? { file: path, line: 0, rule: 'not-text', message: `${path} holds a control character, so the page stops being text; remove it.` }];
}

/** Whether one side is text: from its bytes when held, else from its text; undefined when the side is absent. */
function isText(bytes: Uint8Array | undefined, text: () => string | undefined): boolean | undefined {
  if (bytes) return bytesAreText(bytes);
  const decoded = text();
  return decoded === undefined ? undefined : !hasControlCharacter(decoded);
}

function isLinkOrSubmodule(change: GuardChange): boolean {
  const special = (mode: string | undefined) => mode === '120000' || mode === '160000';
  return change.status !== 'deleted' && (special(change.newMode) || change.status === 'typechanged');
}

function checkAdded(change: GuardChange, options: GuardOptions, marker: string): Violation[] {
  if (!isGuardedPath(change.path)) return [];
  const check = options.checkNewPage ?? checkNewPageStructure;
  const text = change.newText ?? '';
  const violations = check(change.path, text, { usedIds: options.usedIds ?? new Set(), encoding: change.encoding ?? 'utf8', marker });
  // A new page's edit line ends its line too (the new-page check compares what is above it).
  const split = splitAtEditLine(text, marker);
  const tail = split.hasLine ? editLineTail(split.notes) : '';
  return tail === '' ? violations : [...violations, editLineExtended(change.path, split.lineNumber, tail)];
}

/** The edit-line rules on a modified page's text (when the bytes settled nothing). */
function checkModified(change: GuardChange, marker: string): Violation[] {
  const { path } = change;
  const oldText = change.oldText ?? '';
  const newText = change.newText ?? '';
  if (oldText === newText) return []; // a mode change only
  const old = splitAtEditLine(oldText, marker);
  if (!old.hasLine) {
    return [{ file: path, line: firstDifferenceLine(oldText, newText), rule: 'read-only-page', message: `${path} has no edit line, so all of it is generated and read-only; it was changed.` }];
  }
  const kept = oldText.slice(0, old.notesOffset);
  if (newText.startsWith(kept)) {
    // Up to the marker the page is intact; what follows it on its line must stay as it was (empty,
    // as the generator writes it): text typed there would extend the line everyone reads.
    const tail = editLineTail(newText.slice(kept.length));
    return tail === '' || tail === editLineTail(old.notes) ? [] : [editLineExtended(path, old.lineNumber, tail)];
  }
  const line = firstDifferenceLine(kept, newText);
  if (!splitAtEditLine(newText, marker).hasLine) {
    return [{ file: path, line, rule: 'edit-line-removed', message: `${path}: the edit line (line ${old.lineNumber} before the change) is gone or altered; the first change is on line ${line}.` }];
  }
  return [{ file: path, line, rule: 'generated-changed', message: `${path}: line ${line} is above the edit line and was changed; only text below line ${old.lineNumber} may change.` }];
}

