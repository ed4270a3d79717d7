/**
 * The review screen's state: the snapshot of the work tree (review-model.ts), which files go into
 * the commit, the commit message (prefilled until the analyst edits it), the branch's standing
 * against its remote, and the actions (commit, repair, pull, push, undo, write a draft to the
 * checkout) with their progress. The rules themselves are in review-model.ts.
 */
import type { ApiClient } from '../../../../shared/api/client';
import type { ApiOutput } from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/errors';
import type { Diagnostic } from '../../../../shared/validation';
import { messageOf } from '../../lib/app/notices.svelte';
import type { Notices } from '../../lib/app/notices.svelte';
import { commitBlockers, commitIncluded, draftIdConflict, includedPaths, loadReview, messageFor, withPath, withoutPath, type IdConflict, type ReviewFile, type ReviewSnapshot, type TidyReport } from './review-model';

/** What is running now (one thing at a time: git takes one lock). */
export type ReviewTask = 'commit' | 'repair' | 'pull' | 'push' | 'fetch' | 'undo' | 'apply' | 'tidy';

/** The tasks that wait on a remote, which the analyst can cancel (repo.cancel). */
const CANCELLABLE: readonly ReviewTask[] = ['fetch', 'pull', 'push'];

/** The progress of a long task, as git reports it. */
export interface TaskProgress {
  readonly label: string;
  readonly percent?: number;
}

/** One task as #run runs it: what it is, its label, what a failure was doing, and git's progress events if it has them. */
interface TaskSpec {
  readonly task: ReviewTask;
  readonly label: string;
  /** The notice's context for a failure ("Could not push"), or how to word it for the error. */
  readonly failure: string | ((error: unknown) => string);
  /** The event git's progress comes in, and the verb it is shown with ("Pulling: Receiving objects"). */
  readonly progress?: { readonly event: 'repo.fetchProgress' | 'repo.pushProgress'; readonly verb: string };
}

type AheadBehind = ApiOutput<'repo.aheadBehind'>;

export class ReviewState {
  snapshot = $state<ReviewSnapshot | undefined>(undefined);
  loadError = $state<string | undefined>(undefined);
  /** Paths left out of the commit (everything else changed goes in). */
  excluded = $state<string[]>([]);
  selectedPath = $state<string | undefined>(undefined);
  message = $state('');
  /** True once the analyst typed their own message: refreshes stop replacing it. */
  messageEdited = $state(false);
  task = $state<ReviewTask | undefined>(undefined);
  /** How many reads of the work tree are under way. */
  loads = $state(0);
  progress = $state<TaskProgress | undefined>(undefined);
  /** True from a click on Cancel until the task ends. */
  cancelling = $state(false);
  sync = $state<AheadBehind | undefined>(undefined);
  /** The diagnostics of a draft the back end refused to write. */
  draftProblems = $state<readonly Diagnostic[]>([]);
  /** What tidy would remove (and the blocks whose rows differ), from its last dry run. */
  tidy = $state<TidyReport | undefined>(undefined);
  /** The chosen draft's ids taken by someone else, found before writing its pages. */
  idConflict = $state<IdConflict | undefined>(undefined);

  readonly files: readonly ReviewFile[] = $derived(this.snapshot?.files ?? []);
  readonly included: ReadonlySet<string> = $derived(includedPaths(this.files, this.excluded));
  readonly blockers: string[] = $derived([
    // A failed read leaves the last snapshot on screen; it is not good enough to commit from.
    ...(this.loadError ? [`The changes could not be read again (${this.loadError}); press Refresh.`] : []),
    ...commitBlockers(this.snapshot, this.included, this.message),
  ]);
  readonly loading = $derived(this.loads > 0);
  /** Whether the task under way can be cancelled: it waits on the remote. */
  readonly cancellable = $derived(this.task !== undefined && CANCELLABLE.includes(this.task));
  readonly canCommit = $derived(this.blockers.length === 0 && this.task === undefined && !this.loading);
  readonly selected = $derived(this.files.find((f) => f.path === this.selectedPath));
  /** Commits on this branch that the remote does not have yet, and the other way round. */
  readonly ahead = $derived(this.sync?.kind === 'tracking' ? this.sync.ahead : 0);
  readonly behind = $derived(this.sync?.kind === 'tracking' ? this.sync.behind : 0);

