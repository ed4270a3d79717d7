/**
 * Faults and odd states of a real checkout: many operations at once, a failing pre-commit hook, a
 * stale index.lock, detached HEAD, a merge or rebase under way, an unborn branch, CRLF line
 * endings, non-UTF-8 bytes, the line twice, a 5 MB page, no author anywhere.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EDIT_LINE } from '../../shared/edit-line';
import { indexLockWatch } from '../../electron/git/core/index-lock';
import { RepositoryService } from '../../electron/git/repository-service';
import { DISARM_DIR, PROJECT_ROOT, cloneHistory, git, tempDir } from '../helpers/fixtures';
import { refusal } from '../helpers/refusal';
import { T0155_007, appendNotes, changeCharOnLine, cloneForFile, divergeOnT0155_007, resetToOrigin } from './helpers';

const repo = new RepositoryService();
const clone = cloneForFile();

beforeEach(() => {
  for (const operation of ['merge', 'rebase']) gitMayFail(clone.path, operation, '--abort');
  git(clone.path, 'switch', '-q', '--force', 'main');
  resetToOrigin(clone.path);
  gitMayFail(clone.path, 'config', '--unset-all', 'core.autocrlf');
  for (const branch of ['other', 'rescued']) gitMayFail(clone.path, 'branch', '-q', '-D', branch);
});

/** Runs git where failing is fine (nothing to abort, unset or delete). */
function gitMayFail(cwd: string, ...args: string[]): void {
  try {
    git(cwd, ...args);
  } catch {
    // nothing to undo
  }
}

describe('one git operation at a time per checkout', () => {
  it('runs twenty saves, stages and commits started at once without an index.lock error; fsck is clean', async () => {
    const pages = readdirSync(join(clone.path, 'generated_pages/techniques')).slice(0, 20).map((f) => `generated_pages/techniques/${f}`);
    const before = git(clone.path, 'rev-parse', 'HEAD').trim();
    const calls: Promise<unknown>[] = [];
    for (const [i, page] of pages.entries()) {
      calls.push(repo.exclusive(clone.path, async () => appendNotes(clone.path, page, `\nnote ${i}`)));
      calls.push(repo.stage(clone.path, [page]));
      calls.push(repo.status(clone.path));
      calls.push(repo.commit(clone.path, `note ${i}`));
    }
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(git(clone.path, 'rev-list', '--count', `${before}..HEAD`).trim()).toBe('20');
    for (const [i, page] of pages.entries()) {
      expect(git(clone.path, 'log', '-1', '--format=%s', '--', page).trim()).toBe(`note ${i}`);
    }
    expect(git(clone.path, 'fsck', '--no-progress', '--strict')).toBe('');
    expect(existsSync(join(clone.path, '.git', 'index.lock'))).toBe(false);
  });
});

