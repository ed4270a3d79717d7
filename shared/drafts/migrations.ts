/**
 * Drafts written by older versions of the workbench, brought up to today's shape. The store runs
 * these on its file and `draft import` on a file from another machine, so an analyst's words
 * survive every upgrade. Each step is a pure function from one version's shape to the next,
 * validated on the way in; the result is validated against today's schema.
 *
 * Version 1 (the first release) kept one source text per draft, one technique per annotation with
 * bare offsets into that text, no review state, timestamps in milliseconds and the incident's name
 * as `title` with the other fields under `fields`.
 */
import { z } from 'zod';
import { describeIssues } from '../api/issues';
import { describeQuote } from './anchoring';
import { DRAFT_SCHEMA_VERSION, Draft } from './model';

/** The version-1 draft shape, as the first release wrote it. */
const DraftV1 = z.object({
  version: z.literal(1),
  id: z.uuid(),
  incidentId: z.string().optional(),
  title: z.string().default(''),
  summary: z.string().default(''),
  fields: z
    .object({
      type: z.string().default(''),
      yearStarted: z.union([z.string(), z.number()]).default(''),
      attributedTo: z.string().default(''),
      foundInCountry: z.string().default(''),
      foundVia: z.string().default(''),
      dateAdded: z.string().default(''),
    })
    .default({ type: '', yearStarted: '', attributedTo: '', foundInCountry: '', foundVia: '', dateAdded: '' }),
  references: z
    .array(z.object({ url: z.string(), pubDate: z.string().default(''), authors: z.string().default(''), org: z.string().default(''), archive: z.string().default('') }))
    .default([]),
  sourceText: z.string().default(''),
  annotations: z
    .array(
      z.object({
        id: z.uuid(),
        quote: z.string(),
        techniqueId: z.string(),
        explanation: z.string().default(''),
        start: z.number().int().nonnegative().optional(),
        end: z.number().int().nonnegative().optional(),
      }),
    )
    .default([]),
  created: z.number().int().min(0).max(8.64e15),
  modified: z.number().int().min(0).max(8.64e15),
});
type DraftV1 = z.infer<typeof DraftV1>;

/** Fresh ids for parts that had none in older versions (the caller's random source). */
export interface MigrationContext {
  readonly newId: () => string;
}

/** The schema version a raw draft or store file declares (their version 1 called it `version`), or undefined. */
export function declaredVersion(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  const version = record.schemaVersion ?? record.version;
  return typeof version === 'number' && Number.isInteger(version) ? version : undefined;
}

/** Thrown when a draft cannot be brought to today's shape; the message says why and what to do. */
export class DraftMigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DraftMigrationError';
  }
}

/** Migrates a version-1 draft to version 2. */
function migrateDraftV1(v1: DraftV1, context: MigrationContext): Draft {
  const source = v1.sourceText === '' ? undefined : { id: context.newId(), title: v1.title, text: v1.sourceText };
  const annotations = v1.annotations.map((a) => {
    const hasRange = source !== undefined && a.start !== undefined && a.end !== undefined && a.end >= a.start && a.end <= source.text.length;
    return {
      id: a.id,
      quote: a.quote,
      techniqueIds: a.techniqueId === '' ? [] : [a.techniqueId],
      explanation: a.explanation,
      review: 'draft' as const,
      ...(hasRange ? { anchor: describeQuote(source.id, source.text, a.start as number, a.end as number) } : {}),
    };
  });
  return Draft.parse({
    schemaVersion: 2,
    id: v1.id,
    createdAt: new Date(v1.created).toISOString(),
    updatedAt: new Date(v1.modified).toISOString(),
    revision: 0,
    ...(v1.incidentId ? { incidentId: v1.incidentId } : {}),
    incident: {
      name: v1.title,
      summary: v1.summary,
      type: v1.fields.type,
      yearStarted: String(v1.fields.yearStarted),
      attributedTo: v1.fields.attributedTo,
      foundInCountry: v1.fields.foundInCountry,
      foundVia: v1.fields.foundVia,
      dateAdded: v1.fields.dateAdded,
      notes: '',
    },
    references: v1.references.map((r) => ({ id: context.newId(), url: r.url, pubDate: r.pubDate, authors: r.authors, org: r.org, archiveUrl: r.archive })),
    sources: source ? [source] : [],
    annotations,
  });
}

/**
 * Brings a raw draft of any known version to today's shape. Throws DraftMigrationError for a
 * version this build does not know (a newer app wrote it) or a shape that fails its version's schema.
 */
export function migrateDraft(raw: unknown, context: MigrationContext): Draft {
  const version = declaredVersion(raw);
  if (version === DRAFT_SCHEMA_VERSION) return parseOrExplain(Draft, raw, version);
  if (version === 1) return migrateDraftV1(parseOrExplain(DraftV1, raw, 1), context);
  if (version !== undefined && version > DRAFT_SCHEMA_VERSION) {
    throw new DraftMigrationError(`This draft was written by a newer DISARM Workbench (draft format ${version}; this version reads up to ${DRAFT_SCHEMA_VERSION}). Update the workbench to open it.`);
  }
  throw new DraftMigrationError('This is not a DISARM Workbench draft: it has no known schemaVersion.');
}

function parseOrExplain<T extends z.ZodType>(schema: T, raw: unknown, version: number): z.output<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new DraftMigrationError(`The draft (format ${version}) is not valid: ${describeIssues(result.error)}.`);
}
