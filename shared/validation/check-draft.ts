/**
 * Validation of a whole draft: every rule, each diagnostic pointing at a field of the draft and
 * offsets in it. Errors block applying the draft; warnings are shown and may stand.
 */
import { normalizeSourceText, quoteIsInNormalizedSource } from '../drafts/anchoring';
import { findTags } from '../drafts/framework-text';
import type { Draft } from '../drafts/model';
import { checkStrings } from './check-characters';
import { checkText } from './check-text';
import { hasControlCharacter } from '../text-characters';
import { diagnostic, replaceFix, type ValidationContext } from './context';
import { checkDate, checkUrl } from './check-fields';
import { checkTechniqueId } from './technique-ids';
import type { Diagnostic } from './types';

/** Every diagnostic of a draft, in field order. */
export function validateDraft(draft: Draft, context: ValidationContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const f = draft.incident;
  // Each source is normalised once, not once per annotation (a long article, hundreds of quotes).
  const normalizedSources = new Map<string, string>();
  const normalizedSource = (source: { id: string; text: string }): string => {
    let text = normalizedSources.get(source.id);
    if (text === undefined) normalizedSources.set(source.id, (text = normalizeSourceText(source.text)));
    return text;
  };

  // The incident.
  if (draft.incidentId && context.takenIncidentIds?.has(draft.incidentId)) {
    const next = context.nextFreeIncidentId;
    out.push(
      diagnostic('id-taken', draft.incidentId, 'incidentId', 0, draft.incidentId.length, `${draft.incidentId} is already used (by the checkout, its history or another draft).${next ? ` The next free id is ${next}.` : ''}`, next ? [replaceFix(`Use ${next}`, 'incidentId', 0, draft.incidentId.length, next)] : []),
    );
  }
  if (f.name.trim() === '') out.push(diagnostic('missing-field', f.name, 'incident.name', 0, f.name.length, 'The incident needs a name.'));
  if (f.summary.trim() === '') out.push(diagnostic('missing-field', f.summary, 'incident.summary', 0, f.summary.length, 'The incident has no summary; the maintainers expect one.', [], 'warning'));
  if (f.yearStarted.trim() !== '' && !/^\d{4}$/.test(f.yearStarted.trim())) {
    out.push(diagnostic('bad-date', f.yearStarted, 'incident.yearStarted', 0, f.yearStarted.length, `The year started is written as a year of four digits (2024), not ${JSON.stringify(f.yearStarted)}.`));
  }
  out.push(...checkDate(f.dateAdded, 'incident.dateAdded', 'dateAdded'));
  out.push(...checkText(f.summary, 'incident.summary', context));
  out.push(...checkText(f.notes, 'incident.notes', context));
  for (const [field, value] of [['incident.name', f.name], ['incident.type', f.type], ['incident.attributedTo', f.attributedTo], ['incident.foundInCountry', f.foundInCountry], ['incident.foundVia', f.foundVia]] as const) {
    for (const tag of findTags(value)) {
      out.push(diagnostic('unsafe-html', value, field, tag.start, tag.end, `${JSON.stringify(tag.text.slice(0, 60))}: this field is plain text; HTML is not allowed in it.`, [replaceFix('Remove it', field, tag.start, tag.end, '')]));
    }
  }

  // References.
  if (draft.references.length === 0) out.push(diagnostic('missing-field', '', 'references', 0, 0, 'The incident has no reference: add the article it comes from.', [], 'warning'));
  draft.references.forEach((r, i) => {
    const at = `references.${i}`;
    if (r.url.trim() === '') out.push(diagnostic('missing-field', r.url, `${at}.url`, 0, r.url.length, 'This reference has no URL.'));
    else out.push(...checkUrl(r.url, `${at}.url`));
    if (r.archiveUrl.trim() === '') out.push(diagnostic('missing-field', r.archiveUrl, `${at}.archiveUrl`, 0, r.archiveUrl.length, 'This reference has no archive link (e.g. on web.archive.org): sources disappear.', [], 'warning'));
    else out.push(...checkUrl(r.archiveUrl, `${at}.archiveUrl`));
    if (r.pubDate.trim() === '') out.push(diagnostic('missing-field', r.pubDate, `${at}.pubDate`, 0, r.pubDate.length, 'This reference has no publication date.', [], 'warning'));
    else out.push(...checkDate(r.pubDate, `${at}.pubDate`, 'pubDate'));
  });

  // Tagged quotes.
  const seen = new Map<string, number>();
  draft.annotations.forEach((a, i) => {
    const at = `annotations.${i}`;
    if (a.quote.trim() === '') out.push(diagnostic('missing-field', a.quote, `${at}.quote`, 0, a.quote.length, 'This tag has no quote.'));
    if (a.techniqueIds.length === 0) out.push(diagnostic('missing-field', '', `${at}.techniqueIds`, 0, 0, 'This quote is not tagged with any technique.'));
    if (a.explanation.trim() === '') out.push(diagnostic('missing-field', a.explanation, `${at}.explanation`, 0, a.explanation.length, 'Explain how the quote shows the technique(s).', [], 'warning'));
    const inThisQuote = new Set<string>();
    a.techniqueIds.forEach((id, j) => {
      const field = `${at}.techniqueIds.${j}`;
      const problem = checkTechniqueId(id.trim(), context);
      if (problem) out.push(diagnostic(problem.code, id, field, 0, id.length, problem.message, problem.suggestions.map((s) => replaceFix(`Replace with ${s.id} (${s.name})`, field, 0, id.length, s.id))));
      const key = id.trim();
      if (inThisQuote.has(key)) {
        out.push(diagnostic('duplicate-tag', id, field, 0, id.length, `${key} is already tagged on this quote.`, [{ title: `Remove the second ${key}`, edits: [{ field, remove: true }] }]));
      } else {
        inThisQuote.add(key);
        const pair = `${key}\u0000${a.quote.trim()}`;
        const other = seen.get(pair);
        if (other !== undefined && a.quote.trim() !== '') out.push(diagnostic('duplicate-tag', id, field, 0, id.length, `The same quote is already tagged with ${key} (tag ${other + 1}).`, [{ title: `Remove ${key} here`, edits: [{ field, remove: true }] }]));
        else seen.set(pair, i);
      }
    });
    if (a.quote.trim() !== '' && draft.sources.length > 0) {
      const sources = a.anchor ? draft.sources.filter((s) => s.id === a.anchor?.sourceId) : draft.sources;
      if (!sources.some((s) => quoteIsInNormalizedSource(normalizedSource(s), a.quote))) {
        const orphaned = a.anchor?.state === 'orphaned' ? ' Its place in the source was lost when the text changed.' : a.anchor?.state === 'needs-review' ? ' The text changed: choose one of the close places the tagger lists under “Needs review”, or edit the quote.' : '';
        out.push(diagnostic('quote-not-in-source', a.quote, `${at}.quote`, 0, a.quote.length, `This quote is not word for word in the source text${sources.length > 1 ? 's' : ''} (whitespace and quote marks aside; mark left-out words with [...]).${orphaned}`));
      }
    }
    out.push(...checkText(a.explanation, `${at}.explanation`, context));
  });

  // Characters, over every string the draft holds (a field added later is covered too). A quote's
  // anchor copies its source's text: when that source has the characters, the source's diagnostic
  // is the one to act on (its fix anchors the quotes again), so the copies are not reported twice.
  const sourceHasControls = new Set(draft.sources.filter((s) => hasControlCharacter(s.text)).map((s) => s.id));
  const copied = (d: Diagnostic) => {
    const index = /^annotations\.(\d+)\.anchor\.quote\./.exec(d.range.field)?.[1];
    return index !== undefined && sourceHasControls.has(draft.annotations[Number(index)]?.anchor?.sourceId ?? '');
  };
  out.push(...checkStrings(draft, (d) => d.code !== 'control-character' || !copied(d)));
  return out;
}

/** True when a list of diagnostics has an error (the draft must not be applied). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