describe('refusals that keep the analyst\'s work', () => {
  it('shows a failing pre-commit hook\'s output and keeps the change staged', async () => {
    const hook = join(clone.path, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho "team check: T0155.007 needs a source link" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    try {
      appendNotes(clone.path, T0155_007, '\nmy draft note');
      const text = readFileSync(join(clone.path, T0155_007), 'utf8');
      await repo.stage(clone.path, [T0155_007]);
      const head = git(clone.path, 'rev-parse', 'HEAD');
      const error = await refusal(repo.commit(clone.path, 'notes'));
      expect(error.message).toContain('team check: T0155.007 needs a source link');
      expect(error.message).toContain('still staged');
      expect(error.details).toMatchObject({ hookOutput: expect.stringContaining('needs a source link') });
      expect(git(clone.path, 'rev-parse', 'HEAD')).toBe(head);
      expect(git(clone.path, 'diff', '--cached', '--name-only').trim()).toBe(T0155_007);
      expect(readFileSync(join(clone.path, T0155_007), 'utf8')).toBe(text);
    } finally {
      rmSync(hook);
    }
  });

  it('explains a stale .git/index.lock and never deletes it', async () => {
    const lock = join(clone.path, '.git', 'index.lock');
    writeFileSync(lock, '');
    try {
      appendNotes(clone.path, T0155_007, '\nnote');
      const staging = await refusal(repo.stage(clone.path, [T0155_007]));
      expect(staging.code).toBe('busy');
      expect(staging.message).toMatch(/index\.lock/);
      expect(staging.message).toMatch(/delete/);
      const committing = await refusal(repo.commit(clone.path, 'x'));
      expect(committing.code).toBe('busy');
      expect(committing.message).toContain(lock);
      await expect(repo.undoLastCommit(clone.path)).rejects.toMatchObject({ code: 'busy' });
      expect(existsSync(lock)).toBe(true);
      // Reading still works (status takes no lock).
      expect((await repo.status(clone.path)).files).toHaveLength(1);
    } finally {
      rmSync(lock); // the test's own lock
    }
  });
});

describe('odd states', () => {
  it('detached HEAD: status says so, commits, pulls and pushes are refused, a branch can be made from it', async () => {
    git(clone.path, 'switch', '-q', '--detach', 'HEAD~1');
    const status = await repo.status(clone.path);
    expect(status.head.kind).toBe('detached');
    expect(await repo.aheadBehind(clone.path)).toEqual({ kind: 'detached' });
    appendNotes(clone.path, T0155_007, '\nnote');
    await repo.stage(clone.path, [T0155_007]);
    expect(await repo.check(clone.path, 'staged')).toEqual([]);
    expect((await refusal(repo.commit(clone.path, 'x'))).message).toMatch(/detached/);
    expect((await refusal(repo.pull(clone.path))).message).toMatch(/detached/);
    expect((await refusal(repo.push(clone.path))).message).toMatch(/detached/);
    await repo.createBranch(clone.path, 'rescued');
    await repo.commit(clone.path, 'on a branch now');
    expect((await repo.status(clone.path)).head).toMatchObject({ kind: 'branch', name: 'rescued' });
  });

  it('a merge under way: conflicts are reported, commit/pull/switch refused with the way out', async () => {
    divergeOnT0155_007(clone.path);
    gitMayFail(clone.path, 'merge', '-q', 'other');
    const status = await repo.status(clone.path);
    expect(status.operation).toBe('merge');
    expect(status.files).toEqual([expect.objectContaining({ path: T0155_007, conflicted: true })]);
    expect(await repo.check(clone.path, 'staged')).toEqual([expect.objectContaining({ file: T0155_007, rule: 'unmerged' })]);
    expect((await refusal(repo.commit(clone.path, 'x'))).message).toMatch(/merge is under way.*git merge --abort/s);
    expect((await refusal(repo.pull(clone.path))).message).toMatch(/merge is under way/);
    expect((await refusal(repo.switchBranch(clone.path, 'other'))).message).toMatch(/merge is under way/);
  });

  it('a rebase under way: reported, commit refused', async () => {
    divergeOnT0155_007(clone.path);
    gitMayFail(clone.path, 'rebase', '-q', 'other');
    expect((await repo.status(clone.path)).operation).toBe('rebase');
    expect((await refusal(repo.commit(clone.path, 'x'))).message).toMatch(/rebase is under way.*git rebase --abort/s);
    expect((await refusal(repo.undoLastCommit(clone.path))).message).toMatch(/rebase is under way/);
  });

  it('an unborn branch: opens, reports it, checks every file as new, commits a new incident as the first commit', async () => {
    const fresh = tempDir('disarm-unborn-');
    try {
      const path = join(fresh.path, 'checkout');
      mkdirSync(join(path, 'generated_pages', 'techniques'), { recursive: true });
      mkdirSync(join(path, 'generated_pages', 'incidents'), { recursive: true });
      git(fresh.path, 'init', '-q', '-b', 'main', path);
      git(path, 'config', 'user.name', 'Analyst');
      git(path, 'config', 'user.email', 'analyst@example.org');
      writeFileSync(join(path, T0155_007), readFileSync(join(DISARM_DIR, T0155_007)));
      const incident = readFileSync(join(DISARM_DIR, 'generated_pages/incidents/I00068.md'), 'utf8');
      writeFileSync(join(path, 'generated_pages/incidents/I00068.md'), incident);

      expect((await repo.open(path)).head).toEqual({ kind: 'unborn', name: 'main' });
      expect((await repo.status(path)).head.kind).toBe('unborn');
      expect(await repo.aheadBehind(path)).toEqual({ kind: 'unborn', branch: 'main' });
      expect((await repo.branches(path)).map((b) => b.name)).toEqual(['main']);
      const violations = await repo.check(path);
      expect(violations).toEqual([expect.objectContaining({ file: T0155_007, rule: 'file-added' })]);
      // The staged check, against the empty tree: only what is staged.
      await repo.stage(path, [T0155_007]);
      expect(await repo.check(path, 'staged')).toEqual([expect.objectContaining({ file: T0155_007, rule: 'file-added' })]);
      await repo.unstage(path, [T0155_007]);

      await repo.stage(path, ['generated_pages/incidents/I00068.md']);
      const first = await repo.commit(path, 'First incident');
      expect(git(path, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
      expect(first.commit).toBe(git(path, 'rev-parse', 'HEAD').trim());
      expect((await refusal(repo.undoLastCommit(path))).message).toMatch(/first commit/);
    } finally {
      fresh.dispose();
    }
  });

  it('core.autocrlf=true: CRLF work-tree files compare as git commits them; lines and repair are right', async () => {
    git(clone.path, 'config', 'core.autocrlf', 'true');
    rmSync(join(clone.path, T0155_007));
    git(clone.path, 'checkout', '--', T0155_007);
    try {
      const crlf = readFileSync(join(clone.path, T0155_007), 'utf8');
      expect(crlf).toContain('\r\n');
      expect(await repo.check(clone.path)).toEqual([]);
      appendNotes(clone.path, T0155_007, '\r\nA CRLF note.\r\n');
      expect(await repo.check(clone.path)).toEqual([]);
      await repo.stage(clone.path, [T0155_007]);
      await repo.commit(clone.path, 'crlf notes');
      expect(git(clone.path, 'show', `HEAD:${T0155_007}`)).not.toContain('\r');

      changeCharOnLine(clone.path, T0155_007, 3);
      expect(await repo.check(clone.path)).toEqual([expect.objectContaining({ file: T0155_007, line: 3, rule: 'generated-changed' })]);
      await repo.repair(clone.path, T0155_007);
      expect(readFileSync(join(clone.path, T0155_007), 'utf8')).toBe(crlf + '\r\nA CRLF note.\r\n');
      expect(await repo.check(clone.path)).toEqual([]);
    } finally {
      // Back to LF on disk for the next tests (reset --hard keeps a file whose stat git trusts).
      git(clone.path, 'config', '--unset', 'core.autocrlf');
      git(clone.path, 'reset', '-q', '--hard', 'origin/main');
      rmSync(join(clone.path, T0155_007));
      git(clone.path, 'checkout', '--', T0155_007);
    }
  });

  it('non-UTF-8 bytes: allowed below the line, refused above it at the right line, shown as bytes', async () => {
    const file = join(clone.path, T0155_007);
    const original = readFileSync(file);
    writeFileSync(file, Buffer.concat([original, Buffer.from([0x0a, 0xff, 0xfe, 0x41, 0xe9])]));
    expect(await repo.check(clone.path)).toEqual([]);
    expect((await repo.fileDiff(clone.path, T0155_007)).encoding).toBe('bytes');
    await repo.stage(clone.path, [T0155_007]);
    await repo.commit(clone.path, 'latin-1 bytes in notes');

    const bytes = readFileSync(file);
    const lineStart = bytes.indexOf('\n', bytes.indexOf('\n') + 1) + 1; // line 3
    bytes[lineStart] = 0xe9;
    writeFileSync(file, bytes);
    expect(await repo.check(clone.path)).toEqual([expect.objectContaining({ line: 3, rule: 'generated-changed' })]);
    await repo.repair(clone.path, T0155_007);
    expect(readFileSync(file).equals(Buffer.concat([original, Buffer.from([0x0a, 0xff, 0xfe, 0x41, 0xe9])]))).toBe(true);
  });

  it('a page with the line twice: only the first counts', async () => {
    appendNotes(clone.path, T0155_007, `\nold notes\n${EDIT_LINE}\nmore notes`);
    git(clone.path, 'commit', '-qam', 'line twice');
    const text = readFileSync(join(clone.path, T0155_007), 'utf8');
    writeFileSync(join(clone.path, T0155_007), text.replace('old notes', 'edited notes').replace('more notes', 'edited more'));
    expect(await repo.check(clone.path)).toEqual([]);
    changeCharOnLine(clone.path, T0155_007, 1);
    expect(await repo.check(clone.path)).toEqual([expect.objectContaining({ line: 1, rule: 'generated-changed' })]);
  });

  it('a 5 MB page: checked, diffed and repaired', async () => {
    const big = '\n' + 'An analyst note that goes on and on. '.repeat(140_000);
    appendNotes(clone.path, T0155_007, big);
    git(clone.path, 'commit', '-qam', 'a very long page');
    expect(readFileSync(join(clone.path, T0155_007)).length).toBeGreaterThan(5_000_000);
    appendNotes(clone.path, T0155_007, '\nthe last word');
    expect(await repo.check(clone.path)).toEqual([]);
    const diff = await repo.fileDiff(clone.path, T0155_007);
    expect(diff.diff).toContain('+the last word');
    expect(diff.newText?.length).toBeGreaterThan(5_000_000);
    changeCharOnLine(clone.path, T0155_007, 3);
    expect(await repo.check(clone.path)).toEqual([expect.objectContaining({ line: 3, rule: 'generated-changed' })]);
    await repo.repair(clone.path, T0155_007);
    expect(await repo.check(clone.path)).toEqual([]);
    expect(readFileSync(join(clone.path, T0155_007), 'utf8').endsWith('\nthe last word')).toBe(true);
  });
});

describe('the commit author', () => {
  it('is refused clearly when neither git nor the settings have one, and taken from the settings otherwise', async () => {
    const home = tempDir('disarm-home-');
    const anonymous = cloneHistory({ author: false });
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: home.path, GIT_CONFIG_GLOBAL: join(home.path, 'gitconfig'), GIT_CONFIG_NOSYSTEM: '1' };
      for (const key of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL']) delete env[key];
      const isolated = new RepositoryService({ baseEnv: env });
      appendNotes(anonymous.path, T0155_007, '\nnote');
      await isolated.stage(anonymous.path, [T0155_007]);
      const error = await refusal(isolated.commit(anonymous.path, 'no author'));
      expect(error.code).toBe('bad-request');
      expect(error.message).toMatch(/No author is set.*Settings/s);
      const result = await isolated.commit(anonymous.path, 'with the settings\' author', { fallbackAuthor: { name: 'Ana Lyst', email: 'ana@example.org' } });
      expect(result.author).toEqual({ name: 'Ana Lyst', email: 'ana@example.org' });
      expect(git(anonymous.path, 'log', '-1', '--format=%an <%ae> / %cn <%ce>').trim()).toBe('Ana Lyst <ana@example.org> / Ana Lyst <ana@example.org>');
    } finally {
      anonymous.dispose();
      home.dispose();
    }
  });
});

describe('the source never destroys work', () => {
  it('has no reset --hard, no forced checkout or switch, no clean, no stash', () => {
    const dir = join(PROJECT_ROOT, 'electron', 'git');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files).toEqual(expect.arrayContaining(['undo-commit.ts', 'pull.ts', 'core/runner.ts']));
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(source, file).not.toMatch(/'--hard'|'--force'|'-f'|'--discard-changes'|'clean'|'stash'|'--autostash'/);
    }
  });
});

