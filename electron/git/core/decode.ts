/**
 * Turning git's bytes into the guard's text without losing any: UTF-8 when every side is valid
 * UTF-8 (a BOM kept), otherwise one character per byte, so that two different byte strings never
 * decode to the same text and the guard's string equality is byte equality.
 */
import { isAscii, isUtf8 } from 'node:buffer';

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** How the sides of one change decode together: as UTF-8 when every side is valid UTF-8 (checked natively, without decoding). */
export function encodingOf(sides: readonly (Uint8Array | undefined)[]): 'utf8' | 'bytes' {
  return sides.every((bytes) => bytes === undefined || isUtf8(bytes)) ? 'utf8' : 'bytes';
}

/** One side decoded the way encodingOf chose for its change. */
export function decodeAs(bytes: Uint8Array, encoding: 'utf8' | 'bytes'): string {
  // Valid UTF-8 decodes the same whether the decoder is strict or not; ASCII (most pages) reads
  // the same as UTF-8 and as Latin-1, and Latin-1 is a plain copy, several times faster.
  return encoding === 'utf8' && !isAscii(bytes) ? utf8.decode(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Decodes the sides of one change the same way; says which way. */
export function decodeLosslessly(sides: readonly (Uint8Array | undefined)[]): { texts: (string | undefined)[]; encoding: 'utf8' | 'bytes' } {
  const encoding = encodingOf(sides);
  return { texts: sides.map((bytes) => (bytes === undefined ? undefined : decodeAs(bytes, encoding))), encoding };
}

/** Text for display: UTF-8 with replacement characters where bytes are not UTF-8. */
export function decodeForDisplay(bytes: Uint8Array): { text: string; encoding: 'utf8' | 'bytes' } {
  return { text: utf8.decode(bytes), encoding: isUtf8(bytes) ? 'utf8' : 'bytes' };
}
