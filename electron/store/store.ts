/**
 * The drafts, settings and recent repositories of one analyst: a lowdb JSON file in the user
 * data folder. Every change is a read-modify-write under a lock between processes (store-lock),
 * re-reading the file first and changing only what the operation names (one draft, some settings),
 * then written durably (durable-json-file). Reads take no lock: a write is a rename, so a reader
 * sees the old file or the new one.
 *
 * A file that is sound but for some drafts keeps every valid draft live: each invalid one is set
 * aside alone, with its reason, in `store.json.quarantine-<digest>.json` (store-quarantine: one file per set of drafts),
 * and a warning names it and the file. A file that fails to parse or validate as a whole is never
 * silently replaced: it is moved aside to `store.json.corrupt-<timestamp>`, every draft that is
 * valid on its own is carried over, and a warning says where the file went (store.warnings). A
 * file from a newer version of the app is left untouched and refused.
 *
 * A file that cannot be written (protected, read-only or full disk) does not stop the app: reads
 * keep working from what the file holds, and every change is refused with `store-not-writable`
 * (store-write-error), which names the file and what to do, and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { ApiError } from '../../shared/api/errors';
import { MAX_RECENT_REPOSITORIES, Settings, type RecentRepository, type SettingsPatch, type StoreWarning } from '../../shared/api/ops/settings';
import { MAX_SUGGESTION_EXAMPLES, SuggestionExample } from '../../shared/api/ops/suggestions';
import { applyDraftChanges, newDraft, type DraftChanges, type DraftInput } from '../../shared/drafts/changes';
import { migrateDraft, DraftMigrationError } from '../../shared/drafts/migrations';
import { summarizeDraft, type Draft, type DraftSummary } from '../../shared/drafts/model';
import { DurableJsonFile, type RawRead } from './durable-json-file';
import { DEFAULT_LOCK_TIMING, withStoreLock, type LockTiming } from './store-lock';
import { writeQuarantine } from './store-quarantine';
import { emptyStore, readStore, STORE_SCHEMA_VERSION, type LostDraft, type StoreData } from './store-schema';
import { storeWriteError } from './store-write-error';

/** The store's file name in the user data folder. */
export const STORE_FILE_NAME = 'store.json';

export interface StoreOptions {
  /** The folder that holds the store (Electron's userData, or `--store DIR`). */
  readonly dir: string;
  readonly lock?: LockTiming;
  /** The clock (tests pass a fixed one). */
  readonly now?: () => Date;
}

/**
 * The folder given for the store cannot hold it (a file, a path through a file, a folder that
 * cannot be created). `problem` completes a sentence that starts with the folder's path, so a
 * command line can name its own option: "--data must be a folder; DIR is a file".
 */
export class StoreFolderError extends Error {
  readonly dir: string;
  readonly problem: string;

  constructor(dir: string, problem: string) {
    super(`The drafts store needs a folder, and ${dir} ${problem}.`);
    this.name = 'StoreFolderError';
    this.dir = dir;
    this.problem = problem;
  }
}

/** Drafts, settings and recent repositories, safe across processes. */
export class Store {
  readonly file: string;
  private readonly db: Low<RawRead>;
  private readonly lock: LockTiming;
  private readonly now: () => Date;
  private readonly warningList: StoreWarning[] = [];
  /** Serialises this process's own changes (the lock serialises processes). */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(options: StoreOptions) {
    this.file = join(options.dir, STORE_FILE_NAME);
    this.db = new Low<RawRead>(new DurableJsonFile(this.file), { kind: 'missing' });
    this.lock = options.lock ?? DEFAULT_LOCK_TIMING;
    this.now = options.now ?? (() => new Date());
  }

  /** Opens (and creates, migrates or repairs) the store in `options.dir`. */
  static async open(options: StoreOptions): Promise<Store> {
    await makeStoreFolder(options.dir);
    const store = new Store(options);
    // One change at open when the file needs it: creates it, migrates an old one, sets invalid
    // drafts aside, moves a corrupt one aside (a current file is only read: no lock, no write at
    // every start). A file from a newer version, or one that cannot be written, gets a warning
    // the UI shows, but does not stop the app from starting.
    try {
      const found = await store.interpret();
      if (found.kind !== 'ok' || found.migrated || found.quarantined.length > 0) await store.change(() => false);
    } catch (error) {
      if (!(error instanceof ApiError && (error.code === 'conflict' || error.code === 'store-not-writable'))) throw error;
    }
    return store;
  }

