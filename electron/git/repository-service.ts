/**
 * The repository service: every git operation of the workbench on a checkout, each run through
 * the checkout's queue (one git operation at a time per checkout), after checking that the
 * checkout's own git settings run no programs, with user-supplied values validated and git
 * failures turned into messages an analyst can act on. Electron-free: the desktop app, `serve`,
 * the CLI and tests all use it as it is.
 */
import { realpathSync } from 'node:fs';
import { ApiError } from '../../shared/api/errors';
import { resolveInCheckout } from '../paths';
import type { Violation } from '../../shared/guard';
import { explained } from './core/errors';
import { assertSafeConfig, readConfig, type ConfigEntry } from './core/local-config';
import { withGitCallContext, type GitCallContext } from './core/call-context';
import { CheckoutQueue } from './core/queue';
import { DEFAULT_TIME_LIMITS, type GitTimeLimits } from './core/time-limits';
import type { GitProgress } from './core/runner';
import { validRepoPath, type AuthorIdentity } from './core/validate';
import { aheadBehind, type AheadBehind } from './ahead-behind';
import { createBranch, listBranches, switchBranch, type BranchInfo } from './branches';
import { cloneCheckout } from './clone';
import type { CommitResult } from './commit';
import { fetchRemote } from './fetch';
import { readFileDiff, type DiffSide, type FileDiff } from './file-diff';
import { checkRange, checkTarget, type CommitReport, type GuardCheckOptions } from './guard-check';
import { guardedCommit } from './guarded-commit';
import { openCheckout, type CheckoutInfo } from './open';
import { pull, type PullResult } from './pull';
import { push, type PushResult } from './push';
import { repairPage, type RepairOutcome } from './repair-page';
import { stageFiles, unstageFiles } from './stage';
import { readStatus, type RepositoryStatus } from './status';
import { undoLastCommit, type UndoResult } from './undo-commit';

/** Progress reports the service passes on (the container forwards them as api events). */
export interface RepositoryProgressListener {
  clone?(progress: GitProgress & { readonly destination: string }): void;
  push?(progress: GitProgress & { readonly remote: string }): void;
  /** Fetching, on its own or as the first step of a pull. */
  fetch?(progress: GitProgress & { readonly remote: string }): void;
}

/** How the service is set up. */
export interface RepositoryServiceOptions {
  readonly progress?: RepositoryProgressListener;
  /** The environment git starts from (tests pass an isolated one); defaults to this process's. */
  readonly baseEnv?: NodeJS.ProcessEnv;
  /** How new incident pages are judged; the full check by default. */
  readonly guard?: GuardCheckOptions;
  /** How long git processes may run, by kind of verb (core/time-limits.ts); tests set short ones. */
  readonly timeLimits?: Partial<GitTimeLimits>;
}

/** Git on checkouts, one operation at a time per checkout. */
export class RepositoryService {
  private readonly queue = new CheckoutQueue();
  private readonly limits: GitTimeLimits;
  /** The clones, fetches, pulls and pushes started and not yet settled, which `cancel` stops. */
  private readonly cancellable = new Set<AbortController>();

  constructor(private readonly options: RepositoryServiceOptions = {}) {
    this.limits = { ...DEFAULT_TIME_LIMITS, ...(options.timeLimits ?? {}) };
  }

  /** Opens (checks) a checkout. */
  async open(folder: string): Promise<CheckoutInfo> {
    return openCheckout(folder, this.options.baseEnv);
  }

  /** Clones into a new folder, reporting progress, and opens it. */
  async clone(source: string, destination: string, branch?: string): Promise<CheckoutInfo> {
    return this.long((context) =>
      this.queue.run(destination, () =>
        withGitCallContext(context, () =>
          cloneCheckout({
            source,
            destination,
            ...(branch !== undefined ? { branch } : {}),
            onProgress: (p) => this.options.progress?.clone?.({ ...p, destination }),
            ...this.env(),
          }),
        ),
      ),
    );
  }

  /**
   * Cancels every clone, fetch, pull and push started and not finished: the transfer under way
   * is stopped (a pull's rebase, once started, finishes: stopping it half-way would leave it
   * under way), and those still waiting in their checkout's queue do not start. Each is refused
   * with the code `cancelled`. Returns how many were cancelled.
   */
  cancel(): { cancelled: number } {
    const running = [...this.cancellable];
    for (const controller of running) controller.abort();
    this.cancellable.clear();
    return { cancelled: running.length };
  }

  async status(checkout: string): Promise<RepositoryStatus> {
    return this.run(checkout, 'Reading the status', () => readStatus(checkout));
  }

  async fileDiff(checkout: string, path: string, side: DiffSide = 'worktree'): Promise<FileDiff> {
    const file = this.path(checkout, path);
    return this.run(checkout, `Reading the changes of ${file}`, () => readFileDiff(checkout, file, side));
  }

  async stage(checkout: string, paths: readonly string[]): Promise<void> {
    const files = paths.map((p) => this.path(checkout, p));
    return this.run(checkout, 'Staging', () => stageFiles(checkout, files));
  }

  async unstage(checkout: string, paths: readonly string[]): Promise<void> {
    const files = paths.map((p) => this.path(checkout, p));
    return this.run(checkout, 'Unstaging', () => unstageFiles(checkout, files));
  }

