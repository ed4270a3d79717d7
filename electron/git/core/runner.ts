/**
 * The one function every git call of the workbench that carries anything but its own constants
 * goes through (GitHub Desktop's `git()`): simple-git with its unsafe-operation protection on, the
 * hardened environment of environment.ts, the exit codes the caller expects, and a GitFailure for
 * anything else. Callers put user-supplied values after `--` or `--end-of-options` and validate
 * them first (validate.ts); simple-git's protection is the safety net behind that, not the wall.
 * Read-only plumbing whose every argument is a constant of the workbench runs through
 * plumbing.ts instead, with the same environment and settings.
 *
 * simple-git is loaded when first needed: a command that only reads (`check` in a pre-commit
 * hook) starts without it.
 */
import type { SimpleGit } from 'simple-git';
import { currentGitCallContext } from './call-context';
import { gitProcessSettings } from './environment';
import { GitFailure, expectExitCode } from './errors';
import { indexLockWatch } from './index-lock';
import { NETWORK_VERBS, formatDuration, overrunMessage, timeLimitOf } from './time-limits';

/** One progress report of a long git operation (`Receiving objects: 45% (100/222)`). */
export interface GitProgress {
  /** Git's phase name, lower case (`receiving objects`, `writing objects`, `updating files`). */
  readonly phase: string;
  readonly percent: number;
  readonly processed: number;
  readonly total: number;
}

/** How one call runs. */
export interface GitCallOptions {
  /** Exit codes that are results rather than failures (`diff --no-index` exits 1 when files differ). */
  readonly expectedExitCodes?: readonly number[];
  /** 'repository' lets the checkout's own hooks run (commit only); by default no hook runs. */
  readonly hooks?: 'none' | 'repository';
  /** A specific index file (absolute). */
  readonly indexFile?: string;
  /** Extra environment (the author identity). */
  readonly env?: Readonly<Record<string, string>>;
  /** Receives progress parsed from git's standard error (pass `--progress` in the arguments). */
  readonly onProgress?: (progress: GitProgress) => void;
  /** Kills the process after this many milliseconds without output (network verbs). */
  readonly stallTimeoutMs?: number;
  /** Stops the process after this long; by default the limit of its verb (time-limits.ts, set per service). */
  readonly timeLimitMs?: number;
  /** The environment to start from; defaults to this process's. */
  readonly baseEnv?: NodeJS.ProcessEnv;
}

