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

/** The store file's version written today. */
export const STORE_SCHEMA_VERSION = 2;

/** The store file, today's shape. */
export const StoreData = z
  .object({
    schemaVersion: z.literal(STORE_SCHEMA_VERSION),
    drafts: z.record(z.string(), Draft),
    settings: Settings,
    recent: z.array(RecentRepository).max(MAX_RECENT_REPOSITORIES),
  })
  .strict()
  .superRefine((data, ctx) => {
    for (const [key, draft] of Object.entries(data.drafts)) {
      if (key !== draft.id) ctx.addIssue({ code: 'custom', path: ['drafts', key], message: `is filed under ${key} but its id is ${draft.id}` });
    }
  });
export type StoreData = z.infer<typeof StoreData>;

/** An empty store. */
export function emptyStore(): StoreData {
  return { schemaVersion: STORE_SCHEMA_VERSION, drafts: {}, settings: { ...DEFAULT_SETTINGS }, recent: [] };
}

/** The version-1 store file. */
const StoreV1 = z.object({
  version: z.literal(1),
  drafts: z.array(z.unknown()).default([]),
  settings: z.object({ author: z.string().default(''), darkMode: z.boolean().optional() }).default({ author: '' }),
  recent: z.array(z.string()).default([]),
});
type StoreV1 = z.infer<typeof StoreV1>;

/** A draft that could not be carried over, and why. */
export interface LostDraft {
  readonly id: string | undefined;
  readonly reason: string;
}

/** The outcome of reading a store file's parsed JSON. */
export type ReadOutcome =
  | { readonly kind: 'ok'; readonly data: StoreData; readonly migratedFrom: number | undefined }
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
    if (parsed.success) return { kind: 'ok', data: parsed.data, migratedFrom: undefined };
    return { kind: 'invalid', reason: describeIssues(parsed.error, 3), ...salvage(raw, context) };
  }
  if (version === 1) {
    const parsed = StoreV1.safeParse(raw);
    if (!parsed.success) return { kind: 'invalid', reason: describeIssues(parsed.error, 3), ...salvage(raw, context) };
    const migrated = migrateStoreV1(parsed.data, context);
    if (migrated.lost.length > 0) {
      return { kind: 'invalid', reason: `${migrated.lost.length} draft(s) of the version-1 file could not be read`, salvaged: migrated.data, lost: migrated.lost };
    }
    return { kind: 'ok', data: migrated.data, migratedFrom: 1 };
  }
  return { kind: 'invalid', reason: 'the file is not a DISARM Workbench store (no known schemaVersion)', salvaged: emptyStore(), lost: [] };
}

/** Migrates a version-1 store to version 2. */
function migrateStoreV1(v1: StoreV1, context: StoreMigrationContext): { data: StoreData; lost: LostDraft[] } {
  const { drafts, lost } = migrateDrafts(v1.drafts, context);
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
  return { data: { schemaVersion: STORE_SCHEMA_VERSION, drafts, settings, recent }, lost };
}

/** Each draft through migrateDraft; the ones that fail are reported, never silently dropped. */
function migrateDrafts(list: readonly unknown[], context: MigrationContext): { drafts: Record<string, Draft>; lost: LostDraft[] } {
  const drafts: Record<string, Draft> = {};
  const lost: LostDraft[] = [];
  for (const raw of list) {
    try {
      const draft = migrateDraft(raw, context);
      if (drafts[draft.id]) lost.push({ id: draft.id, reason: 'a second draft with the same id' });
      else drafts[draft.id] = draft;
    } catch (error) {
      lost.push({ id: idOf(raw), reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { drafts, lost };
}

/** What can be kept from an invalid file: every draft, setting and recent entry that is valid alone. */
function salvage(raw: unknown, context: StoreMigrationContext): { salvaged: StoreData; lost: LostDraft[] } {
  const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const rawDrafts = record.drafts;
  const list = Array.isArray(rawDrafts) ? rawDrafts : typeof rawDrafts === 'object' && rawDrafts !== null ? Object.values(rawDrafts) : [];
  const { drafts, lost } = migrateDrafts(list, context);
  const settings = typeof record.settings === 'object' && record.settings !== null ? { ...DEFAULT_SETTINGS, ...pickValidSettings(record.settings) } : { ...DEFAULT_SETTINGS };
  const recent = Array.isArray(record.recent) ? record.recent.flatMap((r) => { const p = RecentRepository.safeParse(r); return p.success ? [p.data] : []; }).slice(0, MAX_RECENT_REPOSITORIES) : [];
  return { salvaged: { schemaVersion: STORE_SCHEMA_VERSION, drafts, settings, recent }, lost };
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

function idOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const id = (raw as Record<string, unknown>).id;
  return typeof id === 'string' ? id.slice(0, 80) : undefined;
}
