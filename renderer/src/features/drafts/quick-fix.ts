/**
 * Quick fixes from validation (shared/validation) applied to an open draft: each edit names a
 * field of the draft by its dotted path (`incident.name`, `references.0.url`,
 * `annotations.2.explanation`, `annotations.1.techniqueIds.0`, `incidentId`, `sources.0.text`,
 * `annotations.0.anchor.quote.prefix`: validation looks at every string) and either replaces
 * a range of its text or removes a list item. Edits of one field apply from the end backwards so
 * their offsets stay right.
 */
import type { FixEdit, QuickFix } from '../../../../shared/validation';
import type { Annotation, Draft, IncidentFields, Reference, SourceText } from '../../../../shared/drafts/model';

/** What a fix needs of an open draft (DraftSession is one; a plain interface keeps this module pure). */
export interface DraftEditor {
  readonly draft: Draft;
  setIncidentId(id: string | undefined): void;
  setField<K extends keyof IncidentFields>(name: K, value: IncidentFields[K]): void;
  updateReference(id: string, patch: Partial<Omit<Reference, 'id'>>): void;
  updateAnnotation(id: string, patch: Partial<Pick<Annotation, 'quote' | 'explanation' | 'techniqueIds' | 'review' | 'anchor'>>): void;
  updateSource(id: string, patch: Partial<Pick<SourceText, 'title'>>): void;
  /** Replaces a source's text; its quotes are anchored again (on the back end, so it returns at once). */
  setSourceText(id: string, text: string): void;
}

/** A field path read into what it names. */
export type FieldRef =
  | { readonly kind: 'incidentId' }
  | { readonly kind: 'incident'; readonly name: keyof IncidentFields }
  | { readonly kind: 'reference'; readonly index: number; readonly name: 'url' | 'pubDate' | 'authors' | 'org' | 'archiveUrl' }
  | { readonly kind: 'annotation'; readonly index: number; readonly name: 'quote' | 'explanation' }
  | { readonly kind: 'technique'; readonly index: number; readonly position: number }
  | { readonly kind: 'source'; readonly index: number; readonly name: 'title' | 'text' }
  /** Where a quote sits in its source (the selector's copy of the source's text). */
  | { readonly kind: 'anchor'; readonly index: number; readonly name: 'exact' | 'prefix' | 'suffix' };

const INCIDENT_FIELDS = ['name', 'summary', 'type', 'yearStarted', 'attributedTo', 'foundInCountry', 'foundVia', 'dateAdded', 'notes'] as const;
const REFERENCE_FIELDS = ['url', 'pubDate', 'authors', 'org', 'archiveUrl'] as const;
const SOURCE_FIELDS = ['title', 'text'] as const;
const SELECTOR_FIELDS = ['exact', 'prefix', 'suffix'] as const;

function oneOf<T extends string>(list: readonly T[], value: string | undefined): T | undefined {
  return list.find((item) => item === value);
}

/** The field a path names, or undefined for a path that names none this module edits. */
export function parseFieldPath(path: string): FieldRef | undefined {
  const parts = path.split('.');
  if (path === 'incidentId') return { kind: 'incidentId' };
  if (parts[0] === 'incident' && parts.length === 2) {
    const name = oneOf(INCIDENT_FIELDS, parts[1]);
    return name ? { kind: 'incident', name } : undefined;
  }
  const index = Number(parts[1]);
  if (!Number.isInteger(index) || index < 0) return undefined;
  if (parts[0] === 'references' && parts.length === 3) {
    const name = oneOf(REFERENCE_FIELDS, parts[2]);
    return name ? { kind: 'reference', index, name } : undefined;
  }
  if (parts[0] === 'annotations' && parts.length === 3) {
    const name = oneOf(['quote', 'explanation'] as const, parts[2]);
    return name ? { kind: 'annotation', index, name } : undefined;
  }
  if (parts[0] === 'annotations' && parts[2] === 'techniqueIds' && parts.length === 4) {
    const position = Number(parts[3]);
    return Number.isInteger(position) && position >= 0 ? { kind: 'technique', index, position } : undefined;
  }
  if (parts[0] === 'sources' && parts.length === 3) {
    const name = oneOf(SOURCE_FIELDS, parts[2]);
    return name ? { kind: 'source', index, name } : undefined;
  }
  if (parts[0] === 'annotations' && parts[2] === 'anchor' && parts[3] === 'quote' && parts.length === 5) {
    const name = oneOf(SELECTOR_FIELDS, parts[4]);
    return name ? { kind: 'anchor', index, name } : undefined;
  }
  return undefined;
}

