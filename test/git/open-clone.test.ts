/**
 * Opening and cloning: every refusal names its reason; clones from a bundle, a local checkout and
 * a file:// address report progress; a clone that is not of the framework is removed again.
 */
import { mkdirSync, existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitProgress } from '../../electron/git/core/runner';
import { RepositoryService } from '../../electron/git/repository-service';
import { HISTORY_BUNDLE, addBareRemote, cloneHistory, git, tempDir, type HistoryClone } from '../helpers/fixtures';
import { refusal } from '../helpers/refusal';

const progress: GitProgress[] = [];
const repo = new RepositoryService({ progress: { clone: (p) => progress.push(p) } });
let clone: HistoryClone;
let scratch: { path: string; dispose: () => void };

beforeAll(() => {
  clone = cloneHistory();
  addBareRemote(clone);
  scratch = tempDir('disarm-open-');
});
afterAll(() => {
  clone.dispose();
  scratch.dispose();
});

describe('open', () => {
  it('opens a checkout (through a symbolic link too) and describes it', async () => {
    const link = join(scratch.path, 'link-to-checkout');
    symlinkSync(clone.path, link);
    const info = await repo.open(link);
    expect(info.path).toBe(clone.path);
    expect(info.head).toMatchObject({ kind: 'branch', name: 'main' });
    expect(info.operation).toBe('none');
  });

  it('refuses, with the reason, every folder that is not a DISARM checkout', async () => {
    const empty = join(scratch.path, 'empty');
    mkdirSync(empty);
    const file = join(scratch.path, 'a-file');
    writeFileSync(file, 'x');
    const plainRepo = join(scratch.path, 'plain');
    git(scratch.path, 'init', '-q', plainRepo);
    const noKinds = join(scratch.path, 'no-kinds');
    git(scratch.path, 'init', '-q', noKinds);
    mkdirSync(join(noKinds, 'generated_pages'));
    const movedTree = join(scratch.path, 'moved');
    git(scratch.path, 'init', '-q', movedTree);
    mkdirSync(join(movedTree, 'generated_pages', 'techniques'), { recursive: true });
    git(movedTree, 'config', 'core.worktree', empty);

    const cases: [string, RegExp][] = [
      ['relative/folder', /full path/],
      [join(scratch.path, 'missing'), /does not exist/],
      [file, /is a file/],
      [empty, /no \.git folder/],
      [join(clone.path, 'generated_pages'), /inside the checkout at/],
      [join(clone.root, 'remote.git'), /no \.git folder/],
      [plainRepo, /no generated_pages folder/],
      [noKinds, /neither techniques\/ nor incidents\//],
      [movedTree, /work tree elsewhere/],
    ];
    for (const [folder, expected] of cases) {
      const error = await refusal(repo.open(folder));
      expect(error.code, folder).toBe('not-a-checkout');
      expect(error.message, folder).toMatch(expected);
    }
  });
});

describe('clone', () => {
  it('clones the history bundle with progress events and opens it', async () => {
    progress.length = 0;
    const destination = join(scratch.path, 'from-bundle');
    const info = await repo.clone(HISTORY_BUNDLE, destination);
    expect(info.path).toBe(destination);
    expect(info.head).toMatchObject({ kind: 'branch', name: 'main' });
    expect(existsSync(join(destination, 'generated_pages', 'techniques', 'T0155.007.md'))).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.some((p) => p.percent === 100)).toBe(true);
    for (const p of progress) expect(p.processed).toBeLessThanOrEqual(p.total);
  });

  it('clones a local checkout, and a file:// address of a bare repository, on a chosen branch', async () => {
    git(clone.path, 'branch', '-f', 'analyst', 'HEAD~1');
    const local = await repo.clone(clone.path, join(scratch.path, 'from-path'), 'analyst');
    expect(local.head).toMatchObject({ kind: 'branch', name: 'analyst' });
    const fromUrl = await repo.clone(`file://${join(clone.root, 'remote.git')}`, join(scratch.path, 'from-url'));
    expect(fromUrl.head).toMatchObject({ kind: 'branch', name: 'main' });
  });

  it('refuses bad destinations and missing sources', async () => {
    expect((await refusal(repo.clone(HISTORY_BUNDLE, 'relative'))).code).toBe('bad-request');
    expect((await refusal(repo.clone(HISTORY_BUNDLE, clone.path))).code).toBe('conflict');
    expect((await refusal(repo.clone(HISTORY_BUNDLE, join(scratch.path, 'no', 'parent')))).code).toBe('not-found');
    expect((await refusal(repo.clone(join(scratch.path, 'nothing-here.bundle'), join(scratch.path, 'x')))).code).toBe('not-found');
  });

  it('removes a clone that is not of the DISARM framework', async () => {
    const other = join(scratch.path, 'other-project');
    git(scratch.path, 'init', '-q', '-b', 'main', other);
    writeFileSync(join(other, 'README.md'), 'not DISARM');
    git(other, 'add', 'README.md');
    git(other, '-c', 'user.name=x', '-c', 'user.email=x@example.org', 'commit', '-qm', 'x');
    const destination = join(scratch.path, 'clone-of-other');
    const error = await refusal(repo.clone(other, destination));
    expect(error.code).toBe('not-a-checkout');
    expect(error.message).toMatch(/removed again.*no generated_pages/s);
    expect(existsSync(destination)).toBe(false);
  });

  it('says clearly when a remote cannot be reached', async () => {
    const destination = join(scratch.path, 'unreachable');
    const error = await refusal(repo.clone('https://127.0.0.1:9/DISARMframeworks.git', destination));
    expect(error.code).toBe('git');
    expect(error.message).toMatch(/could not be reached/);
    expect(existsSync(destination)).toBe(false);
    expect(readdirSync(scratch.path)).not.toContain('unreachable');
  });
});
