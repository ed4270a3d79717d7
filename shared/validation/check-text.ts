/**
 * Rules over one piece of framework text (a summary, an explanation, a description cell, the
 * notes below a page's line): technique ids written in it (unknown-id, retired-id, malformed-id),
 * inline mentions `(T0155.007: Encrypted Communication Channel)` whose name is wrong
 * (name-mismatch), and HTML beyond the framework's tags (unsafe-html).
 */
import { findTags } from '../drafts/framework-text';
import { diagnostic, replaceFix, type ValidationContext } from './context';
import { checkTechniqueId } from './technique-ids';
import type { Diagnostic } from './types';

/** Something written like a technique id: `T` and digits, maybe a dot and digits (not TA07, not IT00000219). */
const TECHNIQUE_LIKE = /(?<![A-Za-z0-9])T\d+(?:\.\d+)?(?![A-Za-z0-9]|\.\d)/g;

/** An id written in text, and the name an inline mention gives it. */
export interface IdMention {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  /** For `(ID: Name)`: where the written name is; undefined for a bare id. */
  readonly name?: { readonly start: number; readonly end: number; readonly text: string };
}

/**
 * Where a mention's name ends: before `)` closing the mention (names may hold balanced parentheses:
 * "Develop AI-Generated Audio (Deepfakes)"), `,` or `;` before the next id, a line break or `<br>`.
 */
function nameEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return i;
      depth--;
    } else if ((c === ',' || c === ';') && depth === 0 && /^[,;]\s*T\d/.test(text.slice(i, i + 8))) return i;
    else if (c === '\n' || c === '\r' || (c === '<' && /^<br\s*\/?>/i.test(text.slice(i, i + 6)))) return i;
  }
  return text.length;
}

/** Every technique-like id in `text`, with the name of an inline mention. */
export function findIdMentions(text: string): IdMention[] {
  return [...text.matchAll(TECHNIQUE_LIKE)].map((m) => {
    const start = m.index;
    const end = start + m[0].length;
    const colon = /^:[ \t]*/.exec(text.slice(end, end + 8));
    if (!colon) return { id: m[0], start, end };
    const nameStart = end + colon[0].length;
    const stop = nameEnd(text, nameStart);
    const written = text.slice(nameStart, stop).replace(/\s+$/, '');
    return written === '' ? { id: m[0], start, end } : { id: m[0], start, end, name: { start: nameStart, end: nameStart + written.length, text: written } };
  });
}

/** Spans of the text that rules must not look at (the workbench's own markers in notes). */
export type IgnoredSpans = readonly (readonly [number, number])[];

const inside = (spans: IgnoredSpans, start: number, end: number) => spans.some(([s, e]) => start >= s && end <= e);

/** Checks the ids, inline mentions and HTML of one text (the text of `field`). */
export function checkText(text: string, field: string, context: ValidationContext, ignored: IgnoredSpans = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const mention of findIdMentions(text)) {
    if (inside(ignored, mention.start, mention.end)) continue;
    const problem = checkTechniqueId(mention.id, context, mention.name?.text);
    if (problem) {
      const fixes = problem.suggestions.map((s) =>
        mention.name
          ? replaceFix(`Replace with ${s.id}: ${s.name}`, field, mention.start, mention.name.end, `${s.id}: ${s.name}`)
          : replaceFix(`Replace with ${s.id} (${s.name})`, field, mention.start, mention.end, s.id),
      );
      out.push(diagnostic(problem.code, text, field, mention.start, mention.end, problem.message, fixes));
      continue;
    }
    const technique = context.lookup.technique(mention.id);
    if (mention.name && technique && !startsWithName(text, mention.name.start, technique.name)) {
      out.push(
        diagnostic('name-mismatch', text, field, mention.name.start, mention.name.end, `${mention.id} is “${technique.name}”, not “${mention.name.text}”.`, [
          replaceFix(`Write “${technique.name}”`, field, mention.name.start, mention.name.end, technique.name),
        ]),
      );
    }
  }
  for (const tag of findTags(text)) {
    if (tag.allowed || inside(ignored, tag.start, tag.end)) continue;
    out.push(
      diagnostic('unsafe-html', text, field, tag.start, tag.end, `${JSON.stringify(tag.text.slice(0, 60))} is HTML the framework does not use; only <i>, <b> and <br> are allowed.`, [
        replaceFix('Show it as text', field, tag.start, tag.start + 1, '&lt;'),
      ]),
    );
  }
  return out;
}

/** The mention's name is the technique's (the name may be followed by the rest of the sentence when the mention is not closed). */
function startsWithName(text: string, at: number, name: string): boolean {
  if (!text.startsWith(name, at)) return false;
  const next = text[at + name.length];
  return next === undefined || /[),;\s.<]/.test(next);
}
