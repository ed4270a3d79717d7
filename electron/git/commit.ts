/**
 * Committing what is staged. The message travels in a temporary file (`git commit -F`), never as
 * an argument, so no message (`--amend`, `-c ...`) can be read as an option. The author is git's
 * configured identity, or the one from the app's settings; when neither exists the commit is
 * refused before git runs. The checkout's own pre-commit hook runs (it is the analyst's), and
 * when it refuses, its output is the error message and everything staged stays staged.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { GitFailure } from './core/errors';
import { runGit } from './core/runner';
import { validAuthor, validCommitMessage, type AuthorIdentity } from './core/validate';

/** What to commit with. */
export interface CommitRequest {
  readonly message: string;
  /** The identity from the app's settings, used when git has none configured. */
  readonly fallbackAuthor?: AuthorIdentity;
  readonly baseEnv?: NodeJS.ProcessEnv;
}

/** A new commit. */
export interface CommitResult {
  readonly commit: string;
  readonly author: AuthorIdentity;
}

/** The identity git would use from its configuration, if complete. */
export async function configuredIdentity(checkout: string, baseEnv?: NodeJS.ProcessEnv): Promise<AuthorIdentity | undefined> {
  const out = await runGit(checkout, ['config', '-z', '--get-regexp', '^user\\.(name|email)$'], { expectedExitCodes: [0, 1], ...(baseEnv ? { baseEnv } : {}) });
  const values = new Map<string, string>();
  for (const entry of out.stdout.toString('utf8').split('\0')) {
    const newline = entry.indexOf('\n');
    if (newline > 0) values.set(entry.slice(0, newline).toLowerCase(), entry.slice(newline + 1).trim());
  }
  const env = baseEnv ?? process.env;
  const name = env.GIT_AUTHOR_NAME || values.get('user.name') || '';
  const email = env.GIT_AUTHOR_EMAIL || values.get('user.email') || '';
  return name && email ? { name, email } : undefined;
}

/** Commits the staged changes. The caller runs the guard first (guarded-commit.ts). */
export async function commitStaged(checkout: string, request: CommitRequest): Promise<CommitResult> {
  const message = validCommitMessage(request.message);
  const configured = await configuredIdentity(checkout, request.baseEnv);
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
  const before = await headCommit(checkout);
  try {
    const messageFile = join(scratch, 'message.txt');
    writeFileSync(messageFile, message, { mode: 0o600 });
    await runGit(checkout, ['commit', '--quiet', '--cleanup=whitespace', `--file=${messageFile}`], { hooks: 'repository', env: identityEnv, ...(request.baseEnv ? { baseEnv: request.baseEnv } : {}) });
  } catch (error) {
    if (error instanceof GitFailure && error.kind !== 'index-locked' && error.kind !== 'nothing-to-commit' && error.kind !== 'no-identity') {
      if ((await headCommit(checkout)) === before) {
        throw new ApiError('git', `The commit was refused${error.output ? `; git or a pre-commit hook said:\n${error.output}` : '.'}\nNothing was lost: your changes are still staged.`, { hookOutput: error.output });
      }
    }
    throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { commit: await headCommit(checkout), author };
}

/** HEAD's commit id, or '' on an unborn branch. */
async function headCommit(checkout: string): Promise<string> {
  const head = await runGit(checkout, ['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { expectedExitCodes: [0, 1] });
  return head.stdout.toString('utf8').trim();
}
