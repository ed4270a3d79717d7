/**
 * Turning git's bytes into the guard's text without losing any: UTF-8 when every side is valid
 * UTF-8 (a BOM kept), otherwise one character per byte, so that two different byte strings never
 * decode to the same text and the guard's string equality is byte equality.
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** True when `bytes` is valid UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes the sides of one change the same way; says which way. */
export function decodeLosslessly(sides: readonly (Uint8Array | undefined)[]): { texts: (string | undefined)[]; encoding: 'utf8' | 'bytes' } {
  const utf8 = sides.every((bytes) => bytes === undefined || isUtf8(bytes));
  const texts = sides.map((bytes) => (bytes === undefined ? undefined : utf8 ? strictUtf8.decode(bytes) : Buffer.from(bytes).toString('latin1')));
  return { texts, encoding: utf8 ? 'utf8' : 'bytes' };
}

/** Text for display: UTF-8 with replacement characters where bytes are not UTF-8. */
export function decodeForDisplay(bytes: Uint8Array): { text: string; encoding: 'utf8' | 'bytes' } {
  return isUtf8(bytes) ? { text: strictUtf8.decode(bytes), encoding: 'utf8' } : { text: lenientUtf8.decode(bytes), encoding: 'bytes' };
}
