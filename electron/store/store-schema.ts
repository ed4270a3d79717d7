/**
 * The shape of the store file (drafts, settings, recent repositories) and how older shapes are
 * brought up to date. Drafts are kept by id so that an update touches only its own entry: two
 * processes editing different drafts merge cleanly under the store lock.
 *
 * Version 1 (the first release) kept drafts in a list (each a version-1 draft, see
 * shared/drafts/migrations.ts), the author as one `Name <email>` string, a `darkMode` flag and
 * recent repositories as bare paths.
 */
import { z } from 'zod';
import { Draft } from '../../shared/drafts/model';
import { declaredVersion, migrateDraft, type MigrationContext } from '../../shared/drafts/migrations';
import { describeIssues } from '../../shared/api/issues';
import { DEFAULT_SETTINGS, MAX_RECENT_REPOSITORIES, RecentRepository, Settings } from '../../shared/api/ops/settings';
import { MAX_SUGGESTION_EXAMPLES, SuggestionExample } from '../../shared/api/ops/suggestions';

/** The store file's version written today. */
export const STORE_SCHEMA_VERSION = 2;

/** The store file's fields, today's shape (without the rule that ties a draft to its key). */
const StoreFields = z
  .object({
    schemaVersion: z.literal(STORE_SCHEMA_VERSION),
    drafts: z.record(z.string(), Draft),
    settings: Settings,
    recent: z.array(RecentRepository).max(MAX_RECENT_REPOSITORIES),
    /** The analyst's verdicts on suggestions, oldest first (added within version 2: absent in older files). */
    suggestionExamples: z.array(SuggestionExample).max(MAX_SUGGESTION_EXAMPLES).default([]),
  })
  .strict();

/** The store file, today's shape. */
export const StoreData = StoreFields.superRefine((data, ctx) => {
    for (const [key, draft] of Object.entries(data.drafts)) {
      if (key !== draft.id) ctx.addIssue({ code: 'custom', path: ['drafts', key], message: `is filed under ${key} but its id is ${draft.id}` });
    }
  });
export type StoreData = z.infer<typeof StoreData>;

/** An empty store. */
export function emptyStore(): StoreData {
  return { schemaVersion: STORE_SCHEMA_VERSION, drafts: {}, settings: { ...DEFAULT_SETTINGS }, recent: [], suggestionExamples: [] };
}

/**
 * Today's shape with the drafts left unchecked: a file that passes this and fails StoreData is
 * sound except for some drafts, which are then set aside one by one (see readStore).
 */
const StoreWithAnyDrafts = StoreFields.extend({ drafts: z.record(z.string(), z.unknown()) });

/** The version-1 store file. */
const StoreV1 = z.object({
  version: z.literal(1),
  drafts: z.array(z.unknown()).default([]),
  settings: z.object({ author: z.string().default(''), darkMode: z.boolean().optional() }).default({ author: '' }),
  recent: z.array(z.string()).default([]),
});
type StoreV1 = z.infer<typeof StoreV1>;

/** A draft that could not be carried over, why, and its content exactly as the file held it. */
export interface LostDraft {
  readonly id: string | undefined;
  /** The draft's incident name, when the file has one (to name it to the analyst). */
  readonly name: string | undefined;
  readonly reason: string;
  readonly raw: unknown;
}

/** The outcome of reading a store file's parsed JSON. */
export type ReadOutcome =
  /**
   * A usable store. `quarantined` lists the drafts that failed on their own (invalid, a second
   * copy of an id): they are not in `data` and must be set aside, with their reason, before the
   * file is written again; every other draft is live.
   */
  | { readonly kind: 'ok'; readonly data: StoreData; readonly migratedFrom: number | undefined; readonly quarantined: readonly LostDraft[] }
  | { readonly kind: 'newer'; readonly version: number }
  /** Not a valid store: `salvaged` holds what could be recovered from it, `lost` what could not. */
  | { readonly kind: 'invalid'; readonly reason: string; readonly salvaged: StoreData; readonly lost: readonly LostDraft[] };

/** Migration context plus the time, for fields older versions did not have. */
export interface StoreMigrationContext extends MigrationContext {
  readonly now: string;
}

/** Interprets a parsed store file: today's shape, an older one to migrate, a newer one, or junk. */
export function readStore(raw: unknown, context: StoreMigrationContext): ReadOutcome {
  const version = declaredVersion(raw);
  if (version !== undefined && version > STORE_SCHEMA_VERSION) return { kind: 'newer', version };
  if (version === STORE_SCHEMA_VERSION) {
    const parsed = StoreData.safeParse(raw);
    if (parsed.success) return { kind: 'ok', data: parsed.data, migratedFrom: undefined, quarantined: [] };
    // One bad draft must not take the others with it: when only drafts fail, each is judged alone.
    const sound = StoreWithAnyDrafts.safeParse(raw);
    if (sound.success) {
      const { drafts, lost } = judgeDrafts(Object.entries(sound.data.drafts));
      return { kind: 'ok', data: { ...sound.data, drafts }, migratedFrom: undefined, quarantined: lost };
    }
    return { kind: 'invalid', reason: describeIssues(parsed.error, 3), ...salvage(raw, context) };
  }
  if (version === 1) {
    const parsed = StoreV1.safeParse(raw);
    if (!parsed.success) return { kind: 'invalid', reason: describeIssues(parsed.error, 3), ...salvage(raw, context) };
    const migrated = migrateStoreV1(parsed.data, context);
    return { kind: 'ok', data: migrated.data, migratedFrom: 1, quarantined: migrated.lost };
  }
  return { kind: 'invalid', reason: 'the file is not a DISARM Workbench store (no known schemaVersion)', salvaged: emptyStore(), lost: [] };
}

