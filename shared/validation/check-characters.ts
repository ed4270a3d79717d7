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

/** `page`: the text is a page's (field ''), not a draft field's that will be written to pages. */
function message(kind: SuspectKind, text: string, found: readonly SuspectCharacter[], page: boolean): string {
  const many = found.length > 1;
  const where = listed(text, found);
  switch (kind) {
    case 'control':
      return `This text holds ${many ? `${found.length} control characters` : 'a control character'} (${where}). ${page ? (many ? 'They make this' : 'It makes this') : `Written to a page, ${many ? 'they make' : 'it makes'} the`} page a binary file to git, so its changes cannot be reviewed: remove ${many ? 'them' : 'it'} (the quick fix “${REMOVE_CONTROL_CHARACTERS}” does).`;
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
    out.push(diagnostic(RULE[kind], text, field, first.offset, first.offset + 1, message(kind, text, ofKind, field === ''), fixes));
  }
  return out;
}

/** Calls `visit` with every string in `value` and its path (keys and indexes), depth first, in order. */
function forEachString(value: unknown, visit: (text: string, path: readonly (string | number)[]) => void, path: (string | number)[] = []): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      forEachString(value[i], visit, path);
      path.pop();
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      path.push(key);
      forEachString(item, visit, path);
      path.pop();
    }
  }
}

/**
 * The character diagnostics of every string in `value` (a draft), each at its dotted field path
 * (`incident.name`, `references.0.url`, `annotations.1.anchor.quote.prefix`...). The draft is
 * walked rather than its fields listed, so that a field added to the model is checked without
 * anyone remembering to. `keep` may leave out a diagnostic (the caller knows why).
 *
 * This runs on every keystroke over drafts of thousands of strings: one search over them all,
 * joined by line feeds (themselves allowed), finds the usual answer, nothing, in one scan (a
 * search per string costs ten times as much); only the strings it found something in are checked
 * on their own.
 */
export function checkStrings(value: unknown, keep: (d: Diagnostic) => boolean = () => true): Diagnostic[] {
  const texts: string[] = [];
  forEachString(value, (text) => texts.push(text));
  const found = findSuspectCharacters(texts.join('\n'));
  if (found.length === 0) return [];
  // Which strings the finds are in: their start offsets in the joined text, walked with the finds (both in order).
  const hits = new Set<number>();
  let index = 0;
  let end = (texts[0] as string).length;
  for (const c of found) {
    while (c.offset > end) end += 1 + (texts[++index] as string).length;
    hits.add(index);
  }
  const out: Diagnostic[] = [];
  let at = 0;
  forEachString(value, (text, path) => {
    if (hits.has(at++)) out.push(...checkCharacters(text, path.join('.')).filter(keep));
  });
  return out;
}
