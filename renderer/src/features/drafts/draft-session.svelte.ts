/**
 * One open draft, shared by the incident editor and the quote tagger: the draft as reactive
 * state, every edit the analyst makes (fields, references, sources, annotations), and the
 * autosave. Edits apply locally at once and are saved shortly after (or at once with Save); the
 * store's revision guards against a draft changed elsewhere meanwhile: then this window's edits are
 * put on top of the stored draft (only the parts edited here) and saved again, and the analyst is told.
 */
import type { ApiClient } from '../../../../shared/api/client';
import { ApiError } from '../../../../shared/api/errors';
import type { DraftChanges } from '../../../../shared/drafts/changes';
import type { AnchorCandidate, Annotation, Draft, IncidentFields, Reference, ReviewState, SourceText } from '../../../../shared/drafts/model';
import { describeQuote, takeCandidate } from '../../../../shared/drafts/anchoring';
import { messageOf } from '../../lib/app/notices.svelte';

/** How long after the last edit the autosave runs. */
const AUTOSAVE_MS = 600;

/** What the session reports to the analyst. */
export interface SessionReporter {
  error(error: unknown, context?: string): void;
  info(message: string): void;
}

/** Where the draft's own save state stands, for the status line. */
export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

/** Makes the random ids of references, sources and annotations. */
export type NewId = () => string;

export class DraftSession {
  draft = $state<Draft>() as Draft;
  saveState = $state<SaveState>('saved');
  saveError = $state<string | undefined>(undefined);
  lastSavedAt = $state<string | undefined>(undefined);
  readonly #api: ApiClient;
  readonly #report: SessionReporter;
  readonly #newId: NewId;
  #pending: DraftChanges = {};
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<void> | undefined;

  constructor(draft: Draft, options: { api: ApiClient; report: SessionReporter; newId: NewId }) {
    this.draft = draft;
    this.lastSavedAt = draft.updatedAt;
    this.#api = options.api;
    this.#report = options.report;
    this.#newId = options.newId;
  }

  get id(): string {
    return this.draft.id;
  }

  /** The draft's name, or a placeholder for an unnamed one. */
  readonly title = $derived(this.draft.incident.name.trim() || 'Untitled incident');

  /** Techniques most recently tagged first (each once): the tagger offers these first. */
  readonly recentTechniqueIds = $derived.by(() => {
    const ids: string[] = [];
    for (const annotation of [...this.draft.annotations].reverse()) for (const id of [...annotation.techniqueIds].reverse()) if (!ids.includes(id)) ids.push(id);
    return ids;
  });

  // --- incident fields -------------------------------------------------------------------

  setField<K extends keyof IncidentFields>(name: K, value: IncidentFields[K]): void {
    this.draft.incident[name] = value;
    this.#pending.incident = { ...this.#pending.incident, [name]: value };
    this.#schedule();
  }

  /** Sets or clears the incident id (a quick fix offering the next free one). */
  setIncidentId(id: string | undefined): void {
    if (id) this.draft.incidentId = id;
    else delete this.draft.incidentId;
    this.#pending.incidentId = id ?? null;
    this.#schedule();
  }

  /** Gives the draft the next free incident id and IT ids (saved first, then taken from the store). */
  async allocateIds(): Promise<void> {
    await this.save();
    const draft = await this.#api.call('drafts.allocateIds', { id: this.id });
    this.draft = draft;
    this.lastSavedAt = draft.updatedAt;
  }

  /** Gives the draft the next free ids for those someone else took meanwhile (saved first). */
  async resolveIdConflict(): Promise<void> {
    await this.save();
    const draft = await this.#api.call('drafts.resolveIdConflict', { id: this.id });
    this.draft = draft;
    this.lastSavedAt = draft.updatedAt;
  }

  // --- references ------------------------------------------------------------------------

  /** Adds an empty reference; returns its id. */
  addReference(): string {
    const id = this.#newId();
    this.draft.references.push({ id, url: '', pubDate: '', authors: '', org: '', archiveUrl: '' });
    this.#listChanged('references');
    return id;
  }

  updateReference(id: string, patch: Partial<Omit<Reference, 'id'>>): void {
    const reference = this.draft.references.find((r) => r.id === id);
    if (!reference) return;
    Object.assign(reference, patch);
    this.#listChanged('references');
  }

