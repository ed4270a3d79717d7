/**
 * The typed model of DISARM object pages. Every page kind has its own shape; all keep the text
 * below the edit line verbatim (`notes`) so that nothing an analyst wrote is ever lost by a
 * parse/render round trip. Field values are kept as the page writes them (markdown, with the
 * framework's own HTML such as `<i>` and `<br>`), not unescaped, so that rendering them back is exact.
 */
import type { PageKind } from '../ids';

/** Which generator format a page was read from. Only `newest` pages render back byte for byte. */
export type PageFormat = 'newest' | 'legacy';

/** A link cell: `[T0155.007 Encrypted Communication Channel](../../generated_pages/techniques/T0155.007.md)`. */
export interface ObjectLink {
  /** The id as written (may be '' or malformed in old data; see ParsedPage.warnings). */
  readonly id: string;
  readonly name: string;
}

/** What every page has. */
export interface PageBase {
  readonly kind: PageKind;
  /** The id from the title line (`# Technique T0155.007: ...`); '' when the title has none. */
  readonly id: string;
  readonly name: string;
  /** The summary field, as written. */
  readonly summary: string;
  /** Whether the page carries the edit line (all generated object pages do). */
  readonly hasEditLine: boolean;
  /** Everything after the edit line, byte for byte. */
  readonly notes: string;
  readonly format: PageFormat;
  /** Oddities that did not stop the parse (an empty id, a raw `|` in a cell...). */
  readonly warnings: readonly string[];
}

/** A row of a technique page's incident table: one incident that used this technique. */
export interface TechniqueIncidentRow {
  readonly incident: ObjectLink;
  /** The description cell as written (newest: `<i>“quote”</i><br><br>explanation`). */
  readonly description: string;
}

/** A row of a technique page's associated-technique table. */
export interface AssociatedTechniqueRow {
  readonly technique: ObjectLink;
  readonly description: string;
}

/** A row of a counters table: the counter and its response types (`D03`). */
export interface CounterRow {
  readonly counter: ObjectLink;
  readonly responseTypes: string;
}

export interface TechniquePage extends PageBase {
  readonly kind: 'technique';
  /** The tactic (newest pages name it; legacy pages give only the id, with name ''). */
  readonly tactic: ObjectLink | undefined;
  /** The parent technique of a sub-technique (newest pages only). */
  readonly parent: ObjectLink | undefined;
  readonly associated: readonly AssociatedTechniqueRow[];
  readonly incidents: readonly TechniqueIncidentRow[];
  readonly counters: readonly CounterRow[];
}

/** A row of an incident's reference table. Legacy pages may have only `url`. */
export interface IncidentReference {
  /** The link text (the generator writes the URL itself). */
  readonly title: string;
  readonly url: string;
  /** `YYYY/MM/DD` as in the master data, or '' */
  readonly pubDate: string;
  readonly authors: string;
  readonly org: string;
  /** The archive link's text and target ('' when there is none). */
  readonly archiveTitle: string;
  readonly archiveUrl: string;
}

/** A row of an incident's technique table. */
export interface IncidentTechniqueRow {
  readonly technique: ObjectLink;
  /** The incident-technique link id (`IT00000219`) that legacy descriptions began with, or ''. */
  readonly linkId: string;
  /** The description, as written (without the legacy link id). */
  readonly description: string;
}

export interface IncidentPage extends PageBase {
  readonly kind: 'incident';
  readonly incidentType: string;
  readonly yearStarted: string;
  /** The first half of `Countries: <from> , <to>` (master data: attributions_seen). */
  readonly attributedTo: string;
  /** The second half (master data: found_in_country). */
  readonly foundInCountry: string;
  readonly foundVia: string;
  readonly dateAdded: string;
  readonly references: readonly IncidentReference[];
  readonly techniques: readonly IncidentTechniqueRow[];
}

export interface TacticPage extends PageBase {
  readonly kind: 'tactic';
  /** `Belongs to phase: P01`. */
  readonly phaseId: string;
  readonly tasks: readonly ObjectLink[];
  readonly techniques: readonly ObjectLink[];
  readonly counters: readonly CounterRow[];
}

export interface PhasePage extends PageBase {
  readonly kind: 'phase';
}

export interface TaskPage extends PageBase {
  readonly kind: 'task';
  readonly tacticId: string;
}

export interface CounterPage extends PageBase {
  readonly kind: 'counter';
  readonly tacticId: string;
  readonly metatechnique: string;
  readonly playbooks: string;
  readonly resourcesNeeded: string;
  readonly actorTypes: readonly ObjectLink[];
  readonly techniques: readonly ObjectLink[];
  readonly incidents: readonly ObjectLink[];
}

export interface ActorTypePage extends PageBase {
  readonly kind: 'actortype';
  readonly sectors: string;
  readonly viewpoint: string;
  readonly counters: readonly CounterRow[];
}

export interface MetatechniquePage extends PageBase {
  readonly kind: 'metatechnique';
  readonly counters: readonly CounterRow[];
}

/** Any object page. */
export type Page = TechniquePage | IncidentPage | TacticPage | PhasePage | TaskPage | CounterPage | ActorTypePage | MetatechniquePage;

/** A parse either gives the page or says why it could not. */
export type ParseResult<T> = { readonly ok: true; readonly page: T } | { readonly ok: false; readonly reason: string };
