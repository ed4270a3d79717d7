/**
 * Command injection through every field a user fills, and a checkout prepared by an attacker.
 * The payloads are those of the simple-git advisories; each writes a marker file if it ever runs.
 * Three walls are shown: the workbench's validation, simple-git's unsafe-action protection (when
 * validation is bypassed), and the pinned environment (allowed transports, no hooks, no fsmonitor).
 */
import { existsSync, mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GitFailure } from '../../electron/git/core/errors';
import { runGit } from '../../electron/git/core/runner';
import { RepositoryService } from '../../electron/git/repository-service';
import { findRetiredTechniques } from '../../electron/drafts/retired-techniques';
import { collectUsedIds } from '../../electron/drafts/used-ids';
import { addBareRemote, cloneHistory, git, HISTORY_BUNDLE, type HistoryClone } from '../helpers/fixtures';
import { refusal } from '../helpers/refusal';
import { T0155_007, appendNotes, payloadMarker } from './helpers';

const marker = payloadMarker();
const repo = new RepositoryService();
let clone: HistoryClone;

/** Every payload of the advisories, aimed at this run's marker and at /tmp/pwn itself. */
function payloads(): string[] {
  const targets = [marker.path, '/tmp/pwn'];
  return targets.flatMap((target) => [
    `--upload-pack=touch ${target}`,
    `-u touch ${target}`,
    `-utouch ${target}`,
    `--receive-pack=touch ${target}`,
    `--exec=touch ${target}`,
    '-c protocol.ext.allow=always',
    `-c core.sshCommand=touch ${target}`,
    `--config=core.hooksPath=${target}`,
    `ext::sh -c touch% ${target}`,
    `--template=${target}`,
  ]);
}

beforeAll(() => {
  clone = cloneHistory();
  addBareRemote(clone);
});
afterAll(() => {
  clone.dispose();
  marker.dispose();
});
beforeEach(() => {
  expect(marker.ran()).toBe(false);
});

