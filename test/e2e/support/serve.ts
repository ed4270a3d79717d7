/**
 * `disarm-workbench serve` for browser tests: a fresh clone of the history bundle, its own
 * user-data folder (drafts and settings never touch the machine's real ones), the built CLI as a
 * real child process on a free port, and the address it prints (with this launch's token).
 * One per spec file: start it in `beforeAll`, stop it in `afterAll`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, cloneHistory, type HistoryClone } from '../../helpers/fixtures';

/** A running `serve`. */
export interface ServedWorkbench {
  /** The address to open, token included (`http://127.0.0.1:PORT/#token=…`). */
  readonly url: string;
  /** The server's origin (`http://127.0.0.1:PORT`). */
  readonly origin: string;
  /** The checkout it serves. */
  readonly clone: HistoryClone;
  /** Its user-data folder (the drafts and settings store). */
  readonly dataDir: string;
  /** What it wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** Stops the server (Ctrl+C, as a person would) and removes the clone. */
  stop(): Promise<void>;
}

const CLI = join(PROJECT_ROOT, 'bin', 'disarm-workbench.js');

/** Starts `serve` on a fresh clone; `clone` may be given to serve one prepared by the test, `env` adds to its environment. */
export async function startServe(options: { clone?: HistoryClone; env?: NodeJS.ProcessEnv } = {}): Promise<ServedWorkbench> {
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'node', 'cli.js')) || !existsSync(join(PROJECT_ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('The app is not built: run `npm run build` before the browser tests (`npm test` does).');
  }
  const clone = options.clone ?? cloneHistory();
  const dataDir = join(clone.root, 'user-data');
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, [CLI, 'serve', '--repo', clone.path, '--port', '0', '--data', dataDir], { cwd: PROJECT_ROOT, env: { ...process.env, ...options.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let line: string;
  try {
    line = await firstLine(child, () => stderr);
  } catch (error) {
    clone.dispose();
    throw error;
  }
  const match = /(http:\/\/127\.0\.0\.1:\d+)\/#token=[A-Za-z0-9_-]+/.exec(line);
  if (!match) {
    child.kill('SIGINT');
    clone.dispose();
    throw new Error(`serve printed no address: ${line}`);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: match[0],
    origin: match[1] ?? '',
    clone,
    dataDir,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      clone.dispose();
    },
  };
}

function firstLine(child: ChildProcessWithoutNullStreams, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed nothing in 60 s: ${out}${stderr()}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, end));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before printing its address: ${out}${stderr()}`));
    });
  });
}