  /** The guarded commit: refused while any staged change breaks the edit-line rule. */
  async commit(checkout: string, message: string, options: { fallbackAuthor?: AuthorIdentity; marker?: string } = {}): Promise<CommitResult> {
    return this.run(checkout, 'Committing', (config) =>
      guardedCommit(checkout, { message, config, ...this.guardOptions(options.marker), ...(options.fallbackAuthor ? { fallbackAuthor: options.fallbackAuthor } : {}), ...this.env() }),
    );
  }

  async branches(checkout: string): Promise<BranchInfo[]> {
    return this.run(checkout, 'Listing branches', () => listBranches(checkout));
  }

  async createBranch(checkout: string, name: string, switchTo = true): Promise<void> {
    return this.run(checkout, `Creating the branch ${name}`, () => createBranch(checkout, name, { switchTo }));
  }

  async switchBranch(checkout: string, name: string): Promise<void> {
    return this.run(checkout, `Switching to ${name}`, () => switchBranch(checkout, name));
  }

  async fetch(checkout: string, remote?: string): Promise<{ remote: string }> {
    return this.runLong(checkout, 'Fetching', (config) =>
      fetchRemote(checkout, { ...(remote !== undefined ? { remote } : {}), config, onProgress: (p) => this.options.progress?.fetch?.({ ...p, remote: remote ?? 'origin' }), ...this.env() }),
    );
  }

  async pull(checkout: string, options: { rebase?: boolean; fallbackAuthor?: AuthorIdentity } = {}): Promise<PullResult> {
    const { rebase = false, fallbackAuthor } = options;
    return this.runLong(checkout, 'Pulling', (config) =>
      pull(checkout, { rebase, config, ...(fallbackAuthor ? { fallbackAuthor } : {}), onProgress: (p) => this.options.progress?.fetch?.({ ...p, remote: 'upstream' }), ...this.env() }),
    );
  }

  async push(checkout: string, remote?: string): Promise<PushResult> {
    return this.runLong(
      checkout,
      'Pushing',
      (config) => push(checkout, { ...(remote !== undefined ? { remote } : {}), config, onProgress: (p) => this.options.progress?.push?.({ ...p, remote: remote ?? 'origin' }), ...this.env() }),
    );
  }

  async aheadBehind(checkout: string): Promise<AheadBehind> {
    return this.run(checkout, 'Comparing with the remote', () => aheadBehind(checkout));
  }

  async undoLastCommit(checkout: string): Promise<UndoResult> {
    return this.run(checkout, 'Undoing the last commit', () => undoLastCommit(checkout));
  }

  /** The guard over the work tree (default) or the staged changes. */
  async check(checkout: string, target: 'worktree' | 'staged' = 'worktree', marker?: string): Promise<Violation[]> {
    return this.run(checkout, 'Checking the changes', () => checkTarget(checkout, { kind: target }, this.guardOptions(marker)));
  }

  /** The guard over every commit of a range. */
  async checkRange(checkout: string, range: string, marker?: string): Promise<CommitReport[]> {
    return this.run(checkout, `Checking ${range}`, () => checkRange(checkout, range, this.guardOptions(marker)));
  }

  /** Restores a page's generated part from HEAD, keeping its notes. */
  async repair(checkout: string, path: string, marker?: string): Promise<RepairOutcome> {
    const file = this.path(checkout, path);
    return this.run(checkout, `Repairing ${file}`, () => repairPage(checkout, file, marker));
  }

  /** Resolves when every operation started so far has finished (for shutdown). */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  /** Runs other work on the checkout (saving a page) in its queue, between git operations. */
  exclusive<T>(checkout: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(queueKey(checkout), task);
  }

  /**
   * Runs `task` in the checkout's queue, after refusing settings of the checkout that would run a
   * program on any file operation. The task gets the settings read for that check, so that it
   * need not read them again (the network verbs judge the rest of them; the commit's author).
   */
  private run<T>(checkout: string, what: string, task: (config: readonly ConfigEntry[]) => Promise<T>, context: GitCallContext = { limits: this.limits }): Promise<T> {
    return this.queue.run(queueKey(checkout), () =>
      withGitCallContext(context, () =>
        explained(what, async () => {
          if (context.signal?.aborted) throw new ApiError('cancelled', `${what} was cancelled before it started; nothing was changed.`);
          const entries = await readConfig(checkout, this.options.baseEnv);
          assertSafeConfig(entries, 'files');
          return task(entries);
        }),
      ),
    );
  }

  /** `run` for an operation `cancel` can stop. */
  private runLong<T>(checkout: string, what: string, task: (config: readonly ConfigEntry[]) => Promise<T>): Promise<T> {
    return this.long((context) => this.run(checkout, what, task, context));
  }

  /**
   * Runs a long operation with a signal of its own, registered for `cancel` until it settles.
   * Cancelled while waiting in the queue, it is refused before it starts anything.
   */
  private async long<T>(start: (context: GitCallContext) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.cancellable.add(controller);
    try {
      return await start({ limits: this.limits, signal: controller.signal });
    } finally {
      this.cancellable.delete(controller);
    }
  }

  private path(checkout: string, path: string): string {
    const file = validRepoPath(path);
    resolveInCheckout(checkout, file);
    return file;
  }

  private guardOptions(marker: string | undefined): GuardCheckOptions {
    return { ...(this.options.guard ?? {}), ...(marker !== undefined ? { marker } : {}) };
  }

  private env(): { baseEnv?: NodeJS.ProcessEnv } {
    return this.options.baseEnv ? { baseEnv: this.options.baseEnv } : {};
  }
}

function queueKey(checkout: string): string {
  try {
    return realpathSync(checkout);
  } catch {
    return checkout;
  }
}