describe('payloads in user fields', () => {
  it('refuses every payload as a branch name (create and switch)', async () => {
    for (const payload of payloads()) {
      expect((await refusal(repo.createBranch(clone.path, payload))).code).toBe('bad-request');
      expect((await refusal(repo.switchBranch(clone.path, payload))).code).toBe('bad-request');
    }
    expect(git(clone.path, 'branch', '--list').trim()).toBe('* main');
    expect(marker.ran()).toBe(false);
  });

  it('refuses every payload as a remote name (fetch, push)', async () => {
    for (const payload of payloads()) {
      expect((await refusal(repo.fetch(clone.path, payload))).code).toBe('bad-request');
      expect((await refusal(repo.push(clone.path, payload))).code).toBe('bad-request');
    }
    expect(marker.ran()).toBe(false);
  });

  it('refuses every payload as a clone source, and leaves no folder behind', async () => {
    for (const [i, payload] of payloads().entries()) {
      const destination = join(marker.dir, `clone-${i}`);
      const error = await refusal(repo.clone(payload, destination));
      expect(error.message).toContain('clone source');
      expect(existsSync(destination)).toBe(false);
    }
    expect(marker.ran()).toBe(false);
  });

  it('refuses every payload as a path (stage, unstage, diff, repair); one that is a plain relative name is only a missing file', async () => {
    let plain = 0;
    for (const payload of [...payloads(), 'generated_pages/-u touch x', '-', '--', '../outside', '.git/config', '.GIT/hooks/pre-commit']) {
      const reading = [() => repo.stage(clone.path, [payload]), () => repo.fileDiff(clone.path, payload), () => repo.repair(clone.path, payload)];
      if (/^(-|\.\.|\.git\/)|\/-/i.test(payload)) {
        for (const call of [...reading, () => repo.unstage(clone.path, [payload])]) expect((await refusal(call())).code, payload).toMatch(/bad-request|forbidden/);
      } else {
        plain++;
        for (const call of reading) expect((await refusal(call())).code, payload).toBe('not-found');
        await repo.unstage(clone.path, [payload]); // nothing staged under that name: nothing to do
      }
    }
    expect(plain).toBeGreaterThan(0);
    expect(git(clone.path, 'status', '--porcelain')).toBe('');
    expect(marker.ran()).toBe(false);
  });

  it('commits every payload as a plain commit message, never as an option (`--amend` makes a new commit)', async () => {
    for (const message of ['--amend', ...payloads()]) {
      const before = git(clone.path, 'rev-parse', 'HEAD').trim();
      appendNotes(clone.path, T0155_007, `\n${message}`);
      await repo.stage(clone.path, [T0155_007]);
      await repo.commit(clone.path, message);
      expect(git(clone.path, 'rev-parse', 'HEAD~1').trim()).toBe(before);
      expect(git(clone.path, 'log', '-1', '--format=%B').trim()).toBe(message);
    }
    expect(git(clone.path, 'cat-file', '-t', 'origin/main').trim()).toBe('commit');
    expect(marker.ran()).toBe(false);
  });

  it('handles files whose names start with `-` as files: listed, checked, never read as options', async () => {
    const dir = join(clone.path, 'generated_pages');
    for (const name of ['--upload-pack=touch pwn', '-u touch pwn']) writeFileSync(join(dir, name), 'x');
    const status = await repo.status(clone.path);
    expect(status.files.filter((f) => f.untracked).map((f) => f.path)).toEqual(expect.arrayContaining(['generated_pages/--upload-pack=touch pwn', 'generated_pages/-u touch pwn']));
    const violations = await repo.check(clone.path);
    expect(violations.filter((v) => v.rule === 'file-added')).toHaveLength(2);
    // Read as an option, a name would have run `touch pwn` in the checkout: nothing else is new there.
    expect(git(clone.path, 'ls-files', '-z', '--others').split('\0').filter((path) => path !== '').sort()).toEqual(['generated_pages/--upload-pack=touch pwn', 'generated_pages/-u touch pwn']);
    git(clone.path, 'clean', '-fdq');
    expect(marker.ran()).toBe(false);
  });
});

describe('simple-git protection behind the validation', () => {
  it('blocks the advisory arguments even when a caller skips validation', async () => {
    const attempts: string[][] = [
      ['fetch', `--upload-pack=touch ${marker.path}`, 'origin'],
      ['clone', '-u', `touch ${marker.path}`, HISTORY_BUNDLE, join(marker.dir, 'x')],
      ['push', `--receive-pack=touch ${marker.path}`, 'origin', 'main'],
      ['push', `--exec=touch ${marker.path}`, 'origin', 'main'],
      ['-c', 'protocol.ext.allow=always', 'fetch', 'origin'],
      ['-c', `core.sshCommand=touch ${marker.path}`, 'fetch', 'origin'],
    ];
    for (const args of attempts) {
      const error = await runGit(clone.path, args).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(GitFailure);
      expect((error as GitFailure).kind).toBe('unsafe-argument');
    }
    expect(marker.ran()).toBe(false);
  });
});

