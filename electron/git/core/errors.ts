/**
 * Git failures, typed. The runner throws a GitFailure for any exit code the call did not expect;
 * `classify` names what went wrong from git's (C-locale) message, and `toApiError` turns it into
 * the message an analyst reads: what happened and what to do, never a bare stack of git output.
 */
import { ApiError, type ApiErrorCode } from '../../../shared/api/errors';

/** What kind of failure git reported. */
export type GitFailureKind =
  | 'index-locked'
  | 'not-a-repository'
  | 'conflict'
  | 'diverged'
  | 'local-changes'
  | 'auth'
  | 'network'
  | 'protocol-blocked'
  | 'push-rejected'
  | 'remote-missing'
  | 'already-exists'
  | 'no-identity'
  | 'nothing-to-commit'
  | 'unsafe-argument'
  | 'timed-out'
  | 'cancelled'
  | 'failed';

/** A git call that ended with an exit code it did not expect, or was stopped. */
export class GitFailure extends Error {
  readonly kind: GitFailureKind;
  /** The verb, for messages (`fetch`, `commit`...). */
  readonly verb: string;
  readonly exitCode: number;
  /** What git wrote to standard error (and standard output, which some verbs use for errors). */
  readonly output: string;
  /** For a process the workbench stopped (timed-out, cancelled): what happened, said in full. */
  readonly reason?: string;

  constructor(verb: string, exitCode: number, output: string, kind: GitFailureKind = classify(output), reason?: string) {
    super(reason ?? `git ${verb} failed (exit ${exitCode}): ${firstLines(output)}`);
    this.name = 'GitFailure';
    this.verb = verb;
    this.exitCode = exitCode;
    this.output = output;
    this.kind = kind;
    if (reason !== undefined) this.reason = reason;
  }
}

/** A failure of a process the workbench stopped, and therefore not git's own refusal. */
export function wasStopped(error: unknown): error is GitFailure {
  return error instanceof GitFailure && (error.kind === 'timed-out' || error.kind === 'cancelled');
}

/**
 * `result` when its exit code is one the call expects; otherwise the GitFailure for it, with
 * git's message (standard error, or standard output, which some verbs use for errors).
 */
export function expectExitCode<R extends { readonly exitCode: number; readonly stdout: Buffer; readonly stderr: string }>(verb: string, result: R, expected: readonly number[] = [0]): R {
  if (expected.includes(result.exitCode)) return result;
  throw new GitFailure(verb, result.exitCode, result.stderr.trim() || result.stdout.toString('utf8').trim() || `exit code ${result.exitCode}`);
}

const PATTERNS: ReadonlyArray<readonly [RegExp, GitFailureKind]> = [
  [/Unable to create '[^']*\.lock': File exists|index\.lock': File exists|another git process seems to be running/i, 'index-locked'],
  [/not a git repository/i, 'not-a-repository'],
  [/transport '[^']*' not allowed/i, 'protocol-blocked'],
  [/Not possible to fast-forward|have diverged|divergent branches/i, 'diverged'],
  [/CONFLICT|could not apply|Merge conflict|unmerged files|needs merge/i, 'conflict'],
  [/would be overwritten by|Your local changes|cannot pull with rebase|Please commit your changes or stash them|You have unstaged changes|contains uncommitted changes/i, 'local-changes'],
  [/Authentication failed|could not read (Username|Password)|Permission denied \(publickey|terminal prompts disabled|403/i, 'auth'],
  [/Could not resolve host|unable to access|Connection (refused|timed out|reset)|Operation timed out|Network is unreachable/i, 'network'],
  [/\[rejected\]|non-fast-forward|fetch first|failed to push some refs/i, 'push-rejected'],
  [/does not appear to be a git repository|repository '[^']*' not found|Could not read from remote repository|No such remote/i, 'remote-missing'],
  [/already exists/i, 'already-exists'],
  [/Author identity unknown|Please tell me who you are|empty ident name|unable to auto-detect email/i, 'no-identity'],
  [/nothing to commit|no changes added to commit|nothing added to commit/i, 'nothing-to-commit'],
  [/is not permitted without enabling|Use of .* is not permitted/i, 'unsafe-argument'],
];

/** The kind of failure git's output describes. */
export function classify(output: string): GitFailureKind {
  for (const [pattern, kind] of PATTERNS) if (pattern.test(output)) return kind;
  return 'failed';
}

const ADVICE: Readonly<Record<GitFailureKind, { code: ApiErrorCode; text: string }>> = {
  'index-locked': {
    code: 'busy',
    text: 'Another git program is working in this checkout, or one crashed and left its lock file (.git/index.lock) behind. Wait a moment and try again; if no git program is running, delete .git/index.lock yourself and try again. The workbench never deletes it for you.',
  },
  'not-a-repository': { code: 'not-a-checkout', text: 'The folder is not a git checkout (or its .git folder is damaged).' },
  conflict: { code: 'conflict', text: 'Your changes and the remote\'s changes touch the same lines.' },
  diverged: { code: 'conflict', text: 'Your branch and the remote\'s have both moved on; a fast-forward is not possible. Pull with rebase to put your commits on top of the remote\'s.' },
  'local-changes': { code: 'conflict', text: 'You have changes that are not committed yet, and git would have to overwrite them. Commit them first; nothing was changed.' },
  auth: { code: 'git', text: 'The remote refused your credentials, or needs a password the workbench cannot ask for. Set up a credential helper or an SSH key for this remote, then try again.' },
  network: { code: 'git', text: 'The remote could not be reached. Check the network connection and the remote\'s address, then try again.' },
  'protocol-blocked': { code: 'forbidden', text: 'The remote\'s address uses a transport the workbench does not allow (such as ext::, which runs a program). Only https, ssh, git and local paths are allowed.' },
  'push-rejected': { code: 'conflict', text: 'The remote has commits you do not have yet. Pull (with rebase) first, then push again.' },
  'remote-missing': { code: 'not-found', text: 'The remote repository was not found. Check its address and your access to it.' },
  'already-exists': { code: 'conflict', text: 'It already exists.' },
  'no-identity': { code: 'bad-request', text: 'Git does not know who you are. Set your name and email in the workbench\'s settings (or `git config --global user.name` and `user.email`).' },
  'nothing-to-commit': { code: 'bad-request', text: 'There is nothing staged to commit. Stage the files you want to commit first.' },
  'unsafe-argument': { code: 'bad-request', text: 'An argument looked like a git option that runs programs, and was refused.' },
  'timed-out': { code: 'timeout', text: 'Git did not finish in time and was stopped; the checkout can be used again.' },
  cancelled: { code: 'cancelled', text: 'Cancelled; the checkout can be used again.' },
  failed: { code: 'git', text: 'Git could not do it.' },
};

/** The analyst-facing error for a failure: advice first, then what git said (trimmed). */
export function toApiError(failure: GitFailure, what?: string): ApiError {
  const advice = ADVICE[failure.kind];
  const prefix = what ? `${what}: ` : '';
  const detail = firstLines(failure.output);
  return new ApiError(advice.code, `${prefix}${failure.reason ?? advice.text}${detail ? ` (git said: ${detail})` : ''}`, { gitFailure: failure.kind, output: failure.output.slice(0, 8000) });
}

/** Runs `fn`, turning a GitFailure into the ApiError for it. */
export async function explained<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof GitFailure) throw toApiError(error, what);
    throw error;
  }
}

function firstLines(output: string): string {
  return output
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^hint:/.test(line))
    .slice(0, 4)
    .join(' ')
    .slice(0, 600);
}
