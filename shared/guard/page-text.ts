/**
 * The guard's rules on a page's text that hold for the text alone: the edit line ends its line,
 * and the page is text. The guard judges them on a change (check-changes.ts: only what the change
 * brings in); `lint`, which has no base version, judges a page file by them as it stands. One
 * place for their messages, so both say the same.
 */
import { editLineTail, lineNumberAt, splitAtEditLine } from '../edit-line';
import { findSuspectCharacters } from '../text-characters';
import type { Violation } from './types';

/** A violation found in one text, with the offset it starts at (lint prints a column). */
export interface TextViolation {
  readonly violation: Violation;
  readonly offset: number;
}

/** The refusal of `tail` written after the marker on the edit line (line `lineNumber`). */
export function editLineExtended(path: string, lineNumber: number, tail: string): Violation {
  const shown = tail.length > 40 ? `${tail.slice(0, 40)}...` : tail;
  return {
    file: path,
    line: lineNumber,
    rule: 'edit-line-extended',
    message: `${path}: line ${lineNumber}, the edit line, was extended with ${JSON.stringify(shown)}; the line must end right after the marker. Start your notes on a new line below it.`,
  };
}

/** The refusal of a page that holds a control character, at the first one; undefined when it holds none. */
export function notText(path: string, text: string): TextViolation | undefined {
  const first = findSuspectCharacters(text).find((c) => c.kind === 'control');
  if (!first) return undefined;
  const line = lineNumberAt(text, first.offset);
  return {
    offset: first.offset,
    violation: { file: path, line, rule: 'not-text', message: `${path}: line ${line} holds the control character ${first.codePoint}, so the page stops being text (git shows it as "Binary files differ"); remove it.` },
  };
}

/** The violations of a page's text as it stands: text after the marker on its line, a control character. */
export function checkPageText(path: string, text: string, marker: string): TextViolation[] {
  const found: TextViolation[] = [];
  const split = splitAtEditLine(text, marker);
  const tail = split.hasLine ? editLineTail(split.notes) : '';
  if (tail !== '') found.push({ offset: split.notesOffset, violation: editLineExtended(path, split.lineNumber, tail) });
  const binary = notText(path, text);
  if (binary) found.push(binary);
  return found;
}
