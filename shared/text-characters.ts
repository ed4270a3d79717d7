/**
 * Characters that do not belong in framework text, in one place for the guard (a page that holds
 * a control character is no longer text to git: `git diff` says "Binary files differ" and the
 * review shows nothing) and for validation (a draft field or a note that holds one).
 *
 * - Control characters: C0 (U+0000 to U+001F) except tab, line feed and carriage return, and DEL.
 *   A NUL makes git treat the whole file as binary; the others are invisible and never meant.
 * - Bidirectional controls (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F, U+061C): they can
 *   make text read differently from what it holds (the "Trojan Source" trick), so they are warned.
 * - Zero-width characters (U+200B to U+200D, U+2060, U+FEFF): invisible, they split ids and words
 *   that look whole, so they are warned.
 */

/** What kind of character was found. */
export type SuspectKind = 'control' | 'bidi-control' | 'zero-width';

/** One suspect character in a text, at a UTF-16 offset. */
export interface SuspectCharacter {
  readonly kind: SuspectKind;
  readonly offset: number;
  /** `U+0000` style, for messages. */
  readonly codePoint: string;
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/**
 * The control characters that are not also whitespace (all but U+000B and U+000C, which `\s`
 * matches): quote matching skips them, as invisible, so removing them from a source keeps its quotes.
 */
export const NON_SPACE_CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/;
const ANY_SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/g;

/** `U+XXXX` for a one-unit character. */
export function codePointLabel(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function kindOf(character: string): SuspectKind {
  if (CONTROL.test(character)) return 'control';
  if (BIDI.test(character)) return 'bidi-control';
  if (ZERO_WIDTH.test(character)) return 'zero-width';
  throw new Error(`not a suspect character: ${codePointLabel(character)}`);
}

/** Every suspect character in `text`, in order. */
export function findSuspectCharacters(text: string): SuspectCharacter[] {
  return [...text.matchAll(ANY_SUSPECT)].map((m) => ({ kind: kindOf(m[0]), offset: m.index, codePoint: codePointLabel(m[0]) }));
}

/** Whether `text` holds a control character (one that makes a page stop being text). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/** `text` without its control characters (the quick fix; bidi and zero-width ones are left to the analyst). */
export function withoutControlCharacters(text: string): string {
  return text.replace(new RegExp(CONTROL.source, 'g'), '');
}

/**
 * Whether a file's bytes are text as git sees it: no NUL byte and no other control character.
 * (Git itself only looks for NUL in the first 8,000 bytes; the guard is stricter, over the whole file.)
 */
export function bytesAreText(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte < 0x20 ? byte !== 0x09 && byte !== 0x0a && byte !== 0x0d : byte === 0x7f) return false;
  }
  return true;
}
