/**
 * Real material for tests: paths into ../shared/fixtures (never copied into this repository) and
 * real git repositories cloned from the history bundle into temporary folders.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** ../shared beside the project. */
const SHARED_DIR = resolve(PROJECT_ROOT, '..', 'shared');
/** The newest DISARM data, as files (not a git checkout). */
export const DISARM_DIR = join(SHARED_DIR, 'fixtures', 'disarm');
/** The DISARM history: 30 commits, branch main. */
export const HISTORY_BUNDLE = join(SHARED_DIR, 'fixtures', 'disarm-history.bundle');
/** The real news article used as source text. */
export const SOURCE_ARTICLE = join(SHARED_DIR, 'fixtures', 'sources', 'messaging-apps-campaign-article.txt');

/** A fresh temporary folder; `dispose` removes it. */
export function tempDir(prefix = 'disarm-test-'): { path: string; dispose: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

/** Runs git in `cwd` and returns its standard output. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
}

/** A clone of the history bundle: a real checkout on branch main with an author configured. */
export interface HistoryClone {
  /** The checkout's work tree. */
  readonly path: string;
  /** The temporary folder holding it (and any remote made beside it). */
  readonly root: string;
  readonly dispose: () => void;
}

/** Clones the history bundle into a temporary folder (`origin` points at the bundle). */
export function cloneHistory(options: { author?: boolean } = {}): HistoryClone {
  const root = tempDir('disarm-clone-');
  const path = join(root.path, 'DISARMframeworks');
  execFileSync('git', ['clone', '--quiet', '--branch', 'main', HISTORY_BUNDLE, path]);
  if (options.author !== false) {
    git(path, 'config', 'user.name', 'Test Analyst');
    git(path, 'config', 'user.email', 'analyst@example.org');
  }
  return { path, root: root.path, dispose: root.dispose };
}

/**
 * Makes a bare repository from `clone` beside it and sets it as the clone's `origin`, with
 * `main` tracking it: the shape of an analyst's checkout and their team's remote.
 */
export function addBareRemote(clone: HistoryClone, name = 'remote.git'): string {
  const bare = join(clone.root, name);
  execFileSync('git', ['clone', '--quiet', '--bare', clone.path, bare]);
  git(clone.path, 'remote', 'set-url', 'origin', bare);
  git(clone.path, 'fetch', '--quiet', 'origin');
  git(clone.path, 'branch', '--quiet', '--set-upstream-to=origin/main', 'main');
  return bare;
}

/**
 * A teammate's clone of `bare` (made in `root`/theirs) pushes branch `teammate` holding an
 * incident page `id`: an id taken on a remote branch after the analyst's draft was given it.
 */
export function teammatePushesIncident(bare: string, root: string, id: string): void {
  const theirs = join(root, 'theirs');
  execFileSync('git', ['clone', '-q', bare, theirs]);
  git(theirs, 'config', 'user.name', 'Teammate');
  git(theirs, 'config', 'user.email', 'team@example.org');
  git(theirs, 'checkout', '-q', '-b', 'teammate');
  mkdirSync(join(theirs, 'generated_pages', 'incidents'), { recursive: true });
  writeFileSync(join(theirs, 'generated_pages', 'incidents', `${id}.md`), `# Incident ${id}: Theirs\n`);
  git(theirs, 'add', '.');
  git(theirs, 'commit', '-q', '-m', 'Their incident');
  git(theirs, 'push', '-q', 'origin', 'teammate');
}

/** The 30 commits of the history bundle, oldest first. */
export function historyCommits(checkout: string): string[] {
  return git(checkout, 'rev-list', '--reverse', 'HEAD').trim().split('\n');
}