  readonly #api: ApiClient;
  readonly #notices: Notices;
  readonly #lint: (text: string) => Diagnostic[];
  readonly #reloadCatalog: () => Promise<void>;
  /** Increases with every read; an older read that ends late is dropped. */
  #generation = 0;

  /**
   * `lint` checks a page's notes; it is called at each read, so it may follow the catalog and the
   * edit-line setting. `reloadCatalog` reads the renderer's catalog again after a pull moved the
   * branch (the back end forgets its own then, but the screens keep theirs until told).
   */
  constructor(api: ApiClient, notices: Notices, options: { lint: (text: string) => Diagnostic[]; reloadCatalog: () => Promise<void> }) {
    this.#api = api;
    this.#notices = notices;
    this.#lint = options.lint;
    this.#reloadCatalog = options.reloadCatalog;
  }

  /** Reads the work tree, the guard's verdict and the branch's standing. */
  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    this.loads++;
    try {
      const [snapshot, sync] = await Promise.all([loadReview(this.#api, this.#lint), this.#api.call('repo.aheadBehind', {})]);
      if (generation !== this.#generation) return;
      this.snapshot = snapshot;
      this.sync = sync;
      this.loadError = undefined;
      const paths = snapshot.files.map((f) => f.path);
      this.excluded = this.excluded.filter((p) => paths.includes(p));
      if (!this.selectedPath || !paths.includes(this.selectedPath)) this.selectedPath = snapshot.files[0]?.path;
      if (!this.messageEdited) this.message = this.#suggestedMessage();
    } catch (error) {
      if (generation === this.#generation) this.loadError = messageOf(error);
    } finally {
      this.loads--;
    }
  }

  /** Puts a file in or out of the commit. */
  setIncluded(path: string, include: boolean): void {
    this.excluded = include ? withoutPath(this.excluded, path) : withPath(this.excluded, path);
    if (!this.messageEdited) this.message = this.#suggestedMessage();
  }

  /** The analyst typed a message. */
  editMessage(text: string): void {
    this.message = text;
    this.messageEdited = text.trim() !== '';
  }

  /** Offers the prefilled message again. */
  resetMessage(): void {
    this.messageEdited = false;
    this.message = this.#suggestedMessage();
  }

  /** The prefilled message for the files going into the commit. */
  #suggestedMessage(): string {
    return messageFor(this.files.filter((f) => this.included.has(f.path)));
  }

  /** Commits the included files with the message. */
  async commit(): Promise<boolean> {
    const snapshot = this.snapshot;
    if (!snapshot || !this.canCommit) return false;
    let done = false;
    const failure = (error: unknown) => (error instanceof ApiError && error.code === 'guard-violation' ? 'The guard refused the commit' : 'Could not commit');
    await this.#run({ task: 'commit', label: 'Committing…', failure }, async () => {
      const result = await commitIncluded(this.#api, snapshot, this.included, this.message);
      this.#notices.success(`Committed ${result.commit.slice(0, 7)}: ${this.message.split('\n', 1)[0] ?? ''}`);
      this.messageEdited = false;
      done = true;
    });
    return done;
  }

  /** Restores a file's generated part from the last commit, keeping its notes. */
  async repair(path: string): Promise<void> {
    await this.#run({ task: 'repair', label: `Repairing ${path}…`, failure: `Could not repair ${path}` }, async () => {
      const result = await this.#api.call('guard.repair', { path });
      const kept = result.notesFrom === 'whole-text' ? ' The whole edited text was kept below the line: tidy it up.' : ' Your notes below the line are kept.';
      this.#notices.success(`Repaired ${path}: the generated part is as in the last commit.${kept}`);
    });
  }