  removeReference(id: string): void {
    this.draft.references = this.draft.references.filter((r) => r.id !== id);
    // A source taken from this reference keeps its text; it just no longer points at it.
    for (const source of this.draft.sources) if (source.referenceId === id) delete source.referenceId;
    this.#listChanged('references');
    this.#listChanged('sources');
  }

  // --- sources ---------------------------------------------------------------------------

  /** Adds a source text; returns its id. */
  addSource(text: string, title: string, referenceId?: string): string {
    const id = this.#newId();
    const source: SourceText = referenceId ? { id, title, text, referenceId } : { id, title, text };
    this.draft.sources.push(source);
    this.#listChanged('sources');
    return id;
  }

  /**
   * Replaces a source's text (edited or re-pasted) and re-anchors its quotes on the back end; a
   * quote whose words are gone is kept, to review (with candidate places) or orphaned. Returns
   * how many of each.
   */
  async replaceSourceText(sourceId: string, text: string): Promise<{ needsReview: number; orphaned: number }> {
    await this.save();
    const result = await this.#api.call('drafts.replaceSource', { id: this.id, sourceId, text, expectedRevision: this.draft.revision });
    this.draft = result.draft;
    this.lastSavedAt = result.draft.updatedAt;
    return { needsReview: result.needsReview.length, orphaned: result.orphaned.length };
  }

  /**
   * The analyst takes one of a quote's candidate places: the quote becomes the source's words
   * there, anchored, and goes back to review. False when the source no longer says those words.
   */
  takeCandidate(annotationId: string, candidate: AnchorCandidate): boolean {
    const annotation = this.annotation(annotationId);
    const source = this.draft.sources.find((s) => s.id === annotation?.anchor?.sourceId);
    const anchor = annotation?.anchor && source ? takeCandidate(annotation.anchor, source.text, candidate) : undefined;
    if (!annotation || !anchor) return false;
    this.updateAnnotation(annotationId, { quote: anchor.quote.exact, anchor, review: 'draft' });
    return true;
  }

  /** Renames a source text. */
  updateSource(id: string, patch: Partial<Pick<SourceText, 'title'>>): void {
    const source = this.draft.sources.find((s) => s.id === id);
    if (!source) return;
    Object.assign(source, patch);
    this.#listChanged('sources');
  }