describe('a poisoned checkout', () => {
  let poisoned: HistoryClone;
  beforeEach(() => {
    poisoned = cloneHistory();
    addBareRemote(poisoned);
  });
  afterEach(() => poisoned.dispose());

  it('runs nothing on fetch and pull with an ext:: remote allowed by protocol.ext.allow=always', async () => {
    git(poisoned.path, 'config', 'remote.origin.url', `ext::sh -c touch% ${marker.path}`);
    git(poisoned.path, 'config', 'protocol.ext.allow', 'always');
    for (const call of [() => repo.fetch(poisoned.path), () => repo.pull(poisoned.path), () => repo.pull(poisoned.path, { rebase: true }), () => repo.push(poisoned.path)]) {
      const error = await refusal(call());
      expect(error.code).toBe('forbidden');
      expect(error.message).toContain('protocol.ext.allow');
    }
    // The checkout still opens (reading is safe), with the refusal of fetch, pull and push said up front.
    expect((await repo.open(poisoned.path)).warnings).toEqual([expect.stringMatching(/Fetch, pull and push are refused.*remote\.origin\.url/s)]);
    expect((await repo.status(poisoned.path)).head.kind).toBe('branch');
    // Beneath the check of the settings: git itself is told which transports exist.
    const direct = await runGit(poisoned.path, ['fetch', 'origin']).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(direct).toBeInstanceOf(GitFailure);
    expect((direct as GitFailure).kind).toBe('protocol-blocked');
    expect(marker.ran()).toBe(false);
  });

  it('runs neither an upload-pack command, an ssh command, a credential helper nor a filter from .git/config', async () => {
    for (const [key, value] of [
      ['remote.origin.uploadpack', `touch ${marker.path}; git-upload-pack`],
      ['core.sshCommand', `touch ${marker.path}`],
      ['credential.helper', `!touch ${marker.path}`],
      ['filter.pwn.smudge', `touch ${marker.path}`],
      ['url.ext::sh -c touch% /tmp/pwn #.insteadOf', 'https://'],
    ] as const) {
      git(poisoned.path, 'config', key, value);
      const error = await refusal(repo.fetch(poisoned.path));
      expect(error.message).toContain(key.toLowerCase());
      await refusal(repo.pull(poisoned.path));
      // A filter would run on every file git reads: even the status is refused. The others only on the network.
      if (key.startsWith('filter.')) await refusal(repo.status(poisoned.path));
      else expect((await repo.status(poisoned.path)).head.kind).toBe('branch');
      git(poisoned.path, 'config', '--unset-all', key);
    }
    expect(marker.ran()).toBe(false);
  });

  it("runs no textconv program of the checkout when reading the history (used ids, retired techniques)", async () => {
    writeFileSync(join(poisoned.path, '.git', 'info', 'attributes'), '*.md diff=pwn\n');
    git(poisoned.path, 'config', 'diff.pwn.textconv', `sh -c 'touch ${marker.path}; cat "$0"'`);
    await collectUsedIds(poisoned.path);
    await findRetiredTechniques(poisoned.path, new Set());
    expect(marker.ran()).toBe(false);
  });

  it('pins fsmonitor off and runs no hooks on fetch, pull, switch or push (the checkout keeps working)', async () => {
    git(poisoned.path, 'config', 'core.fsmonitor', `touch ${marker.path}`);
    const hooks = join(poisoned.path, '.git', 'hooks');
    mkdirSync(hooks, { recursive: true });
    for (const hook of ['reference-transaction', 'post-merge', 'post-checkout', 'pre-push', 'post-rewrite']) {
      writeFileSync(join(hooks, hook), `#!/bin/sh\ntouch '${marker.path}'\n`);
      chmodSync(join(hooks, hook), 0o755);
    }
    // Someone else pushes, so the pull has something to bring.
    const other = join(poisoned.root, 'other');
    git(poisoned.root, 'clone', '-q', join(poisoned.root, 'remote.git'), other);
    appendNotes(other, T0155_007, '\nfrom a colleague');
    git(other, '-c', 'user.name=C', '-c', 'user.email=c@example.org', 'commit', '-qam', 'colleague');
    git(other, 'push', '-q', 'origin', 'main');

    await repo.status(poisoned.path);
    await repo.check(poisoned.path);
    await repo.fetch(poisoned.path);
    expect((await repo.pull(poisoned.path)).kind).toBe('fast-forwarded');
    await repo.createBranch(poisoned.path, 'analyst');
    await repo.switchBranch(poisoned.path, 'main');
    appendNotes(poisoned.path, T0155_007, '\nmine');
    await repo.stage(poisoned.path, [T0155_007]);
    expect((await repo.push(poisoned.path)).kind).toBe('pushed');
    expect(marker.ran()).toBe(false);
  });
});