  /** What the store had to repair or refuse since it was opened. */
  warnings(): StoreWarning[] {
    return [...this.warningList];
  }

  /** Forgets the warnings once shown. */
  dismissWarnings(): void {
    this.warningList.length = 0;
  }

  // ---- drafts ----

  /** Every draft, newest change first. */
  async listDrafts(): Promise<DraftSummary[]> {
    const data = await this.read();
    return Object.values(data.drafts)
      .map(summarizeDraft)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  /** Every draft, whole (for id allocation and exports). */
  async allDrafts(): Promise<Draft[]> {
    return Object.values((await this.read()).drafts);
  }

  /** One draft; `not-found` if there is none with that id. */
  async getDraft(id: string): Promise<Draft> {
    const draft = (await this.read()).drafts[id];
    if (!draft) throw notFound(id);
    return draft;
  }

  /** One draft ('not-found' if there is none), every draft and the settings, from one read of the file: what validating or exporting a draft needs. */
  async draftInContext(id: string): Promise<{ draft: Draft; all: Draft[]; settings: Settings }> {
    const data = await this.read();
    const draft = data.drafts[id];
    if (!draft) throw notFound(id);
    return { draft, all: Object.values(data.drafts), settings: data.settings };
  }

  /** Creates a draft. */
  async createDraft(input: DraftInput = {}): Promise<Draft> {
    const draft = newDraft(randomUUID(), this.timestamp(), input);
    await this.change((data) => {
      data.drafts[draft.id] = draft;
    });
    return draft;
  }

  /**
   * Applies changes to one draft (the autosave). Only that draft is touched, so concurrent
   * changes to other drafts, from any process, are kept. With `expectedRevision`, a draft that
   * was changed elsewhere since the caller read it is refused with `conflict` rather than
   * overwritten; the error's details carry the current draft.
   */
  updateDraft(id: string, changes: DraftChanges, expectedRevision?: number): Promise<Draft> {
    return this.updateDraftWith(id, (current) => {
      if (expectedRevision !== undefined && current.revision !== expectedRevision) {
        throw new ApiError('conflict', `This draft was changed in another window or process (now at revision ${current.revision}, this edit was based on ${expectedRevision}). Reload it to see both changes.`, { draft: current });
      }
      return changes;
    });
  }

  /**
   * Changes one draft with changes computed from the store's current content, under the lock:
   * for id allocation, which must see every other draft as it is at that instant (another
   * process may be allocating too).
   */
  async updateDraftWith(id: string, compute: (draft: Draft, all: readonly Draft[]) => DraftChanges): Promise<Draft> {
    let updated: Draft | undefined;
    await this.change((data) => {
      const current = data.drafts[id];
      if (!current) throw notFound(id);
      updated = applyDraftChanges(current, compute(current, Object.values(data.drafts)), this.timestamp());
      data.drafts[id] = updated;
    });
    if (!updated) throw new Error('the update did not run');
    return updated;
  }

  /**
   * Adds a draft read from a file (another machine's export), migrated to today's shape. A draft
   * whose id is already in the store is added as a copy with a new id: nothing is overwritten.
   */
  async importDraft(raw: unknown): Promise<{ draft: Draft; copied: boolean }> {
    let draft: Draft;
    try {
      draft = migrateDraft(raw, { newId: randomUUID });
    } catch (error) {
      if (error instanceof DraftMigrationError) throw new ApiError('bad-request', error.message);
      throw error;
    }
    let copied = false;
    await this.change((data) => {
      if (data.drafts[draft.id]) {
        copied = true;
        draft = { ...draft, id: randomUUID() };
      }
      data.drafts[draft.id] = draft;
    });
    return { draft, copied };
  }

  /** Deletes a draft; `not-found` if there is none. */
  async deleteDraft(id: string): Promise<void> {
    await this.change((data) => {
      if (!data.drafts[id]) throw notFound(id);
      delete data.drafts[id];
    });
  }

  // ---- settings and recent repositories ----

  async getSettings(): Promise<Settings> {
    return (await this.read()).settings;
  }

  /** Changes the named settings only. */
  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    let settings: Settings | undefined;
    await this.change((data) => {
      settings = Settings.parse({ ...data.settings, ...patch });
      data.settings = settings;
    });
    if (!settings) throw new Error('the update did not run');
    return settings;
  }

