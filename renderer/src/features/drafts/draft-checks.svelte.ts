/**
 * What the draft screens derive from an open draft, live as the analyst types: its validation
 * (shared/validation, over the checked-out framework's techniques) by field and by quote, and the
 * incident page exactly as it will be written (shared/drafts/render-incident), for the preview.
 */
import { lookupFromList, type FrameworkLookup } from '../../../../shared/drafts/framework-lookup';
import { renderDraftIncidentPage } from '../../../../shared/drafts/render-incident';
import { validateDraft, type Diagnostic } from '../../../../shared/validation';
import { validationContext, type BackEndContext } from '../../lib/validation/back-end-context';
import { EDIT_LINE } from '../../../../shared/edit-line';
import type { Workbench } from '../../lib/app/workbench.svelte';
import type { DraftSession } from './draft-session.svelte';
import { messageOf } from '../../lib/app/notices.svelte';

/** What the incident id reads as in a preview of a draft that has none yet. */
export const PLACEHOLDER_INCIDENT_ID = 'I?????';

export class DraftChecks {
  readonly #workbench: Workbench;
  readonly #session: () => DraftSession | undefined;
  /** The back end's part of the context for the open draft, once it has answered. */
  #backEnd = $state<BackEndContext | undefined>(undefined);

  /**
   * The checks of the draft `session` gives, over the workbench's catalog and edit-line setting.
   * The back end's part of the context (retired techniques from the checkout's history, ids in
   * use) is fetched in an effect, so construct this class during a component's initialisation;
   * until it answers, or if it cannot, the checks know the catalog only.
   */
  constructor(workbench: Workbench, session: () => DraftSession | undefined) {
    this.#workbench = workbench;
    this.#session = session;
    $effect(() => {
      const draft = this.#session()?.draft;
      const draftId = draft?.id;
      void draft?.incidentId; // a new id changes what is taken
      if (!draftId) {
        this.#backEnd = undefined;
        return;
      }
      let current = true;
      workbench.api.call('drafts.context', { id: draftId }).then(
        (context) => {
          if (current) this.#backEnd = context;
        },
        () => undefined, // the catalog-only checks still run
      );
      return () => {
        current = false;
      };
    });
  }

  /** The framework's techniques as rendering and validation look them up. */
  readonly lookup = $derived.by((): FrameworkLookup => lookupFromList(this.#workbench.catalog.techniques));

  /** The whole context: built again when the catalog or the back end's answer changes, not at each keystroke. */
  readonly #context = $derived(validationContext(this.lookup, this.#backEnd));

  /** Every diagnostic of the draft. */
  readonly diagnostics = $derived.by((): Diagnostic[] => {
    const session = this.#session();
    if (!session || this.#workbench.catalog.techniques.length === 0) return [];
    return validateDraft(session.draft, this.#context);
  });

  /** The diagnostics by field and by quote: grouped once per validation, looked up by every field and quote. */
  readonly #grouped = $derived.by(() => groupDiagnostics(this.diagnostics, this.#session()?.draft.annotations ?? []));

  /** Diagnostics of one field path (`incident.name`, `references.0.url`). */
  of(field: string): readonly Diagnostic[] {
    return this.#grouped.byField.get(field) ?? NONE;
  }

  /** Diagnostics of one quote (its quote, techniques and explanation), by the quote's id. */
  ofAnnotation(id: string): readonly Diagnostic[] {
    return this.#grouped.byAnnotation.get(id) ?? NONE;
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
      return { markdown: renderDraftIncidentPage(shown, this.lookup, undefined, this.#workbench.settings?.editLine ?? EDIT_LINE) };
    } catch (error) {
      return { markdown: '', error: messageOf(error) };
    }
  });
}

/** What a field or quote without diagnostics has. */
const NONE: readonly Diagnostic[] = [];

/** Diagnostics by field path, and by the id of the quote (`annotations.<index>.…`) they are in. */
function groupDiagnostics(diagnostics: readonly Diagnostic[], annotations: readonly { readonly id: string }[]): { byField: ReadonlyMap<string, Diagnostic[]>; byAnnotation: ReadonlyMap<string, Diagnostic[]> } {
  const byField = new Map<string, Diagnostic[]>();
  const byAnnotation = new Map<string, Diagnostic[]>();
  const add = (map: Map<string, Diagnostic[]>, key: string, d: Diagnostic) => map.set(key, [...(map.get(key) ?? []), d]);
  for (const d of diagnostics) {
    add(byField, d.range.field, d);
    const index = /^annotations\.(\d+)\./.exec(d.range.field)?.[1];
    const id = index === undefined ? undefined : annotations[Number(index)]?.id;
    if (id !== undefined) add(byAnnotation, id, d);
  }
  return { byField, byAnnotation };
}
