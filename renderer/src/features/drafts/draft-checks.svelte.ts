/**
 * What the draft screens derive from an open draft, live as the analyst types: its validation
 * (shared/validation, over the checked-out framework's techniques) by field and by quote, and the
 * incident page exactly as it will be written (shared/drafts/render-incident), for the preview.
 */
import { lookupFromList, type FrameworkLookup } from '../../../../shared/drafts/framework-lookup';
import { renderDraftIncidentPage } from '../../../../shared/drafts/render-incident';
import { validateDraft, type Diagnostic } from '../../../../shared/validation';
import { EDIT_LINE } from '../../../../shared/edit-line';
import type { TechniqueInfo } from '../../../../shared/api/ops/catalog';
import type { DraftSession } from './draft-session.svelte';

/** What the incident id reads as in a preview of a draft that has none yet. */
export const PLACEHOLDER_INCIDENT_ID = 'I?????';

export class DraftChecks {
  readonly #session: () => DraftSession | undefined;
  readonly #techniques: () => readonly TechniqueInfo[];
  readonly #marker: () => string;

  constructor(options: { session: () => DraftSession | undefined; techniques: () => readonly TechniqueInfo[]; marker?: () => string | undefined }) {
    this.#session = options.session;
    this.#techniques = options.techniques;
    this.#marker = () => options.marker?.() ?? EDIT_LINE;
  }

  /** The framework's techniques as rendering and validation look them up. */
  readonly lookup = $derived.by((): FrameworkLookup => lookupFromList(this.#techniques()));

  /** Every diagnostic of the draft. */
  readonly diagnostics = $derived.by((): Diagnostic[] => {
    const session = this.#session();
    if (!session || this.#techniques().length === 0) return [];
    return validateDraft(session.draft, { lookup: this.lookup });
  });

  /** Diagnostics of one field path (`incident.name`, `references.0.url`). */
  of(field: string): Diagnostic[] {
    return this.diagnostics.filter((d) => d.range.field === field);
  }

  /** Diagnostics of one quote (its quote, techniques and explanation), by the quote's id. */
  ofAnnotation(id: string): Diagnostic[] {
    const index = this.#session()?.draft.annotations.findIndex((a) => a.id === id) ?? -1;
    if (index < 0) return [];
    const prefix = `annotations.${index}.`;
    return this.diagnostics.filter((d) => d.range.field.startsWith(prefix));
  }

  /** The field path of a quote's part (`annotations.3.explanation`). */
  annotationField(id: string, part: string): string | undefined {
    const index = this.#session()?.draft.annotations.findIndex((a) => a.id === id) ?? -1;
    return index < 0 ? undefined : `annotations.${index}.${part}`;
  }

  /** The incident page as it will be written (a placeholder id until one is allocated). */
  readonly page = $derived.by((): { markdown: string; error?: string } => {
    const session = this.#session();
    if (!session) return { markdown: '' };
    const draft = session.draft;
    try {
      const shown = draft.incidentId ? draft : { ...draft, incidentId: PLACEHOLDER_INCIDENT_ID };
      return { markdown: renderDraftIncidentPage(shown, this.lookup, undefined, this.#marker()) };
    } catch (error) {
      return { markdown: '', error: error instanceof Error ? error.message : String(error) };
    }
  });
}
