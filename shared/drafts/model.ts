/**
 * The incident draft: what an analyst writes before it becomes framework pages. Drafts cross the
 * api, live in the store and travel between machines as JSON files, so every boundary validates
 * them with these schemas; the types are inferred from the schemas so the two never drift.
 *
 * A stored draft is complete (every field present, empty strings for unfinished ones): the schemas
 * check shape and size, and the validation rules (shared/validation) say what is missing or wrong.
 * Partial input (create, update) has its own schemas in changes.ts.
 */
import { z } from 'zod';
import { isId } from '../ids';

/** The version of the draft shape written today; older shapes are migrated (see migrations.ts). */
export const DRAFT_SCHEMA_VERSION = 2;

/** Upper bounds that keep a hand-edited or hostile file from exhausting memory. */
export const DRAFT_LIMITS = {
  shortText: 1_000,
  longText: 100_000,
  sourceText: 5_000_000,
  references: 500,
  sources: 100,
  annotations: 5_000,
  techniquesPerAnnotation: 100,
} as const;

const ShortText = z.string().max(DRAFT_LIMITS.shortText, `at most ${DRAFT_LIMITS.shortText} characters`);
const LongText = z.string().max(DRAFT_LIMITS.longText, `at most ${DRAFT_LIMITS.longText} characters`);

/** A random identifier for drafts and their parts (never shown to maintainers). */
export const DraftUuid = z.uuid('not a uuid');

/** An allocated incident id such as `I00131`. */
export const IncidentId = z.string().refine((s) => isId(s, 'incident'), 'not an incident id (I + 5 digits, e.g. I00131)');

/** An allocated incident-technique link id such as `IT00000548`. */
const LinkId = z.string().refine((s) => isId(s, 'incidenttechnique'), 'not an incident-technique id (IT + 8 digits)');

/** An ISO 8601 timestamp in UTC, as `Date.prototype.toISOString` writes it. */
const Timestamp = z.iso.datetime({ message: 'not an ISO timestamp' });

/**
 * The incident's own fields, as the master data's `incidents` sheet names them. `summary` is
 * framework cell text (it may carry the framework's own tags `<i>`, `<b>`, `<br>`; see the
 * unsafe-html rule); the others are plain text.
 */
export const IncidentFields = z
  .object({
    name: ShortText,
    summary: LongText,
    /** objecttype: incident, campaign... */
    type: ShortText,
    yearStarted: ShortText,
    /** attributions_seen (the page's first country). */
    attributedTo: ShortText,
    /** found_in_country (the page's second country). */
    foundInCountry: ShortText,
    foundVia: ShortText,
    /** when_added, `YYYY-MM-DD` as in the master data. */
    dateAdded: ShortText,
    /** The analyst's notes on the incident: written below the new page's edit line (and the master data's notes column). */
    notes: LongText,
  })
  .strict();
export type IncidentFields = z.infer<typeof IncidentFields>;

/** Some of the incident's fields, for an update that changes only those. */
export const IncidentFieldsPatch = IncidentFields.partial();
export type IncidentFieldsPatch = z.infer<typeof IncidentFieldsPatch>;

/** A new draft's incident fields: all empty. */
export const EMPTY_INCIDENT: IncidentFields = Object.freeze({ name: '', summary: '', type: '', yearStarted: '', attributedTo: '', foundInCountry: '', foundVia: '', dateAdded: '', notes: '' });

/** A reference (the `urls` sheet): where the incident was reported. */
export const Reference = z
  .object({
    id: DraftUuid,
    url: z.string().max(4_000),
    /** `YYYY/MM/DD` as in the master data. */
    pubDate: ShortText,
    authors: ShortText,
    org: ShortText,
    archiveUrl: z.string().max(4_000),
  })
  .strict();
export type Reference = z.infer<typeof Reference>;

/** A source text the analyst pasted (usually one reference's article), to quote from. */
export const SourceText = z
  .object({
    id: DraftUuid,
    title: ShortText,
    /** The reference this text was taken from, if any. */
    referenceId: DraftUuid.optional(),
    text: z.string().max(DRAFT_LIMITS.sourceText, 'the source text is too long (5 MB at most)'),
  })
  .strict();
export type SourceText = z.infer<typeof SourceText>;

/** W3C Web Annotation TextQuoteSelector: the quoted text with a little context either side. */
export const TextQuoteSelector = z
  .object({
    type: z.literal('TextQuoteSelector'),
    exact: LongText,
    prefix: ShortText,
    suffix: ShortText,
  })
  .strict();
export type TextQuoteSelector = z.infer<typeof TextQuoteSelector>;

/** W3C Web Annotation TextPositionSelector: UTF-16 offsets into the source text. */
export const TextPositionSelector = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .strict()
  .refine((p) => p.end >= p.start, 'end must not be before start');
export type TextPositionSelector = z.infer<typeof TextPositionSelector>;

/**
 * A place in the changed source where a lost quote may now be: words close to the quote, which
 * the analyst may take (the quote then becomes these words) or not.
 */
export const AnchorCandidate = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    /** The source's words at that place, as they are now. */
    text: LongText,
    /** How alike the place is to the quote and its context, 0 to 1. */
    score: z.number().min(0).max(1),
  })
  .strict()
  .refine((c) => c.end >= c.start, 'end must not be before start');
