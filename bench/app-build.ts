/**
 * The built app the bench measures (the CLI in dist/node, the renderer in dist/renderer): rebuilt
 * with `npm run build` when it is missing or older than the sources, so the figures are those of
 * the code in the tree. A failed build is reported, and the bench goes on with the build there is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the bench found and did. */
export interface AppBuild {
  readonly rebuilt: boolean;
  readonly seconds: number;
  /** Why the build failed (the old build, if any, is measured). */
  readonly error?: string;
}

const OUTPUTS = ['dist/node/cli.js', 'dist/renderer/index.html'];
/** What `npm run build` reads: the code, its bundling of the Node side (build-node.mjs; the renderer's vite config is under renderer/), the dependencies. */
const SOURCES = ['renderer', 'electron', 'shared', 'scripts/build-node.mjs', 'package.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Builds the app in `root` unless its build is newer than every source. */
export function ensureAppBuilt(root: string, log: (line: string) => void): AppBuild {
  const outputs = OUTPUTS.map((p) => join(root, p));
  const built = outputs.every((p) => existsSync(p)) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
  const sources = Math.max(...SOURCES.map((p) => join(root, p)).filter((p) => existsSync(p)).map(newestMtime));
  if (built > sources) return { rebuilt: false, seconds: 0 };
  log('Building the app (npm run build)...');
  const t = performance.now();
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Math.round((performance.now() - t) / 100) / 10;
  if (result.status === 0) return { rebuilt: true, seconds };
  const error = `npm run build exited ${result.status}: ${(result.stderr || result.stdout).trim().split('\n').slice(-5).join(' ')}`;
  log(`  ${error}; measuring the existing build`);
  return { rebuilt: false, seconds, error };
}
