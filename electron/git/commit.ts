/**
 * Committing what is staged. The message travels in a temporary file (`git commit -F`), never as
 * an argument, so no message (`--amend`, `-c ...`) can be read as an option. The author is git's
 * configured identity, or the one from the app's settings; when neither exists the commit is
 * refused before git runs. The checkout's own pre-commit hook runs (it is the analyst's), and
 * when it refuses, its output is the error message and everything staged stays staged.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { GitFailure, wasStopped } from './core/errors';
import type { ConfigEntry } from './core/local-config';
import { runPlumbing } from './core/plumbing';
import { runGit } from './core/runner';
import { validAuthor, validCommitMessage, type AuthorIdentity } from './core/validate';

/** What to commit with. */
export interface CommitRequest {
  readonly message: string;
  /** The identity from the app's settings, used when git has none configured. */
  readonly fallbackAuthor?: AuthorIdentity;
  readonly baseEnv?: NodeJS.ProcessEnv;
  /** The checkout's settings as the operation read them (readConfig): the author comes from them. */
  readonly config: readonly ConfigEntry[];
}

/** Where HEAD stands, as the guarded commit read it before judging the staged changes. */
export interface CommitBase {
  /** HEAD's commit before committing ('' on an unborn branch). */
  readonly head: string;
  /** The branch HEAD is on and the checkout's git folder: the new commit is read from the branch's ref file. */
  readonly branch: { readonly name: string; readonly gitDir: string };
}

/** A new commit. */
export interface CommitResult {
  readonly commit: string;
  readonly author: AuthorIdentity;
}

/** The identity in already read settings (a later value wins, as in git), or from GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL. */
export function identityFrom(entries: readonly ConfigEntry[], baseEnv?: NodeJS.ProcessEnv): AuthorIdentity | undefined {
  const values = new Map<string, string>();
  for (const { key, value } of entries) if (key === 'user.name' || key === 'user.email') values.set(key, value.trim());
  const env = baseEnv ?? process.env;
  const name = env.GIT_AUTHOR_NAME || values.get('user.name') || '';
  const email = env.GIT_AUTHOR_EMAIL || values.get('user.email') || '';
  return name && email ? { name, email } : undefined;
}

/** Commits the staged changes. The caller runs the guard first (guarded-commit.ts). */
export async function commitStaged(checkout: string, request: CommitRequest, base: CommitBase): Promise<CommitResult> {
  const message = validCommitMessage(request.message);
  const configured = identityFrom(request.config, request.baseEnv);
  const author = configured ?? (request.fallbackAuthor ? validAuthor(request.fallbackAuthor) : undefined);
  if (!author) {
    throw new ApiError(
      'bad-request',
      'No author is set for commits: git has no user.name and user.email, and the workbench\'s settings have no name and email. Enter your name and email in Settings (or run `git config --global user.name "Your Name"` and `git config --global user.email you@example.org`), then commit again.',
    );
  }
  const identityEnv: Record<string, string> = configured
    ? {}
    : { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email };
  const scratch = mkdtempSync(join(tmpdir(), 'disarm-commit-'));
  try {
    const messageFile = join(scratch, 'message.txt');
    writeFileSync(messageFile, message, { mode: 0o600 });
    // Not --quiet: the summary git prints tells the runner at once that git is done (a silent
    // process costs simple-git's completion detection 50 ms more).
    await runGit(checkout, ['commit', '--cleanup=whitespace', `--file=${messageFile}`], { hooks: 'repository', env: identityEnv, ...(request.baseEnv ? { baseEnv: request.baseEnv } : {}) });
  } catch (error) {
    if (wasStopped(error) && (await headCommit(checkout)) === base.head) {
      throw new GitFailure(error.verb, error.exitCode, error.output, error.kind, `${error.reason ?? error.message} Nothing was committed: your changes are still staged.`);
    }
    if (error instanceof GitFailure && error.kind !== 'index-locked' && error.kind !== 'nothing-to-commit' && error.kind !== 'no-identity') {
      if ((await headCommit(checkout)) === base.head) {
        throw new ApiError('git', `The commit was refused${error.output ? `; git or a pre-commit hook said:\n${error.output}` : '.'}\nNothing was lost: your changes are still staged.`, { hookOutput: error.output });
      }
    }
    throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { commit: branchTip(base.branch) ?? (await headCommit(checkout)), author };
}

/**
 * The commit a branch's loose ref file names (git writes it on every update of the branch), or
 * undefined when there is none to read (packed refs, another ref storage): HEAD is then asked.
 */
function branchTip(branch: { readonly name: string; readonly gitDir: string }): string | undefined {
  try {
    // A linked worktree's branches live in the repository's common folder.
    const common = join(branch.gitDir, 'commondir');
    const refs = existsSync(common) ? resolve(branch.gitDir, readFileSync(common, 'utf8').trim()) : branch.gitDir;
    const oid = readFileSync(join(refs, 'refs', 'heads', ...branch.name.split('/')), 'utf8').trim();
    return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(oid) ? oid : undefined;
  } catch {
    return undefined;
  }
}

/** HEAD's commit id, or '' on an unborn branch. */
async function headCommit(checkout: string): Promise<string> {
  const head = await runPlumbing(checkout, ['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { expectedExitCodes: [0, 1] });
  return head.stdout.toString('utf8').trim();
}
