/**
 * Git on the open checkout, and the edit-line guard: the operations of the repository service
 * (electron/git) and the progress events of clone and push. Every name, path and address a user
 * types is checked here by schema and again by the service (electron/git/core/validate.ts).
 */
import { z } from 'zod';
import { defineEvent, defineOperation } from '../define';
import { LocalFolder, RefName, RepoPath } from '../schemas';
import { GUARD_RULE_CODES, type GuardRule } from '../../guard/rules';

/** A guard rule code (shared/guard/rules.ts). */
const GuardRuleSchema = z.enum(GUARD_RULE_CODES as [GuardRule, ...GuardRule[]]);

/** One refusal of the guard. */
const ViolationSchema = z.object({ file: z.string(), line: z.number().int().nonnegative(), rule: GuardRuleSchema, message: z.string() });

const HeadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('branch'), name: z.string(), oid: z.string() }),
  z.object({ kind: z.literal('detached'), oid: z.string() }),
  z.object({ kind: z.literal('unborn'), name: z.string() }),
]);
const OperationSchema = z.enum(['none', 'merge', 'rebase', 'cherry-pick', 'revert']);
const CheckoutSchema = z.object({ path: z.string(), head: HeadSchema, operation: OperationSchema, warnings: z.array(z.string()) });
const FileChangeSchema = z.enum(['added', 'modified', 'deleted', 'renamed', 'copied', 'typechanged']);
const ProgressFields = { phase: z.string(), percent: z.number().min(0).max(100), processed: z.number().int().nonnegative(), total: z.number().int().nonnegative() };
const Paths = z.array(RepoPath).min(1, 'give at least one path').max(1000);
const Empty = z.object({}).strict();

