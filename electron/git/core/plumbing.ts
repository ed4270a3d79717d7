/**
 * Read-only plumbing whose every argument is a constant of the workbench (`status`, `diff-index`,
 * `cat-file --batch`...), spawned directly with the environment and pinned settings of every
 * other git call (environment.ts: no hooks, no fsmonitor, no pager, no external diff). simple-git
 * guards the arguments of calls that carry a user's values; these carry none, which
 * `assertConstantArguments` checks on every call rather than trusting: a verb from a short list
 * of readers, flags from a fixed list, object ids, and the workbench's own path constants.
 * Requests that come from elsewhere (object names, paths) travel on standard input, where git
 * never reads an option. Two more reasons for running them directly: `cat-file --batch` and
 * `check-attr --stdin` need a standard input, which simple-git cannot feed; and `check` starts
 * without loading simple-git at all.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentGitCallContext } from './call-context';
import { gitProcessSettings } from './environment';
import { overrunMessage, timeLimitOf } from './time-limits';
import { GitFailure, expectExitCode } from './errors';
import type { GitCallOptions, GitResult } from './runner';

/** Verbs that only read: nothing here writes a ref, an object, the index or a file. */
const READ_ONLY_VERBS = ['rev-parse', 'config', 'status', 'ls-files', 'diff-index', 'diff-tree', 'cat-file', 'check-attr', 'show-ref'];

/** Every flag the workbench's plumbing calls use (none can run a program or write a file). */
const FLAGS = new Set([
  '-q', '-r', '-z', '-M', '--', '--verify', '--show-toplevel', '--absolute-git-dir', '--show-object-format', '--symbolic-full-name',
  '--list', '--includes', '--show-scope', '--show-origin',
  '--porcelain=v2', '--branch', '--no-ahead-behind', '--no-renames', '--untracked-files=no', '--ignore-submodules=dirty', '--others', '--exclude-standard',
  '--cached', '--ita-invisible-in-index', '--raw', '--no-abbrev', '--no-ext-diff', '--no-textconv',
  '--batch', '--buffer', '--stdin', '--head',
]);

/** Other constant arguments: revisions, attribute names, the guarded folders. */
const CONSTANTS = new Set(['HEAD', 'HEAD^{commit}', 'filter', 'ident', 'working-tree-encoding', 'generated_pages', 'generated_files']);

/** A full object id (SHA-1 or SHA-256), as git printed it. */
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Refuses (as a programming error) any argument vector that is not made of constants. */
export function assertConstantArguments(args: readonly string[]): void {
  const [verb, ...rest] = args;
  const bad = verb === undefined || !READ_ONLY_VERBS.includes(verb) ? verb : rest.find((arg) => !FLAGS.has(arg) && !CONSTANTS.has(arg) && !OBJECT_ID.test(arg));
  if (verb === undefined || bad !== undefined) throw new Error(`git plumbing runs only read-only verbs with constant arguments; refused ${JSON.stringify(bad ?? args)} in ${JSON.stringify(args)}`);
}

/** How runPlumbing runs. */
export interface PlumbingOptions extends Pick<GitCallOptions, 'expectedExitCodes' | 'indexFile' | 'baseEnv'> {
  /** Given to git on its standard input (object names, paths). */
  readonly input?: string | Buffer;
  /**
   * Standard output goes to a private temporary file, read back when git ends: git then writes at
   * full speed while this process does other work (a pipe holds 64 KB, and git waits whenever it
   * is full). For large outputs, such as many blobs.
   */
  readonly spoolOutput?: boolean;
}

/** Runs `git <args>` (constants only, see above) in `cwd`. */
export async function runPlumbing(cwd: string, args: readonly string[], options: PlumbingOptions = {}): Promise<GitResult> {
  assertConstantArguments(args);
  const verb = args[0] ?? 'git';
  const settings = gitProcessSettings(options.baseEnv ?? process.env, { hooks: 'none', ...(options.indexFile !== undefined ? { indexFile: options.indexFile } : {}) });
  const spool = options.spoolOutput ? mkdtempSync(join(tmpdir(), 'disarm-git-')) : undefined;
  try {
    const spoolFd = spool === undefined ? undefined : openSync(join(spool, 'stdout'), 'w+', 0o600);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let exitCode: number;
    try {
      const child = spawn('git', [...settings.config.flatMap((setting) => ['-c', setting]), ...args], { cwd, env: settings.env, stdio: ['pipe', spoolFd ?? 'pipe', 'pipe'], windowsHide: true });
      child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
      // git may end before reading everything (a bad object name): its exit code says why, not EPIPE.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(options.input ?? '');
      // These verbs only read and take no lock (GIT_OPTIONAL_LOCKS=0): one that overruns its
      // limit is killed outright, and nothing is left to clean up.
      const limit = timeLimitOf(verb, currentGitCallContext().limits);
      let overran = false;
      const timer = setTimeout(() => {
        overran = true;
        child.kill('SIGKILL');
      }, limit);
      try {
        exitCode = await new Promise<number>((resolve, reject) => {
          child.once('error', (error) => reject(new GitFailure(verb, -1, error.message)));
          child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : -1)));
        });
      } finally {
        clearTimeout(timer);
      }
      if (overran) throw new GitFailure(verb, exitCode, Buffer.concat(stderr).toString('utf8'), 'timed-out', `${overrunMessage(verb, limit)}.`);
    } finally {
      if (spoolFd !== undefined) closeSync(spoolFd);
    }
    return expectExitCode(verb, { exitCode, stdout: spool === undefined ? Buffer.concat(stdout) : readFileSync(join(spool, 'stdout')), stderr: Buffer.concat(stderr).toString('utf8') }, options.expectedExitCodes);
  } finally {
    if (spool !== undefined) rmSync(spool, { recursive: true, force: true });
  }
}

/** runPlumbing's standard output as UTF-8 text. */
export async function runPlumbingText(cwd: string, args: readonly string[], options: PlumbingOptions = {}): Promise<string> {
  return (await runPlumbing(cwd, args, options)).stdout.toString('utf8');
}