  async listRecent(): Promise<RecentRepository[]> {
    return (await this.read()).recent;
  }

  /** Records that a checkout was opened (moves it to the top of the list). */
  async addRecent(path: string): Promise<RecentRepository[]> {
    const entry: RecentRepository = { path, openedAt: this.timestamp() };
    let recent: RecentRepository[] = [];
    await this.change((data) => {
      recent = [entry, ...data.recent.filter((r) => r.path !== path)].slice(0, MAX_RECENT_REPOSITORIES);
      data.recent = recent;
    });
    return recent;
  }

  async removeRecent(path: string): Promise<RecentRepository[]> {
    let recent: RecentRepository[] = [];
    await this.change((data) => {
      recent = data.recent.filter((r) => r.path !== path);
      data.recent = recent;
    });
    return recent;
  }

  // ---- verdicts on suggestions ----

  /** The analyst's verdicts on suggestions, oldest first. */
  async listSuggestionExamples(): Promise<SuggestionExample[]> {
    return (await this.read()).suggestionExamples;
  }

  /** Keeps a verdict (the latest on the same passage and technique replaces earlier ones); returns how many are kept. */
  async addSuggestionExample(example: Omit<SuggestionExample, 'at'>): Promise<number> {
    const entry = SuggestionExample.parse({ ...example, at: this.timestamp() });
    let count = 0;
    await this.change((data) => {
      const others = data.suggestionExamples.filter((e) => e.passage !== entry.passage || e.techniqueId !== entry.techniqueId);
      data.suggestionExamples = [...others, entry].slice(-MAX_SUGGESTION_EXAMPLES);
      count = data.suggestionExamples.length;
    });
    return count;
  }

  // ---- the file ----