/** What a call that ended with an expected exit code produced. */
export interface GitResult {
  readonly exitCode: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs `git <args>` in `cwd`. The first argument is the verb, used in messages. */
export async function runGit(cwd: string, args: readonly string[], options: GitCallOptions = {}): Promise<GitResult> {
  const verb = args[0] ?? 'git';
  const hooks = options.hooks ?? 'none';
  const settings = gitProcessSettings(options.baseEnv ?? process.env, {
    hooks,
    ...(options.indexFile !== undefined ? { indexFile: options.indexFile } : {}),
    ...(options.env ? { extraEnv: options.env } : {}),
  });
  // One trace line on stderr as each git process starts: simple-git waits an extra 50 ms for a
  // process that prints nothing (most writes are silent), and this output spares that wait.
  // withoutTrace removes these lines before anyone reads stderr. Not when hooks run: the
  // analyst's hook scripts should see the environment they expect.
  const env = hooks === 'none' ? { ...settings.env, GIT_TRACE: '1' } : settings.env;
  let exitCode = -1;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const { GitPluginError, simpleGit } = await loadSimpleGit();
  const stop = stopper(verb, options);
  const git: SimpleGit = simpleGit({
    baseDir: cwd,
    config: settings.config,
    unsafe: settings.unsafe,
    maxConcurrentProcesses: 1,
    abort: stop.signal,
    ...(options.stallTimeoutMs ? { timeout: { block: options.stallTimeoutMs } } : {}),
    // simple-git's own idea of failure (exit code and stderr) is replaced by the expected codes below;
    // errors raised by its plugins (a blocked unsafe argument, a timeout) still reject.
    errors: (error, result) => {
      exitCode = result.exitCode;
      return error instanceof GitPluginError ? error : undefined;
    },
  })
    .env(env)
    .outputHandler((_command, out, err) => {
      out.on('data', (chunk: Buffer) => stdout.push(chunk));
      err.on('data', (chunk: Buffer) => {
        stderr.push(chunk);
        if (options.onProgress) reportProgress(chunk, options.onProgress);
      });
    });
  const lock = indexLockWatch(cwd, options.indexFile);
  try {
    await stop.race(Promise.resolve(git.raw([...args])));
  } catch (error) {
    const output = withoutTrace(Buffer.concat(stderr).toString('utf8'));
    if (stop.reason) {
      // The process was stopped. Once it has exited, a lock file it made and could not remove is
      // removed, so that the index is as it was before the call and the next operation can run.
      const exited = stop.reason.exited;
      if (exited) lock.removeIfMadeSince();
      const leftLock = !exited && lock.madeSince() ? ` It left ${lock.path} behind: once no git program is running, delete that file.` : '';
      throw new GitFailure(verb, exitCode, output, stop.reason.kind, `${stop.reason.message}${exited ? '' : ', but it did not exit within 5 s of being told to'}.${leftLock}`);
    }
    if (error instanceof GitPluginError) {
      if (error.plugin === 'timeout') {
        throw new GitFailure(verb, exitCode, output, 'timed-out', `git ${verb} received nothing for ${formatDuration(options.stallTimeoutMs ?? 0)}: the remote may not be answering. It was stopped.`);
      }
      const kind = error.plugin === 'unsafe' ? 'unsafe-argument' : 'failed';
      throw new GitFailure(verb, exitCode, `${error.message}\n${output}`, kind);
    }
    throw new GitFailure(verb, exitCode, error instanceof Error ? error.message : String(error));
  } finally {
    stop.dispose();
  }
  return expectExitCode(verb, { exitCode, stdout: Buffer.concat(stdout), stderr: withoutTrace(Buffer.concat(stderr).toString('utf8')) }, options.expectedExitCodes);
}

/** Why the workbench stopped a process, and whether it then exited. */
interface StopReason {
  readonly kind: 'timed-out' | 'cancelled';
  readonly message: string;
  exited: boolean;
}

/** How long a stopped process may take to exit before the call gives up waiting for it. */
const EXIT_GRACE_MS = 5_000;

/**
 * The time limit and the cancel signal of one call, as the abort signal simple-git kills git with
 * (SIGINT: git removes its lock files and passes the signal to the hook it runs). Only the verbs
 * that talk to a remote are cancelled while they run: stopping a rebase half-way would leave it
 * under way. A cancelled operation starts no transfer after the cancel.
 *
 * Standard input: simple-git gives git a fresh pipe (never this process's own input) that nothing
 * writes; git reads no standard input for the verbs run here, gives hooks /dev/null (git 2.36+),
 * and the signing program a pipe of its own with the text to sign.
 */
function stopper(verb: string, options: GitCallOptions) {
  const context = currentGitCallContext();
  const limit = options.timeLimitMs ?? timeLimitOf(verb, context.limits);
  const controller = new AbortController();
  let reason: StopReason | undefined;
  let giveUp: (() => void) | undefined;
  const halt = (next: StopReason) => {
    if (reason) return;
    reason = next;
    controller.abort();
    giveUp?.();
  };
  const cancel = () => halt({ kind: 'cancelled', message: `git ${verb} was cancelled`, exited: false });
  // Only the network verbs: a local step after a cancel still runs, so that `rebase --abort`
  // can undo a rebase that was under way when the cancel came.
  if (context.signal !== undefined && NETWORK_VERBS.includes(verb)) {
    if (context.signal.aborted) cancel();
    else context.signal.addEventListener('abort', cancel, { once: true });
  }
  const timer = setTimeout(() => halt({ kind: 'timed-out', message: overrunMessage(verb, limit), exited: false }), limit);
  return {
    signal: controller.signal,
    get reason(): StopReason | undefined {
      return reason;
    },
    /** `running`, or once stopped: its end (then `exited`), or giving up EXIT_GRACE_MS later. */
    race<T>(running: Promise<T>): Promise<T> {
      const ended = running.finally(() => {
        if (reason) reason.exited = true;
      });
      const abandoned = new Promise<never>((_resolve, reject) => {
        giveUp = () => setTimeout(() => reject(new Error('did not exit')), EXIT_GRACE_MS).unref();
        if (reason) giveUp();
      });
      return Promise.race([ended, abandoned]);
    },
    dispose(): void {
      clearTimeout(timer);
      context.signal?.removeEventListener('abort', cancel);
    },
  };
}

/** A line of GIT_TRACE output (`05:40:15.778956 git.c:460   trace: built-in: git status`). */
const TRACE_LINE = /^\d{2}:\d{2}:\d{2}\.\d{6} \S+:\d+ +trace: .*$/;

/** Standard error without the trace lines. */
function withoutTrace(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !TRACE_LINE.test(line))
    .join('\n');
}

let simpleGitModule: Promise<typeof import('simple-git')> | undefined;

function loadSimpleGit(): Promise<typeof import('simple-git')> {
  simpleGitModule ??= import('simple-git');
  return simpleGitModule;
}

/** Runs git and returns its standard output as UTF-8 text. */
export async function runGitText(cwd: string, args: readonly string[], options: GitCallOptions = {}): Promise<string> {
  return (await runGit(cwd, args, options)).stdout.toString('utf8');
}

const PROGRESS = /^(?:remote: )?([A-Za-z][A-Za-z ]*?):\s+(\d{1,3})% \((\d+)\/(\d+)\)/;

function reportProgress(chunk: Buffer, listener: (progress: GitProgress) => void): void {
  for (const line of chunk.toString('utf8').split(/[\r\n]+/)) {
    const match = PROGRESS.exec(line.trim());
    if (!match) continue;
    listener({ phase: (match[1] ?? '').toLowerCase(), percent: Number(match[2]), processed: Number(match[3]), total: Number(match[4]) });
  }
}
