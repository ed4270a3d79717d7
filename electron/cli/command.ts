/**
 * What a CLI subcommand is. Exit codes are the CLI's contract with scripts and CI:
 * 0 success, 1 the command ran and found problems (parse failures, guard violations, lint
 * errors), 2 bad usage or an input that is not what was asked for (not a checkout...).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** Where a command writes; tests pass buffers, the real CLI passes the process streams. */
export interface CommandIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Resolves when the process is asked to stop (Ctrl+C); long-running commands watch it. */
  readonly stopped: Promise<void>;
}

/** One subcommand of `disarm-workbench`. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The usage text printed by `--help` and on bad usage. */
  readonly usage: string;
  run(args: readonly string[], io: CommandIO): Promise<number>;
}

/** Thrown for bad usage; the CLI prints the message and the command's usage, exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * parseArgs with the CLI's conventions: unknown options and missing values are usage errors,
 * never exceptions with a stack trace.
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '.') : String(error));
  }
}
