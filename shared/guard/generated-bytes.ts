/**
 * The edit-line rule settled on bytes, for callers that hold both versions of a page as bytes
 * (the git service reads a thousand pages for one check): when the new version keeps every byte of
 * the old one up to the end of its first edit line, and the line ends right there (a line break
 * or the end of the file follows the marker), the change is allowed, and neither version needs
 * decoding. Anything else (a violation, no line, a marker that is not ASCII) is left to the
 * text rule of check-changes.ts, which reports it with its line.
 *
 * Why the answer is the text rule's: an ASCII marker occurs at the same positions in the bytes as
 * in the text, whether the text was decoded as UTF-8 (every occurrence of the marker's bytes starts
 * at a character boundary) or byte by byte; so the bytes kept here decode to exactly the text the
 * text rule keeps, and a version that starts with those bytes starts with that text.
 */

const encoded = new Map<string, Uint8Array | undefined>();

/** The marker's bytes when it is ASCII (one byte per character); undefined otherwise. */
function asciiBytes(marker: string): Uint8Array | undefined {
  if (!encoded.has(marker)) {
    const ascii = marker !== '' && [...marker].every((c) => c.charCodeAt(0) < 0x80);
    encoded.set(marker, ascii ? Uint8Array.from(marker, (c) => c.charCodeAt(0)) : undefined);
  }
  return encoded.get(marker);
}

/** Where `needle` first occurs in `bytes`; -1 when it does not. */
function indexOfBytes(bytes: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  if (first === undefined) return -1;
  for (let at = bytes.indexOf(first); at >= 0 && at + needle.length <= bytes.length; at = bytes.indexOf(first, at + 1)) {
    let i = 1;
    while (i < needle.length && bytes[at + i] === needle[i]) i++;
    if (i === needle.length) return at;
  }
  return -1;
}

/**
 * True when `after` starts with every byte of `before` up to and including the first edit line
 * `marker` (ASCII) in `before`, and nothing follows the marker on its line in `after`: the change
 * is then confined below the line. False settles nothing: the text rule decides (it also allows
 * text after the marker that the old version already had there).
 */
export function keepsGeneratedBytes(before: Uint8Array, after: Uint8Array, marker: string): boolean {
  return keptGeneratedBytes(before, after, marker) >= 0;
}

/**
 * keepsGeneratedBytes, saying how many leading bytes the two versions share for certain (the
 * generated part and the line): the guard's other rules need look at the rest only. -1 when it
 * settles nothing.
 */
export function keptGeneratedBytes(before: Uint8Array, after: Uint8Array, marker: string): number {
  const line = asciiBytes(marker);
  if (!line) return -1;
  const at = indexOfBytes(before, line);
  if (at < 0) return -1;
  const kept = at + line.length;
  if (after.length < kept) return -1;
  for (let i = 0; i < kept; i++) if (before[i] !== after[i]) return -1;
  const next = after[kept];
  return next === undefined || next === 0x0a || next === 0x0d ? kept : -1;
}