  /**
   * The current content, read fresh from disk. A broken file (or one with drafts to set aside) is
   * repaired under the lock; when it cannot be written, what it holds is still read (read-only).
   */
  private async read(): Promise<StoreData> {
    const fresh = await this.interpret();
    if (fresh.kind === 'ok' && fresh.quarantined.length === 0) return fresh.data;
    let data: StoreData | undefined;
    try {
      await this.change((d) => {
        data = d;
        return false;
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'store-not-writable') return fresh.kind === 'ok' ? fresh.data : fresh.salvaged;
      throw error;
    }
    return data ?? emptyStore();
  }

  /**
   * The read-modify-write: under the lock, re-reads the file, lets `mutate` change the data
   * (returning false means "nothing to write"), and writes it back durably.
   */
  private change(mutate: (data: StoreData) => void | boolean): Promise<void> {
    const run = () =>
      this.underLock(mutate).then(
        // Writable again (the analyst fixed it): the warning is no longer true.
        () => this.unwarn('store-not-writable'),
        (error: unknown) => {
          const refused = storeWriteError(this.file, error);
          if (!refused) throw error;
          this.warn('store-not-writable', refused.message, this.file);
          throw refused;
        },
      );
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** One read-modify-write under the lock (see change). */
  private async underLock(mutate: (data: StoreData) => void | boolean): Promise<void> {
    await withStoreLock(this.file, this.lock, (error) => this.warn('store-lock-compromised', `Another process took over the drafts store lock while this one held it (${error.message}); recent changes may need checking.`), async () => {
      const current = await this.interpret();
      let data: StoreData;
      let mustWrite: boolean;
      if (current.kind === 'ok') {
        data = current.data;
        mustWrite = current.migrated;
        // The drafts left out are kept (durably) before the file that no longer holds them is written.
        if (current.quarantined.length > 0) {
          await this.quarantine(current.quarantined);
          mustWrite = true;
        }
      } else {
        data = await this.moveAside(current);
        mustWrite = true;
      }
      const result = mutate(data);
      if (result !== false) mustWrite = true;
      if (mustWrite) {
        this.db.data = { kind: 'json', value: data };
        await this.db.write();
      }
    });
  }

  /** Reads the file through lowdb and says what it holds. */
  private async interpret(): Promise<
    | { kind: 'ok'; data: StoreData; migrated: boolean; quarantined: readonly LostDraft[] }
    | { kind: 'broken'; reason: string; salvaged: StoreData; lost: readonly LostDraft[] }
  > {
    await this.db.read();
    const raw = this.db.data;
    if (raw.kind === 'missing') return { kind: 'ok', data: emptyStore(), migrated: true, quarantined: [] };
    if (raw.kind === 'unparseable') return { kind: 'broken', reason: raw.reason, salvaged: emptyStore(), lost: [] };
    const outcome = readStore(raw.value, { newId: randomUUID, now: this.timestamp() });
    if (outcome.kind === 'ok') return { kind: 'ok', data: outcome.data, migrated: outcome.migratedFrom !== undefined, quarantined: outcome.quarantined };
    if (outcome.kind === 'newer') {
      const message = `The drafts store ${this.file} was written by a newer DISARM Workbench (store format ${outcome.version}; this version reads up to ${STORE_SCHEMA_VERSION}). It was left untouched; update the workbench to use it.`;
      this.warn('store-newer-version', message, this.file);
      throw new ApiError('conflict', message);
    }
    return { kind: 'broken', reason: outcome.reason, salvaged: outcome.salvaged, lost: outcome.lost };
  }

  /** Sets drafts that failed alone aside in a quarantine file, and names each to the analyst. */
  private async quarantine(drafts: readonly LostDraft[]): Promise<void> {
    const at = this.timestamp();
    const file = await writeQuarantine(this.file, drafts, at);
    for (const draft of drafts) {
      const name = draft.name ? ` ${JSON.stringify(draft.name)}` : '';
      this.warn(
        'draft-quarantined',
        `Draft ${draft.id ?? '(without id)'}${name} could not be read (${draft.reason}). It was set aside, exactly as it was and with this reason, in ${file}; every other draft is as it was. To get it back, fix it there and import it (disarm-workbench draft import).`,
        file,
        draft.id,
      );
    }
  }

  /** Moves a broken file aside, reports it, and returns what could be recovered from it. */
  private async moveAside(broken: { reason: string; salvaged: StoreData; lost: readonly LostDraft[] }): Promise<StoreData> {
    const aside = `${this.file}.corrupt-${this.timestamp().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
    await rename(this.file, aside);
    const kept = Object.keys(broken.salvaged.drafts).length;
    this.warn(
      'store-corrupt',
      `The drafts store could not be read (${broken.reason}). It was moved to ${aside} and nothing in it was deleted; ${kept} draft(s) were recovered from it${broken.lost.length ? `, ${broken.lost.length} could not be` : ''}.`,
      aside,
    );
    for (const lost of broken.lost) {
      this.warn('draft-not-recovered', `Draft ${lost.id ?? '(without id)'} could not be recovered (${lost.reason}); it is still in ${aside}.`, aside, lost.id);
    }
    return broken.salvaged;
  }

  private warn(code: StoreWarning['code'], message: string, file?: string, draftId?: string): void {
    if (this.warningList.some((w) => w.code === code && w.message === message)) return;
    this.warningList.push({ code, message, ...(file !== undefined ? { file } : {}), ...(draftId !== undefined ? { draftId } : {}), at: this.timestamp() });
  }

  private unwarn(code: StoreWarning['code']): void {
    for (let i = this.warningList.length - 1; i >= 0; i--) if (this.warningList[i]?.code === code) this.warningList.splice(i, 1);
  }

  private timestamp(): string {
    return this.now().toISOString();
  }
}

/** Creates the store's folder (this user's only), or says in words why `dir` cannot be one. */
async function makeStoreFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      const isFile = await stat(dir).then((s) => !s.isDirectory(), () => false);
      if (isFile) throw new StoreFolderError(dir, 'is a file');
    }
    if (code === 'ENOTDIR') throw new StoreFolderError(dir, 'is inside a file, not a folder (a part of the path is a file)');
    if (typeof code === 'string') throw new StoreFolderError(dir, `cannot be created (${code}: ${(error as Error).message})`);
    throw error;
  }
}

function notFound(id: string): ApiError {
  return new ApiError('not-found', `There is no draft ${JSON.stringify(id.slice(0, 80))}. It may have been deleted in another window.`);
}