  /** Fetches, then fast-forwards (or rebases when `rebase`); reports what happened. */
  async pull(rebase = false): Promise<void> {
    const spec: TaskSpec = { task: 'pull', label: rebase ? 'Pulling and rebasing…' : 'Pulling…', failure: 'Could not pull', progress: { event: 'repo.fetchProgress', verb: 'Pulling' } };
    await this.#run(spec, async () => {
      const result = await this.#api.call('repo.pull', { rebase });
      switch (result.kind) {
        case 'up-to-date':
          this.#notices.info('Already up to date with the remote.');
          break;
        case 'fast-forwarded':
        case 'rebased':
          this.#notices.success(`Pulled: ${result.from.slice(0, 7)} → ${result.to.slice(0, 7)}${result.kind === 'rebased' ? ' (your commits rebased on top)' : ''}.`);
          // A failure leaves the catalog the screens had; opening a screen that needs it loads it again.
          await this.#reloadCatalog().catch(() => undefined);
          // The maintainers may have regenerated: blocks of ours their pages now carry can go.
          await this.checkTidy();
          break;
        case 'diverged':
          this.#notices.show('error', `Your branch and the remote have both moved (${result.ahead} to push, ${result.behind} to pull). Use "Pull and rebase" to put your commits on top.`);
          break;
        case 'conflict':
          this.#notices.show('error', `Pulling would conflict in ${result.files.map((f) => f.path).join(', ')}; nothing was changed. Both versions are kept: resolve it with your team, then pull again.`);
          break;
      }
    });
  }

  /** Pushes the branch, showing git's progress. */
  async push(): Promise<void> {
    await this.#run({ task: 'push', label: 'Pushing…', failure: 'Could not push', progress: { event: 'repo.pushProgress', verb: 'Pushing' } }, async () => {
      const result = await this.#api.call('repo.push', {});
      if (result.kind === 'pushed') this.#notices.success(`Pushed ${result.branch} to ${result.remote}${result.upstreamSet ? ' (now tracking it)' : ''}.`);
      else this.#notices.show('error', `The remote refused the push: ${result.message} Pull first, then push again.`);
    });
  }

  /** Fetches to update the ahead/behind counts. */
  async fetch(): Promise<void> {
    await this.#run({ task: 'fetch', label: 'Fetching…', failure: 'Could not fetch', progress: { event: 'repo.fetchProgress', verb: 'Fetching' } }, async () => {
      await this.#api.call('repo.fetch', {});
    });
  }

  /** Cancels the fetch, pull or push under way; it ends with a notice that it was cancelled. */
  async cancel(): Promise<void> {
    if (!this.cancellable || this.cancelling) return;
    this.cancelling = true;
    try {
      await this.#api.call('repo.cancel', {});
    } catch (error) {
      this.#notices.error(error, 'Could not cancel');
    }
  }

  /** Undoes the last (unpushed) commit; its changes stay, staged, in the work tree. */
  async undo(): Promise<void> {
    await this.#run({ task: 'undo', label: 'Undoing the last commit…', failure: 'Could not undo the last commit' }, async () => {
      const result = await this.#api.call('repo.undoLastCommit', {});
      this.#notices.success(`Undid "${result.subject}"; its changes are back in the list, ready to commit again.`);
      this.message = result.subject;
      this.messageEdited = true;
    });
  }

  /**
   * Writes a draft's incident page and technique notes into the checkout. `prepare` saves the
   * draft's open session and gives it its ids (the editor's session, so it stays in step). A draft
   * with errors is refused whole (drafts.apply then writes nothing); its errors are listed.
   */
  async applyDraft(id: string, prepare: (id: string) => Promise<void>): Promise<void> {
    this.draftProblems = [];
    this.idConflict = undefined;
    await this.#run({ task: 'apply', label: 'Writing the draft to the checkout…', failure: 'Could not write the draft' }, async () => {
      try {
        await prepare(id);
        // An id taken since allocation (a fetched branch) is offered its successor instead of written.
        const conflict = await draftIdConflict(this.#api, id);
        // Said once, beside Write pages (an alert there), with the offer of the free id.
        if (conflict) {
          this.idConflict = conflict;
          return;
        }
        const result = await this.#api.call('drafts.apply', { id });
        const techniquePages = result.written.filter((p) => p !== result.incidentPage).length;
        this.#notices.success(`Wrote ${result.incidentPage} and notes on ${techniquePages} technique page${techniquePages === 1 ? '' : 's'}.`);
        this.selectedPath = result.incidentPage;
      } catch (error) {
        this.draftProblems = refusedErrors(error);
        throw error;
      }
    });
  }

  /**
   * Gives the conflicting draft the next free ids (`resolve`: through its open session, so the
   * editor stays in step), then writes its pages.
   */
  async useFreeIds(id: string, resolve: (id: string) => Promise<void>, prepare: (id: string) => Promise<void>): Promise<void> {
    let resolved = false;
    await this.#run({ task: 'apply', label: 'Giving the draft the next free id…', failure: 'Could not give the draft a free id' }, async () => {
      await resolve(id);
      this.idConflict = undefined;
      resolved = true;
    });
    if (resolved) await this.applyDraft(id, prepare);
  }

  /** Looks for blocks tidy would remove (a dry run: nothing is written). */
  async checkTidy(): Promise<void> {
    try {
      this.tidy = await this.#api.call('pages.tidy', { dryRun: true });
    } catch (error) {
      this.#notices.error(error, 'Could not look for blocks to tidy');
    }
  }

  /** Removes the redundant blocks (never one whose rows differ); the review shows each removal. */
  async runTidy(): Promise<void> {
    await this.#run({ task: 'tidy', label: 'Removing the blocks the maintainers now carry…', failure: 'Could not tidy the pages' }, async () => {
      const result = await this.#api.call('pages.tidy', {});
      const pages = result.written.length;
      this.#notices.success(`Removed ${result.removed.length} block${result.removed.length === 1 ? '' : 's'} from ${pages} page${pages === 1 ? '' : 's'}: review the removal, then commit.`);
      if (result.written[0]) this.selectedPath = result.written[0];
    });
    await this.checkTidy();
  }

  /**
   * Runs one task: its label (then git's progress, for a task that reports it) while it runs, a
   * failure as a notice that says what was being done, and the work tree read again afterwards.
   */
  async #run(spec: TaskSpec, body: () => Promise<void>): Promise<void> {
    // One task at a time (the buttons are disabled meanwhile); reads may overlap, the newest wins.
    if (this.task !== undefined) return;
    this.task = spec.task;
    this.progress = { label: spec.label };
    const git = spec.progress;
    const stop = git ? this.#api.on(git.event, (p) => (this.progress = { label: `${git.verb}: ${p.phase}`, percent: p.percent })) : undefined;
    try {
      await body();
    } catch (error) {
      // A cancel the analyst asked for is news, not a failure.
      if (error instanceof ApiError && error.code === 'cancelled') this.#notices.info(messageOf(error));
      else this.#notices.error(error, typeof spec.failure === 'string' ? spec.failure : spec.failure(error));
    } finally {
      stop?.();
      this.task = undefined;
      this.progress = undefined;
      this.cancelling = false;
    }
    await this.refresh();
  }
}

/** The errors a refused drafts.apply lists in its details (none for any other failure). */
function refusedErrors(error: unknown): Diagnostic[] {
  const details = error instanceof ApiError ? error.details : undefined;
  const listed = typeof details === 'object' && details !== null && 'diagnostics' in details ? details.diagnostics : undefined;
  return isDiagnosticList(listed) ? listed.filter((d) => d.severity === 'error') : [];
}

/**
 * A light shape check, not the contract's DiagnosticSchema: importing a zod schema brings zod into
 * the page, whose set-up probes `new Function` and so breaks the page's CSP (no unsafe-eval), and
 * adds its weight to the bundle. The details come from our own back end, already validated there.
 */
function isDiagnosticList(value: unknown): value is Diagnostic[] {
  return Array.isArray(value) && value.every((d) => typeof d === 'object' && d !== null && 'code' in d && 'severity' in d && 'message' in d);
}