export type AnchorCandidate = z.infer<typeof AnchorCandidate>;

/**
 * Where an annotation's quote sits in one of the draft's source texts. `position` is present only
 * while the quote's own words are found (`anchored`). When the text changed and the words are gone,
 * the quote is never moved to other words: with places of close words it `needs-review` (they are
 * its `candidates`, best first), with none it is `orphaned`. Either way it is listed, never dropped,
 * and `quote` still holds what was selected.
 */
export const QuoteAnchor = z
  .object({
    sourceId: DraftUuid,
    quote: TextQuoteSelector,
    position: TextPositionSelector.optional(),
    state: z.enum(['anchored', 'needs-review', 'orphaned']),
    candidates: z.array(AnchorCandidate).min(1).max(5).optional(),
  })
  .strict()
  .refine((a) => (a.state === 'anchored') === (a.position !== undefined), 'an anchored quote has a position, and only an anchored one')
  .refine((a) => (a.state === 'needs-review') === (a.candidates !== undefined), 'a quote that needs review lists its candidate places, and only such a quote');
export type QuoteAnchor = z.infer<typeof QuoteAnchor>;

/** Review states: a long article is worked through, then each tag is checked and accepted. */
export const ReviewState = z.enum(['draft', 'accepted']);
export type ReviewState = z.infer<typeof ReviewState>;

/**
 * One tagged quote: the quote as it will be published, the techniques it shows, the analyst's
 * explanation (framework cell text, which names techniques inline as `(T0097.100: Individual Persona)`),
 * where it sits in a source text, and its review state. `linkId` is the `IT` id allocated when
 * the draft is exported or applied.
 */
export const Annotation = z
  .object({
    id: DraftUuid,
    quote: LongText,
    techniqueIds: z.array(z.string().max(40)).max(DRAFT_LIMITS.techniquesPerAnnotation),
    explanation: LongText,
    anchor: QuoteAnchor.optional(),
    review: ReviewState,
    linkId: LinkId.optional(),
  })
  .strict();
export type Annotation = z.infer<typeof Annotation>;

/** The analyst-editable content of a draft (everything but identity, timestamps and revision). */
const DRAFT_CONTENT = {
  /** The allocated incident id; absent until one is allocated. */
  incidentId: IncidentId.optional(),
  incident: IncidentFields,
  references: z.array(Reference).max(DRAFT_LIMITS.references),
  sources: z.array(SourceText).max(DRAFT_LIMITS.sources),
  annotations: z.array(Annotation).max(DRAFT_LIMITS.annotations),
};

/** A whole draft as stored and exported. */
export const Draft = z
  .object({
    schemaVersion: z.literal(DRAFT_SCHEMA_VERSION),
    /** The draft's own id, stable for its whole life (the incident id is allocated separately). */
    id: DraftUuid,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    /** Increases by one on every saved change, so a stale autosave can be detected. */
    revision: z.number().int().nonnegative(),
    ...DRAFT_CONTENT,
  })
  .strict()
  .superRefine((draft, ctx) => {
    // Parts refer to each other by id; a dangling reference would break rendering later.
    const referenceIds = new Set(draft.references.map((r) => r.id));
    const sourceIds = new Set(draft.sources.map((s) => s.id));
    draft.sources.forEach((source, i) => {
      if (source.referenceId !== undefined && !referenceIds.has(source.referenceId)) {
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'referenceId'], message: 'refers to a reference that is not in the draft' });
      }
    });
    draft.annotations.forEach((annotation, i) => {
      if (annotation.anchor && !sourceIds.has(annotation.anchor.sourceId)) {
        ctx.addIssue({ code: 'custom', path: ['annotations', i, 'anchor', 'sourceId'], message: 'refers to a source text that is not in the draft' });
      }
    });
    for (const [name, list] of [['references', draft.references], ['sources', draft.sources], ['annotations', draft.annotations]] as const) {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [name, i, 'id'], message: 'the same id is used twice' });
        seen.add(item.id);
      });
    }
  });
export type Draft = z.infer<typeof Draft>;

/** What a draft list shows without loading every source text. */
export const DraftSummary = z.object({
  id: DraftUuid,
  incidentId: IncidentId.optional(),
  name: z.string(),
  updatedAt: Timestamp,
  revision: z.number().int().nonnegative(),
  references: z.number().int().nonnegative(),
  annotations: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  orphaned: z.number().int().nonnegative(),
  /** Quotes whose words left the source, with close places to choose from. */
  needsReview: z.number().int().nonnegative().default(0),
});
export type DraftSummary = z.infer<typeof DraftSummary>;

/** The summary of a draft for lists. */
export function summarizeDraft(draft: Draft): DraftSummary {
  return {
    id: draft.id,
    ...(draft.incidentId !== undefined ? { incidentId: draft.incidentId } : {}),
    name: draft.incident.name,
    updatedAt: draft.updatedAt,
    revision: draft.revision,
    references: draft.references.length,
    annotations: draft.annotations.length,
    accepted: draft.annotations.filter((a) => a.review === 'accepted').length,
    orphaned: draft.annotations.filter((a) => a.anchor?.state === 'orphaned').length,
    needsReview: draft.annotations.filter((a) => a.anchor?.state === 'needs-review').length,
  };
}
