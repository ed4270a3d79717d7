/**
 * Characters that do not belong in framework text (shared/text-characters.ts defines them):
 * control-character (an error: a NUL or another C0 control turns the page it is written to into
 * a binary file for git, so the review diff shows nothing), bidi-control and zero-width-character
 * (warnings: invisible, they make text read otherwise than it is, or split ids and words that
 * look whole; some scripts need them, so they may stand).
 *
 * One diagnostic per kind and field, at its first character, so that an article full of them
 * gives a line, not thousands. Only the control characters have a quick fix (removing them never
 * changes what the text says); the others are the analyst's call.
 */
import { findSuspectCharacters, withoutControlCharacters, type SuspectCharacter, type SuspectKind } from '../text-characters';
import { columnAt, diagnostic } from './context';
import { lineNumberAt } from '../edit-line';
import type { RuleCode } from './rules';
import type { Diagnostic } from './types';

/** The fix's title, named in messages that point at it (drafts.apply's refusal). */
export const REMOVE_CONTROL_CHARACTERS = 'Remove the control characters';

const RULE: Record<SuspectKind, RuleCode> = { control: 'control-character', 'bidi-control': 'bidi-control', 'zero-width': 'zero-width-character' };

/** The first few, with where they are, for the message. */
function listed(text: string, found: readonly SuspectCharacter[]): string {
  const lines = /[\n\r]/.test(text);
  const shown = found.slice(0, 3).map((c) => `${c.codePoint} at ${lines ? `line ${lineNumberAt(text, c.offset)}, column ${columnAt(text, c.offset)}` : `character ${c.offset + 1}`}`);
  return shown.join('; ') + (found.length > shown.length ? `; and ${found.length - shown.length} more` : '');
}

function message(kind: SuspectKind, text: string, found: readonly SuspectCharacter[]): string {
  const many = found.length > 1;
  const where = listed(text, found);
  switch (kind) {
    case 'control':
      return `This text holds ${many ? `${found.length} control characters` : 'a control character'} (${where}). Written to a page, ${many ? 'they make' : 'it makes'} the page a binary file to git, so its changes cannot be reviewed: remove ${many ? 'them' : 'it'} (the quick fix “${REMOVE_CONTROL_CHARACTERS}” does).`;
    case 'bidi-control':
      return `This text holds ${many ? `${found.length} invisible bidirectional controls` : 'an invisible bidirectional control'} (${where}), which can make it read in another order than it is written. Delete ${many ? 'them' : 'it'} unless the script of the text needs ${many ? 'them' : 'it'}.`;
    case 'zero-width':
      return `This text holds ${many ? `${found.length} zero-width characters` : 'a zero-width character'} (${where}): invisible, ${many ? 'they split' : 'it splits'} ids and words that look whole. Delete ${many ? 'them' : 'it'} unless the script of the text needs ${many ? 'them' : 'it'}.`;
  }
}

/**
 * The character diagnostics of `text` (the text of `field`) between `from` and `to` (a page's
 * notes: the part below its edit line); offsets, lines and columns are in the whole `text`.
 */
export function checkCharacters(text: string, field: string, from = 0, to = text.length): Diagnostic[] {
  const found = findSuspectCharacters(from === 0 && to === text.length ? text : text.slice(from, to)).map((c) => ({ ...c, offset: c.offset + from }));
  if (found.length === 0) return [];
  const out: Diagnostic[] = [];
  for (const kind of ['control', 'bidi-control', 'zero-width'] as const) {
    const ofKind = found.filter((c) => c.kind === kind);
    const first = ofKind[0];
    const last = ofKind[ofKind.length - 1];
    if (!first || !last) continue;
    // One edit over the span from the first to the last, so the editor's undo takes it back at once.
    const fixes = kind === 'control' ? [{ title: REMOVE_CONTROL_CHARACTERS, edits: [{ field, start: first.offset, end: last.offset + 1, text: withoutControlCharacters(text.slice(first.offset, last.offset + 1)) }] }] : [];
    out.push(diagnostic(RULE[kind], text, field, first.offset, first.offset + 1, message(kind, text, ofKind), fixes));
  }
  return out;
}

/**
 * Every string of a draft with its field path (`incident.name`, `references.0.url`,
 * `annotations.1.anchor.quote.prefix`...), found by walking the draft rather than listing its
 * fields, so that a field added to the model is checked without anyone remembering to.
 */
export function draftStrings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  const at = (key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  if (Array.isArray(value)) return value.flatMap((item, i) => draftStrings(item, at(i)));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => draftStrings(item, at(key)));
  return [];
}