export const repositoryOperations = {
  'repo.open': defineOperation({
    summary: 'Open a DISARM framework checkout (refused with the reason when the folder is not one, or its own git settings run programs).',
    input: z.object({ folder: LocalFolder }).strict(),
    output: CheckoutSchema,
  }),
  'repo.clone': defineOperation({
    summary: 'Clone from an https/ssh address, a local checkout or a bundle file into a new folder, then open it (progress: repo.cloneProgress).',
    input: z.object({ source: z.string().min(1).max(4096), destination: LocalFolder, branch: RefName.optional() }).strict(),
    output: CheckoutSchema,
  }),
  'repo.status': defineOperation({
    summary: 'The branch, its upstream, each changed file (staged, unstaged, untracked, conflicted), and any merge or rebase under way.',
    input: Empty,
    output: z.object({
      head: HeadSchema,
      upstream: z.object({ name: z.string(), ahead: z.number().int(), behind: z.number().int() }).optional(),
      operation: OperationSchema,
      files: z.array(
        z.object({ path: z.string(), oldPath: z.string().optional(), staged: FileChangeSchema.optional(), unstaged: FileChangeSchema.optional(), untracked: z.boolean(), conflicted: z.boolean() }),
      ),
    }),
  }),
  'repo.fileDiff': defineOperation({
    summary: "One file's committed text, new text (work tree or staged) and git's unified diff.",
    input: z.object({ path: RepoPath, side: z.enum(['worktree', 'staged']).optional() }).strict(),
    output: z.object({ path: z.string(), oldText: z.string().optional(), newText: z.string().optional(), encoding: z.enum(['utf8', 'bytes']), diff: z.string() }),
  }),
  'repo.stage': defineOperation({
    summary: 'Stage files (their content, or their deletion) for the next commit.',
    input: z.object({ paths: Paths }).strict(),
    output: z.object({ paths: z.array(z.string()) }),
  }),
  'repo.unstage': defineOperation({
    summary: 'Unstage files, keeping the work tree as it is.',
    input: z.object({ paths: Paths }).strict(),
    output: z.object({ paths: z.array(z.string()) }),
  }),
  'repo.commit': defineOperation({
    summary: "Commit the staged changes: refused while any breaks the edit-line rule (error guard-violation, details.violations); the author is git's or the settings'.",
    input: z.object({ message: z.string().min(1).max(100_000) }).strict(),
    output: z.object({ commit: z.string(), author: z.object({ name: z.string(), email: z.string() }) }),
  }),
  'repo.branches': defineOperation({
    summary: 'The local branches, which is current, and what each tracks.',
    input: Empty,
    output: z.object({ branches: z.array(z.object({ name: z.string(), current: z.boolean(), upstream: z.string().optional() })) }),
  }),
  'repo.createBranch': defineOperation({
    summary: 'Create a branch at HEAD (and switch to it unless switchTo is false).',
    input: z.object({ name: RefName, switchTo: z.boolean().optional() }).strict(),
    output: z.object({ branch: z.string() }),
  }),
  'repo.switchBranch': defineOperation({
    summary: 'Switch to a branch; refused while tracked files have uncommitted changes.',
    input: z.object({ name: RefName }).strict(),
    output: z.object({ branch: z.string() }),
  }),
  'repo.fetch': defineOperation({
    summary: 'Fetch from a remote (origin by default).',
    input: z.object({ remote: RefName.optional() }).strict(),
    output: z.object({ remote: z.string() }),
  }),
  'repo.pull': defineOperation({
    summary: 'Fetch and fast-forward, or rebase on request; a conflict is reported with both versions and nothing moves.',
    input: z.object({ rebase: z.boolean().optional() }).strict(),
    output: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('up-to-date') }),
      z.object({ kind: z.literal('fast-forwarded'), from: z.string(), to: z.string() }),
      z.object({ kind: z.literal('rebased'), from: z.string(), to: z.string() }),
      z.object({ kind: z.literal('diverged'), ahead: z.number().int(), behind: z.number().int() }),
      z.object({
        kind: z.literal('conflict'),
        local: z.string(),
        remote: z.string(),
        files: z.array(z.object({ path: z.string(), local: z.string().optional(), remote: z.string().optional() })),
      }),
    ]),
  }),
  'repo.push': defineOperation({
    summary: 'Push the current branch (setting its upstream the first time); progress: repo.pushProgress.',
    input: z.object({ remote: RefName.optional() }).strict(),
    output: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('pushed'), remote: z.string(), branch: z.string(), upstreamSet: z.boolean() }),
      z.object({ kind: z.literal('rejected'), remote: z.string(), branch: z.string(), message: z.string() }),
    ]),
  }),
  'repo.cancel': defineOperation({
    summary: 'Cancel the clone, fetch, pull or push under way, and any waiting to start: each is refused with the code cancelled. A commit or a rebase is never stopped half-way.',
    input: Empty,
    output: z.object({ cancelled: z.number().int().nonnegative() }),
  }),
  'repo.aheadBehind': defineOperation({
    summary: 'Commits to push and to pull, against the last fetched upstream.',
    input: Empty,
    output: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('tracking'), branch: z.string(), upstream: z.string(), ahead: z.number().int(), behind: z.number().int() }),
      z.object({ kind: z.literal('no-upstream'), branch: z.string() }),
      z.object({ kind: z.literal('detached') }),
      z.object({ kind: z.literal('unborn'), branch: z.string() }),
    ]),
  }),
  'repo.undoLastCommit': defineOperation({
    summary: 'Undo the last commit, keeping its changes staged (refused once it is pushed).',
    input: Empty,
    output: z.object({ undone: z.string(), subject: z.string(), head: z.string() }),
  }),
  'guard.check': defineOperation({
    summary: 'The edit-line guard over the work tree (default) or the staged changes: every violation with file, line and rule.',
    input: z.object({ target: z.enum(['worktree', 'staged']).optional() }).strict(),
    output: z.object({ violations: z.array(ViolationSchema) }),
  }),
  'guard.repair': defineOperation({
    summary: "Restore a page's generated part from the last commit, keeping its notes (work tree, and index when staged).",
    input: z.object({ path: RepoPath }).strict(),
    output: z.object({
      path: z.string(),
      workTree: z.enum(['repaired', 'unchanged', 'restored']),
      index: z.enum(['repaired', 'unchanged', 'restored']),
      notesFrom: z.enum(['below-line', 'whole-text', 'none']),
    }),
  }),
};

export const repositoryEvents = {
  'repo.cloneProgress': defineEvent({
    summary: 'Progress of a clone (git phase, percent, objects).',
    payload: z.object({ destination: z.string(), ...ProgressFields }),
  }),
  'repo.pushProgress': defineEvent({
    summary: 'Progress of a push (git phase, percent, objects).',
    payload: z.object({ remote: z.string(), ...ProgressFields }),
  }),
  'repo.fetchProgress': defineEvent({
    summary: 'Progress of a fetch, on its own or as the first step of a pull (git phase, percent, objects).',
    payload: z.object({ remote: z.string(), ...ProgressFields }),
  }),
};