/** Migrates a version-1 store to version 2. */
function migrateStoreV1(v1: StoreV1, context: StoreMigrationContext): { data: StoreData; lost: LostDraft[] } {
  const { drafts, lost } = migrateDrafts(v1.drafts.map((raw) => [undefined, raw] as const), context);
  const author = /^\s*(.*?)\s*<([^>]*)>\s*$/.exec(v1.settings.author);
  const authorName = (author ? author[1] : v1.settings.author.trim()) ?? '';
  const email = author ? (author[2] ?? '').trim() : '';
  const settings = Settings.parse({
    ...DEFAULT_SETTINGS,
    authorName: authorName.slice(0, 200),
    authorEmail: Settings.shape.authorEmail.safeParse(email).success ? email : '',
    theme: v1.settings.darkMode === undefined ? 'system' : v1.settings.darkMode ? 'dark' : 'light',
  });
  const recent = v1.recent
    .map((path) => RecentRepository.safeParse({ path, openedAt: context.now }))
    .flatMap((r) => (r.success ? [r.data] : []))
    .slice(0, MAX_RECENT_REPOSITORIES);
  return { data: { schemaVersion: STORE_SCHEMA_VERSION, drafts, settings, recent, suggestionExamples: [] }, lost };
}

/**
 * The drafts of a today's-shape file, each against today's Draft and its key: the sound ones, and
 * the others with their reason (a draft of another format has no business in this file, and
 * migrating it at every read would give it new ids each time: it is set aside like any other).
 */
function judgeDrafts(entries: readonly (readonly [string, unknown])[]): { drafts: Record<string, Draft>; lost: LostDraft[] } {
  const drafts: Record<string, Draft> = {};
  const lost: LostDraft[] = [];
  for (const [key, raw] of entries) {
    const named = { id: idOf(raw) ?? key.slice(0, 80), name: nameOf(raw), raw };
    const parsed = Draft.safeParse(raw);
    if (!parsed.success) lost.push({ ...named, reason: describeIssues(parsed.error, 3) });
    else if (parsed.data.id !== key) lost.push({ ...named, reason: `it is filed under ${key.slice(0, 80)} but its id is ${parsed.data.id}` });
    else drafts[key] = parsed.data;
  }
  return { drafts, lost };
}

/**
 * Each draft through migrateDraft (with the key it is filed under, if the file keys them); the
 * ones that fail are returned with their reason and content, never silently dropped.
 */
function migrateDrafts(entries: readonly (readonly [string | undefined, unknown])[], context: MigrationContext): { drafts: Record<string, Draft>; lost: LostDraft[] } {
  const drafts: Record<string, Draft> = {};
  const lost: LostDraft[] = [];
  for (const [key, raw] of entries) {
    const named = { id: idOf(raw) ?? key?.slice(0, 80), name: nameOf(raw), raw };
    try {
      const draft = migrateDraft(raw, context);
      if (key !== undefined && key !== draft.id) lost.push({ ...named, reason: `it is filed under ${key.slice(0, 80)} but its id is ${draft.id}` });
      else if (drafts[draft.id]) lost.push({ ...named, reason: 'a second draft with the same id' });
      else drafts[draft.id] = draft;
    } catch (error) {
      lost.push({ ...named, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { drafts, lost };
}

/** What can be kept from an invalid file: every draft, setting and recent entry that is valid alone. */
function salvage(raw: unknown, context: StoreMigrationContext): { salvaged: StoreData; lost: LostDraft[] } {
  const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const rawDrafts = record.drafts;
  const entries: (readonly [string | undefined, unknown])[] = Array.isArray(rawDrafts) ? rawDrafts.map((raw) => [undefined, raw] as const) : typeof rawDrafts === 'object' && rawDrafts !== null ? Object.entries(rawDrafts) : [];
  const { drafts, lost } = migrateDrafts(entries, context);
  const settings = typeof record.settings === 'object' && record.settings !== null ? { ...DEFAULT_SETTINGS, ...pickValidSettings(record.settings) } : { ...DEFAULT_SETTINGS };
  const recent = Array.isArray(record.recent) ? record.recent.flatMap((r) => { const p = RecentRepository.safeParse(r); return p.success ? [p.data] : []; }).slice(0, MAX_RECENT_REPOSITORIES) : [];
  const examples = Array.isArray(record.suggestionExamples) ? record.suggestionExamples.flatMap((e) => { const p = SuggestionExample.safeParse(e); return p.success ? [p.data] : []; }).slice(-MAX_SUGGESTION_EXAMPLES) : [];
  return { salvaged: { schemaVersion: STORE_SCHEMA_VERSION, drafts, settings, recent, suggestionExamples: examples }, lost };
}

/** The settings fields that are valid on their own. */
function pickValidSettings(raw: object): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(Settings.shape)) {
    const value = (raw as Record<string, unknown>)[key];
    if (value !== undefined && schema.safeParse(value).success) out[key] = value;
  }
  return Settings.partial().parse(out);
}

/** The incident name of a draft of any version (today's `incident.name`, version 1's `title`). */
function nameOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  const incident = record.incident;
  const name = typeof incident === 'object' && incident !== null ? (incident as Record<string, unknown>).name : record.title;
  return typeof name === 'string' && name.trim() !== '' ? name.slice(0, 120) : undefined;
}

function idOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const id = (raw as Record<string, unknown>).id;
  return typeof id === 'string' ? id.slice(0, 80) : undefined;
}
