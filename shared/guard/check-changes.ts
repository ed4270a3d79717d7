/**
 * The edit-line guard: given the changes git is about to commit, which of them break the promise
 * that nothing above a page's edit line is ever committed? The rules (ARCHITECTURE.md, "The
 * edit-line guard"):
 * - a page that has the line in the base version keeps every byte up to and including the line;
 * - a generated file without the line (index pages, framework tables, STIX data) is read-only;
 * - generated files are never deleted or renamed;
 * - the only new files allowed are new incident pages that pass the new-page check.
 * Files outside the generated folders (the master data, the licence, CI files) are not the
 * guard's business.
 */
import { EDIT_LINE, splitAtEditLine } from '../edit-line';
import { firstDifferenceLine } from './first-difference';
import { keepsGeneratedBytes } from './generated-bytes';
import { checkNewPageStructure } from './new-page';
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
      if (change.oldPath !== undefined && !isGuardedPath(change.oldPath)) return checkAdded(change, options, marker);
      return [{ file: path, line: 0, rule: 'page-renamed', message: `${change.oldPath ?? 'A file'} was renamed to ${path}; generated files may not be renamed or moved.` }];
    case 'added':
    case 'copied':
      return checkAdded(change, options, marker);
    case 'modified':
    case 'typechanged':
      return checkModified(change, marker);
  }
}

function isLinkOrSubmodule(change: GuardChange): boolean {
  const special = (mode: string | undefined) => mode === '120000' || mode === '160000';
  return change.status !== 'deleted' && (special(change.newMode) || change.status === 'typechanged');
}

function checkAdded(change: GuardChange, options: GuardOptions, marker: string): Violation[] {
  if (!isGuardedPath(change.path)) return [];
  const check = options.checkNewPage ?? checkNewPageStructure;
  return check(change.path, change.newText ?? '', { usedIds: options.usedIds ?? new Set(), encoding: change.encoding ?? 'utf8', marker });
}

function checkModified(change: GuardChange, marker: string): Violation[] {
  // Most changes (notes added below the line) are settled on bytes, without decoding a text.
  if (change.oldBytes && change.newBytes && keepsGeneratedBytes(change.oldBytes, change.newBytes, marker)) return [];
  const { path } = change;
  const oldText = change.oldText ?? '';
  const newText = change.newText ?? '';
  if (oldText === newText) return []; // a mode change only
  const old = splitAtEditLine(oldText, marker);
  if (!old.hasLine) {
    return [{ file: path, line: firstDifferenceLine(oldText, newText), rule: 'read-only-page', message: `${path} has no edit line, so all of it is generated and read-only; it was changed.` }];
  }
  const kept = oldText.slice(0, old.notesOffset);
  if (newText.startsWith(kept)) return [];
  const line = firstDifferenceLine(kept, newText);
  if (!splitAtEditLine(newText, marker).hasLine) {
    return [{ file: path, line, rule: 'edit-line-removed', message: `${path}: the edit line (line ${old.lineNumber} before the change) is gone or altered; the first change is on line ${line}.` }];
  }
  return [{ file: path, line, rule: 'generated-changed', message: `${path}: line ${line} is above the edit line and was changed; only text below line ${old.lineNumber} may change.` }];
}