/** The current text of a field of the session's draft. */
function fieldText(session: DraftEditor, ref: FieldRef): string | undefined {
  const draft = session.draft;
  switch (ref.kind) {
    case 'incidentId':
      return draft.incidentId ?? '';
    case 'incident':
      return draft.incident[ref.name];
    case 'reference':
      return draft.references[ref.index]?.[ref.name];
    case 'annotation':
      return draft.annotations[ref.index]?.[ref.name];
    case 'technique':
      return draft.annotations[ref.index]?.techniqueIds[ref.position];
    case 'source':
      return draft.sources[ref.index]?.[ref.name];
    case 'anchor':
      return draft.annotations[ref.index]?.anchor?.quote[ref.name];
  }
}

/** Writes a field of the session's draft. */
function writeField(session: DraftEditor, ref: FieldRef, text: string): void {
  const draft = session.draft;
  switch (ref.kind) {
    case 'incidentId':
      session.setIncidentId(text.trim() || undefined);
      return;
    case 'incident':
      session.setField(ref.name, text);
      return;
    case 'reference': {
      const reference = draft.references[ref.index];
      if (reference) session.updateReference(reference.id, { [ref.name]: text });
      return;
    }
    case 'annotation': {
      const annotation = draft.annotations[ref.index];
      if (annotation) session.updateAnnotation(annotation.id, { [ref.name]: text });
      return;
    }
    case 'technique': {
      const annotation = draft.annotations[ref.index];
      if (annotation) session.updateAnnotation(annotation.id, { techniqueIds: annotation.techniqueIds.map((id, j) => (j === ref.position ? text : id)) });
      return;
    }
    case 'source': {
      const source = draft.sources[ref.index];
      if (source && ref.name === 'title') session.updateSource(source.id, { title: text });
      else if (source) session.setSourceText(source.id, text);
      return;
    }
    case 'anchor': {
      const annotation = draft.annotations[ref.index];
      const anchor = annotation?.anchor;
      if (annotation && anchor) session.updateAnnotation(annotation.id, { anchor: { ...anchor, quote: { ...anchor.quote, [ref.name]: text } } });
      return;
    }
  }
}

/** Removes the list item a path names (a technique of a quote). */
function removeItem(session: DraftEditor, ref: FieldRef): void {
  if (ref.kind !== 'technique') return;
  const annotation = session.draft.annotations[ref.index];
  if (annotation) session.updateAnnotation(annotation.id, { techniqueIds: annotation.techniqueIds.filter((_, j) => j !== ref.position) });
}

/**
 * Applies `fix` to the session's draft. `editText` may take over edits of one field (the open
 * explanation editor applies its own, so its undo history has them); it returns true when it did.
 */
export function applyQuickFix(session: DraftEditor, fix: QuickFix, editText?: (edit: Extract<FixEdit, { text: string }>) => boolean): void {
  const removals = fix.edits.filter((e): e is Extract<FixEdit, { remove: true }> => 'remove' in e);
  const replacements = fix.edits.filter((e): e is Extract<FixEdit, { text: string }> => 'text' in e).sort((a, b) => b.start - a.start);
  for (const edit of replacements) {
    if (editText?.(edit)) continue;
    const ref = parseFieldPath(edit.field);
    if (!ref) continue;
    const current = fieldText(session, ref);
    if (current === undefined) continue;
    writeField(session, ref, current.slice(0, edit.start) + edit.text + current.slice(edit.end));
  }
  // Removals from the highest position down, so earlier positions stay right.
  for (const edit of removals.sort((a, b) => b.field.localeCompare(a.field, undefined, { numeric: true }))) {
    const ref = parseFieldPath(edit.field);
    if (ref) removeItem(session, ref);
  }
}
