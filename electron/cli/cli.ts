/**
 * `disarm-workbench`: the command line of the workbench. Each subcommand lives in its own module
 * under commands/, loaded when it runs; this file only finds it, runs it and turns usage errors
 * into exit code 2.
 */
import { EXIT_USAGE, UsageError, type CommandIO } from './command';
import { commands } from './commands';

const PROGRAM = 'disarm-workbench';

/** Runs the CLI with `argv` (without node and the script) and resolves with the exit code. */
export async function main(argv: readonly string[], io: CommandIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(await overview());
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version') {
    // From the package's own package.json: npm's environment is not there when the bin runs directly.
    // Loaded here only: other commands (a pre-commit hook's `check`) do not pay for it.
    const { findPackageRoot } = await import('../shell/package-root');
    io.stdout(`${PROGRAM} ${findPackageRoot().version}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`${PROGRAM}: unknown command '${name}'.\n\n${await overview()}`);
    return EXIT_USAGE;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${PROGRAM} ${command.name}: ${error.message}\n\n${command.usage}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

/** The list of commands with their summaries (the only time every command's module is loaded). */
async function overview(): Promise<string> {
  const loaded = await Promise.all(commands.map((c) => c.load()));
  const width = Math.max(...loaded.map((c) => c.name.length));
  const lines = loaded.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: ${PROGRAM} <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun '${PROGRAM} <command> --help' for a command's options.\n`;
}

function processIO(): CommandIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    stopped: new Promise((resolve) => {
      // Listening for good, not once: a library loaded later (signal-exit, under the store's lock)
      // re-sends a signal that nobody else listens to, which would kill the process before it
      // stops cleanly. The first Ctrl+C asks to stop; a second one ends the process at once.
      let asked = false;
      const stop = (signal: NodeJS.Signals) => {
        if (asked) process.exit(signal === 'SIGINT' ? 130 : 143);
        asked = true;
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }),
  };
}