describe('a git process that never ends (issue 11, item 6)', () => {
  /** A program that waits (in the background, as a hook's child would), its pid recorded so the test can end it. */
  function waiter(name: string): { path: string; kill: () => void; started: () => boolean } {
    const dir = tempDir('disarm-hang-');
    const pidFile = join(dir.path, 'pid');
    const path = join(dir.path, name);
    writeFileSync(path, `#!/bin/sh\nsleep 1000 &\necho $! > '${pidFile}'\nwait\n`);
    chmodSync(path, 0o755);
    return {
      path,
      started: () => existsSync(pidFile),
      kill: () => {
        try {
          if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGKILL');
        } catch {
          // already gone
        }
        dir.dispose();
      },
    };
  }

  /** Waits until `condition` holds (a process has started). */
  async function until(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(condition()).toBe(true);
  }

  it('stops a commit whose pre-commit hook waits, says what hung; the queue works again and the index is as it was', async () => {
    const hang = waiter('pre-commit');
    const hook = join(clone.path, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, readFileSync(hang.path));
    chmodSync(hook, 0o755);
    const quick = new RepositoryService({ timeLimits: { commit: 1_500 } });
    try {
      appendNotes(clone.path, T0155_007, '\nnote');
      await quick.stage(clone.path, [T0155_007]);
      const head = git(clone.path, 'rev-parse', 'HEAD');
      const staged = git(clone.path, 'diff', '--cached');
      const started = Date.now();
      const error = await refusal(quick.commit(clone.path, 'note'));
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(error.code).toBe('timeout');
      expect(error.message).toMatch(/git commit did not finish within 1\.5 s: a hook .* or a signing program .* may be waiting for input/);
      expect(error.message).toContain('Nothing was committed: your changes are still staged.');
      // The checkout's queue runs the next operation, and the index is untouched.
      expect((await quick.status(clone.path)).files).toEqual([expect.objectContaining({ path: T0155_007, staged: 'modified' })]);
      expect(git(clone.path, 'diff', '--cached')).toBe(staged);
      expect(git(clone.path, 'rev-parse', 'HEAD')).toBe(head);
      expect(existsSync(join(clone.path, '.git', 'index.lock'))).toBe(false);
      rmSync(hook);
      expect((await quick.commit(clone.path, 'note')).commit).toMatch(/^[0-9a-f]{40}$/);
    } finally {
      rmSync(hook, { force: true });
      hang.kill();
    }
  }, 30_000);

  it("stops a commit whose signing program (the analyst's global gpg.program) waits", async () => {
    const hang = waiter('gpg');
    const home = tempDir('disarm-home-');
    const globalConfig = join(home.path, 'gitconfig');
    writeFileSync(globalConfig, `[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = ${hang.path}\n`);
    const quick = new RepositoryService({ baseEnv: { ...process.env, GIT_CONFIG_GLOBAL: globalConfig }, timeLimits: { commit: 1_500 } });
    try {
      appendNotes(clone.path, T0155_007, '\nnote');
      await quick.stage(clone.path, [T0155_007]);
      const staged = git(clone.path, 'diff', '--cached');
      const error = await refusal(quick.commit(clone.path, 'note'));
      expect(error.code).toBe('timeout');
      expect(error.message).toMatch(/git commit did not finish within 1\.5 s: .*signing program/);
      expect(hang.started()).toBe(true);
      expect((await quick.status(clone.path)).files).toHaveLength(1);
      expect(git(clone.path, 'diff', '--cached')).toBe(staged);
      expect(existsSync(join(clone.path, '.git', 'index.lock'))).toBe(false);
    } finally {
      hang.kill();
      home.dispose();
    }
  }, 30_000);

  it("removes after a stopped call only the index.lock that call made, never one that was there before", () => {
    const lock = join(clone.path, '.git', 'index.lock');
    const before = indexLockWatch(clone.path);
    writeFileSync(lock, '');
    before.removeIfMadeSince();
    expect(existsSync(lock)).toBe(false);

    writeFileSync(lock, '');
    const after = indexLockWatch(clone.path);
    after.removeIfMadeSince();
    expect(existsSync(lock)).toBe(true);
    expect(after.madeSince()).toBe(false);
    rmSync(lock); // the test's own
    // A call with its own index watches that index's lock.
    expect(indexLockWatch(clone.path, join(clone.root, 'scratch-index')).path).toBe(join(clone.root, 'scratch-index.lock'));
  });

  it('cancels a fetch and a clone that wait on the remote (repo.cancel); the checkout works again, the clone leaves no folder', async () => {
    const hangs = [waiter('ssh'), waiter('ssh')] as const;
    const remote = (hang: (typeof hangs)[number]) => new RepositoryService({ baseEnv: { ...process.env, GIT_SSH_COMMAND: hang.path, GIT_SSH_VARIANT: 'simple' } });
    git(clone.path, 'remote', 'add', 'stuck', 'ssh://example.invalid/DISARMframeworks.git');
    const destination = join(clone.root, 'stuck-clone');
    try {
      const fetcher = remote(hangs[0]);
      const fetching = refusal(fetcher.fetch(clone.path, 'stuck'));
      await until(hangs[0].started);
      expect(fetcher.cancel()).toEqual({ cancelled: 1 });
      const error = await fetching;
      expect(error.code).toBe('cancelled');
      expect(error.message).toContain('git fetch was cancelled');
      expect((await fetcher.status(clone.path)).head.kind).toBe('branch');

      const cloner = remote(hangs[1]);
      const cloning = refusal(cloner.clone('ssh://example.invalid/DISARMframeworks.git', destination));
      await until(hangs[1].started);
      expect(cloner.cancel()).toEqual({ cancelled: 1 });
      expect((await cloning).code).toBe('cancelled');
      expect(existsSync(destination)).toBe(false);
      expect(cloner.cancel()).toEqual({ cancelled: 0 });
    } finally {
      git(clone.path, 'remote', 'remove', 'stuck');
      for (const hang of hangs) hang.kill();
    }
  }, 30_000);
});
