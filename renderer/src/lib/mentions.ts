/**
 * Inline mentions of techniques in analysts' text (`T0097.100`, or the framework's written form
 * `(T0097.100: Individual Persona)`): found in plain text so every view can mark them and the
 * hover can explain them, and written in the form the framework's explanations use.
 */

/** A technique id as it appears in text: `T` and four digits, optionally `.` and three more. */
export const TECHNIQUE_MENTION = /\bT\d{4}(?:\.\d{3})?\b/g;

/** A piece of text: plain, or a technique mention. */
export type TextSegment = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'mention'; readonly text: string; readonly id: string };

/** Splits `text` into plain runs and technique mentions, in order. */
export function splitMentions(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(TECHNIQUE_MENTION)) {
    const at = match.index;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    out.push({ kind: 'mention', text: match[0], id: match[0] });
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** The framework's inline form of a mention: `(T0155.007: Encrypted Communication Channel)`. */
export function formatMention(technique: { readonly id: string; readonly name: string }): string {
  return `(${technique.id}: ${technique.name})`;
}
