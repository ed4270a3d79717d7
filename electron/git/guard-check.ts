/**
 * The guard over a checkout: the work tree, the staged changes, or every commit of a range (what
 * CI runs over a pull request). Git collects (guard-changes.ts); the pure guard judges.
 */
import { ApiError } from '../../shared/api/errors';
import { checkChanges, type GuardChange, type GuardOptions, type NewPageCheck, type Violation } from '../../shared/guard';
import { addsFiles, changesBetween, type CollectedChanges } from './collected-changes';
import { explained } from './core/errors';
import { runGit, runGitText } from './core/runner';
import { emptyTree } from './core/trees';
import { validRevision, validRevisionRange } from './core/validate-revision';
import { collectChanges, type GuardTarget } from './guard-changes';

/** How the guard judges new incident pages; the full check by default. */
export interface GuardCheckOptions {
  readonly checkNewPage?: NewPageCheck;
  /** The edit-line text (the settings may name a fork's own); EDIT_LINE by default. */
  readonly marker?: string;
}

/** The violations among the changes git collected (the guarded commit, the check, each commit of a range). */
export async function judge(collected: CollectedChanges, options: GuardCheckOptions): Promise<Violation[]> {
  return checkChanges(collected.changes, { usedIds: collected.usedIds, ...(await guardOptions(options, collected.changes)) });
}

/**
 * The guard's options for judging `changes`: the full new-page check unless told otherwise. It
 * needs the page model (parser and renderer), loaded only when a change brings a file in; the
 * other changes never call it (and a call would fail loudly rather than check less).
 */
async function guardOptions(options: GuardCheckOptions, changes: readonly GuardChange[]): Promise<GuardOptions> {
  const marker = options.marker !== undefined ? { marker: options.marker } : {};
  if (options.checkNewPage) return { checkNewPage: options.checkNewPage, ...marker };
  if (!addsFiles(changes)) return { checkNewPage: noNewPage, ...marker };
  return { checkNewPage: (await import('../../shared/guard/incident-page-check')).checkNewIncidentPage, ...marker };
}

const noNewPage: NewPageCheck = (path) => {
  throw new Error(`the new-page check was not loaded, yet ${path} is judged as a new file`);
};

/** The violations of the work tree or the staged changes. */
export async function checkTarget(checkout: string, target: GuardTarget, options: GuardCheckOptions = {}): Promise<Violation[]> {
  return judge(await explained('Checking the changes', () => collectChanges(checkout, target)), options);
}

/** One commit of a range and what the guard found in it. */
export interface CommitReport {
  readonly commit: string;
  readonly subject: string;
  readonly violations: Violation[];
}

/**
 * Checks every commit of `range` (`A..B`, or a single revision for its whole history) against its
 * first parent, oldest first. A merge is judged by what it brings to the first parent, which is
 * what it changes on the branch a pull request targets.
 */
export async function checkRange(checkout: string, range: string, options: GuardCheckOptions = {}): Promise<CommitReport[]> {
  const { from, to } = range.includes('..') ? validRevisionRange(range) : { from: undefined, to: validRevision(range) };
  // As for checkTarget: a git failure is reported as one (for `check`, exit 2), never as a crash.
  return explained(`Checking ${range}`, () => checkCommits(checkout, from, to, options));
}

async function checkCommits(checkout: string, from: string | undefined, to: string, options: GuardCheckOptions): Promise<CommitReport[]> {
  const [toOid, fromOid] = await Promise.all([resolveCommit(checkout, to), from === undefined ? undefined : resolveCommit(checkout, from)]);
  const log = await runGitText(checkout, ['log', '--first-parent', '--reverse', '--format=%H %P%x00%s%x00', fromOid === undefined ? toOid : `${fromOid}..${toOid}`]);
  const commits = [...log.matchAll(/([0-9a-f]+) ?([0-9a-f ]*)\0([^\0]*)\0\n?/g)].map((m) => ({ commit: m[1] ?? '', parent: (m[2] ?? '').trim().split(' ')[0] || undefined, subject: m[3] ?? '' }));
  const reports: CommitReport[] = [];
  let empty: string | undefined;
  for (const { commit, parent, subject } of commits) {
    // git compares commits by their trees; a root commit against the empty tree.
    const collected = await changesBetween(checkout, parent ?? (empty ??= await emptyTree(checkout)), commit);
    reports.push({ commit, subject, violations: await judge(collected, options) });
  }
  return reports;
}

async function resolveCommit(checkout: string, revision: string): Promise<string> {
  const result = await runGit(checkout, ['rev-parse', '-q', '--verify', '--end-of-options', `${revision}^{commit}`], { expectedExitCodes: [0, 1, 128] });
  if (result.exitCode !== 0) throw new ApiError('not-found', `The revision ${JSON.stringify(revision)} is not a commit in this checkout.`);
  return result.stdout.toString('utf8').trim();
}