  /** replaceSourceText for a quick fix, which cannot wait: a failure is reported, not thrown. */
  setSourceText(id: string, text: string): void {
    this.replaceSourceText(id, text).catch((error: unknown) => this.#report.error(error, 'The source text could not be changed'));
  }

  // --- annotations -----------------------------------------------------------------------

  /** Tags the passage `start`–`end` of a source: a new annotation with that quote; returns its id. */
  tagPassage(sourceId: string, start: number, end: number, techniqueIds: readonly string[] = []): string | undefined {
    const source = this.draft.sources.find((s) => s.id === sourceId);
    if (!source) return undefined;
    // Edge whitespace of a selection is never meant to be quoted.
    while (start < end && /\s/.test(source.text.charAt(start))) start++;
    while (end > start && /\s/.test(source.text.charAt(end - 1))) end--;
    if (end <= start) return undefined;
    const id = this.#newId();
    const annotation: Annotation = {
      id,
      quote: source.text.slice(start, end),
      techniqueIds: [...techniqueIds],
      explanation: '',
      anchor: describeQuote(sourceId, source.text, start, end),
      review: 'draft',
    };
    this.draft.annotations.push(annotation);
    this.#listChanged('annotations');
    return id;
  }

  annotation(id: string | undefined): Annotation | undefined {
    return id ? this.draft.annotations.find((a) => a.id === id) : undefined;
  }

  updateAnnotation(id: string, patch: Partial<Pick<Annotation, 'quote' | 'explanation' | 'techniqueIds' | 'review' | 'anchor'>>): void {
    const annotation = this.annotation(id);
    if (!annotation) return;
    Object.assign(annotation, patch);
    this.#listChanged('annotations');
  }

  addTechnique(annotationId: string, techniqueId: string): void {
    const annotation = this.annotation(annotationId);
    if (!annotation || annotation.techniqueIds.includes(techniqueId)) return;
    annotation.techniqueIds.push(techniqueId);
    this.#listChanged('annotations');
  }

  removeTechnique(annotationId: string, techniqueId: string): void {
    const annotation = this.annotation(annotationId);
    if (!annotation) return;
    annotation.techniqueIds = annotation.techniqueIds.filter((t) => t !== techniqueId);
    this.#listChanged('annotations');
  }

  setReview(annotationId: string, review: ReviewState): void {
    this.updateAnnotation(annotationId, { review });
  }

  removeAnnotation(id: string): void {
    this.draft.annotations = this.draft.annotations.filter((a) => a.id !== id);
    this.#listChanged('annotations');
  }

  /** The first annotation after `afterId` (in list order, wrapping) still in review state `draft`. */
  nextUnreviewed(afterId: string | undefined): Annotation | undefined {
    const list = this.draft.annotations;
    const start = afterId ? list.findIndex((a) => a.id === afterId) + 1 : 0;
    for (let i = 0; i < list.length; i++) {
      const candidate = list[(start + i) % list.length];
      if (candidate && candidate.review === 'draft' && candidate.id !== afterId) return candidate;
    }
    return undefined;
  }

  // --- saving ----------------------------------------------------------------------------

  /** Saves what is pending now (Mod+S); resolves when the store has it. */
  async save(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#inFlight) await this.#inFlight;
    if (!hasChanges(this.#pending)) return;
    const changes = this.#pending;
    this.#pending = {};
    this.saveState = 'saving';
    this.#inFlight = this.#send(changes).finally(() => (this.#inFlight = undefined));
    await this.#inFlight;
  }

  /** True while something is not yet in the store. */
  get unsaved(): boolean {
    return hasChanges(this.#pending) || this.#inFlight !== undefined;
  }

  async #send(changes: DraftChanges, retry = true): Promise<void> {
    try {
      const saved = await this.#api.call('drafts.update', { id: this.id, expectedRevision: this.draft.revision, changes });
      // Keep what was typed meanwhile; take the store's bookkeeping.
      this.draft.revision = saved.revision;
      this.draft.updatedAt = saved.updatedAt;
      this.lastSavedAt = saved.updatedAt;
      this.saveError = undefined;
      this.saveState = hasChanges(this.#pending) ? 'pending' : 'saved';
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict' && retry) {
        // Changed elsewhere meanwhile (another window): take the stored draft, put this window's
        // edits on top of it (only the parts edited here), and save again, so nobody's words are lost.
        const current = await this.#api.call('drafts.get', { id: this.id });
        this.draft = { ...current, incident: { ...current.incident, ...changes.incident, ...this.#pending.incident }, ...listsOf(changes), ...listsOf(this.#pending) };
        this.#report.info('This draft was also changed in another window; your edits were saved on top of those changes.');
        return this.#send(changes, false);
      }
      // Keep the edits for the next attempt.
      this.#pending = mergeChanges(changes, this.#pending);
      this.saveError = messageOf(error);
      this.saveState = 'error';
      this.#report.error(error, 'The draft could not be saved');
    }
  }

  #listChanged(name: 'references' | 'sources' | 'annotations'): void {
    // Lists travel whole (the store replaces the list); a snapshot, since the state is a proxy.
    this.#pending = { ...this.#pending, [name]: $state.snapshot(this.draft[name]) };
    this.#schedule();
  }

  #schedule(): void {
    this.saveState = 'pending';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.save(), AUTOSAVE_MS);
  }

  /** Saves what is pending and stops the autosave. */
  async close(): Promise<void> {
    await this.save();
  }
}

/** The lists a change replaces. */
function listsOf(changes: DraftChanges): Pick<DraftChanges, 'references' | 'sources' | 'annotations'> {
  return {
    ...(changes.references ? { references: changes.references } : {}),
    ...(changes.sources ? { sources: changes.sources } : {}),
    ...(changes.annotations ? { annotations: changes.annotations } : {}),
  };
}

function hasChanges(changes: DraftChanges): boolean {
  return Object.keys(changes).length > 0;
}

/** `later` over `earlier`: later lists win, incident fields merge. */
function mergeChanges(earlier: DraftChanges, later: DraftChanges): DraftChanges {
  const merged: DraftChanges = { ...earlier, ...later };
  if (earlier.incident || later.incident) merged.incident = { ...earlier.incident, ...later.incident };
  return merged;
}
