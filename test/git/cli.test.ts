/**
 * The CLI as a real process (the bundle `npm run build` makes, built here by its own script):
 * `check` in its three modes and exit codes, `install-hook` with a plain `git commit` from a
 * shell, and `check --range` over the bundle's whole history.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, git, historyCommits } from '../helpers/fixtures';
import { T0155_007, appendNotes, changeCharOnLine, cloneForFile, resetToOrigin } from './helpers';

const BIN = join(PROJECT_ROOT, 'bin', 'disarm-workbench.js');

/** Runs the installed command the way a shell or CI would. */
function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A plain `git commit` from a shell (hooks run); returns its exit status and output. */
function shellCommit(cwd: string, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync('git', ['commit', '-q', ...args], { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  return { status: result.status, output: result.stdout + result.stderr };
}

beforeAll(() => {
  // The same script as `npm run build`, so the bundle tested is the one shipped (esbuild alone: quick).
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: PROJECT_ROOT, stdio: 'pipe' });
});
const clone = cloneForFile();
beforeEach(() => {
  resetToOrigin(clone.path);
  for (const hook of ['pre-commit', 'pre-commit.before-disarm-workbench']) {
    const file = join(clone.path, '.git', 'hooks', hook);
    rmSync(file, { force: true });
  }
});

describe('disarm-workbench check', () => {
  it('exits 0 for a clean tree and for notes below the line', () => {
    expect(cli(clone.path, 'check', '--repo', '.').status).toBe(0);
    appendNotes(clone.path, T0155_007, '\n\nNotes.\n');
    const result = cli(clone.path, 'check', '--repo', clone.path, '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, mode: 'worktree', violations: [], warnings: [] });
  });

  it('exits 1 naming the file and the line for one character changed above the line', () => {
    changeCharOnLine(clone.path, T0155_007, 3);
    const result = cli(clone.path, 'check', '--repo', '.');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^${T0155_007.replace(/\./g, '\\.')}:3: generated-changed: `, 'm'));
    const json = cli(clone.path, 'check', '--repo', '.', '--json');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).violations).toEqual([expect.objectContaining({ file: T0155_007, line: 3, rule: 'generated-changed' })]);
  });

  it('checks only what is staged with --staged', () => {
    appendNotes(clone.path, T0155_007, '\nstaged notes');
    git(clone.path, 'add', T0155_007);
    changeCharOnLine(clone.path, T0155_007, 1); // not staged
    expect(cli(clone.path, 'check', '--repo', '.', '--staged').status).toBe(0);
    expect(cli(clone.path, 'check', '--repo', '.').status).toBe(1);
  });

  it('exits 2 on bad usage and on a folder that is not a checkout', () => {
    expect(cli(clone.path, 'check').status).toBe(2);
    expect(cli(clone.path, 'check', '--repo', '.', '--staged', '--range', 'HEAD~1..HEAD').status).toBe(2);
    expect(cli(clone.path, 'check', '--repo', '.', '--frobnicate').status).toBe(2);
    const notCheckout = cli(clone.root, 'check', '--repo', clone.root);
    expect(notCheckout.status).toBe(2);
    expect(notCheckout.stderr).toContain('no .git folder');
    const badRange = cli(clone.path, 'check', '--repo', '.', '--range', '--upload-pack=touch /tmp/pwn..HEAD');
    expect(badRange.status).toBe(2);
    // That one is refused by the argument parser (a value starting with `-`); given with `=`, the
    // range reaches the revision check, which must refuse it before git sees it.
    const badRangeValue = cli(clone.path, 'check', '--repo', '.', '--range=--upload-pack=touch /tmp/pwn..HEAD');
    expect(badRangeValue.status).toBe(2);
    expect(badRangeValue.stderr).toMatch(/The range .* was refused/);
    expect(cli(clone.path, 'check', '--repo', '.', '--range', 'no-such-branch..HEAD').status).toBe(2);
  });
});

describe('disarm-workbench check on a damaged repository', () => {
  it('exits 2 with git\'s reason, not 1 (which means violations), when git fails during --range', () => {
    appendNotes(clone.path, T0155_007, '\nnotes');
    git(clone.path, 'commit', '-qam', 'notes');
    // The new commit's tree is a loose object: without it, git cannot compare the commit with its parent.
    const tree = git(clone.path, 'rev-parse', 'HEAD^{tree}').trim();
    rmSync(join(clone.path, '.git', 'objects', tree.slice(0, 2), tree.slice(2)));
    const result = cli(clone.path, 'check', '--repo', '.', '--range', 'HEAD~1..HEAD');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^check: Checking HEAD~1\.\.HEAD: .*git said/m);
  });
});

describe('disarm-workbench install-hook', () => {
  it('makes a plain git commit of an above-line change fail, and lets a below-line change commit', () => {
    const installed = cli(clone.path, 'install-hook', '--repo', '.');
    expect(installed.status).toBe(0);
    changeCharOnLine(clone.path, T0155_007, 3);
    git(clone.path, 'add', T0155_007);
    const head = git(clone.path, 'rev-parse', 'HEAD');
    const refused = shellCommit(clone.path, '-m', 'above the line');
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain(`${T0155_007}:3: generated-changed`);
    expect(git(clone.path, 'rev-parse', 'HEAD')).toBe(head);

    git(clone.path, 'checkout', 'HEAD', '--', T0155_007);
    appendNotes(clone.path, T0155_007, '\nA note below the line.\n');
    git(clone.path, 'add', T0155_007);
    expect(shellCommit(clone.path, '-m', 'below the line').status).toBe(0);
    expect(git(clone.path, 'rev-parse', 'HEAD')).not.toBe(head);
  });

  it('does not block commits of a checkout whose own config talks to its remote through a program (only fetch/push would run it)', () => {
    cli(clone.path, 'install-hook', '--repo', '.');
    git(clone.path, 'config', 'core.sshCommand', 'ssh -i ~/.ssh/deploy_key');
    try {
      appendNotes(clone.path, T0155_007, '\nnote');
      expect(shellCommit(clone.path, '-a', '-m', 'notes').status).toBe(0);
    } finally {
      git(clone.path, 'config', '--unset', 'core.sshCommand');
    }
  });

  it('checks the index git is committing with `git commit -a` (the hook gets a temporary index)', () => {
    cli(clone.path, 'install-hook', '--repo', '.');
    changeCharOnLine(clone.path, T0155_007, 5);
    expect(shellCommit(clone.path, '-a', '-m', 'everything').status).not.toBe(0);
    git(clone.path, 'checkout', 'HEAD', '--', T0155_007);
    appendNotes(clone.path, T0155_007, '\nnote');
    expect(shellCommit(clone.path, '-a', '-m', 'everything').status).toBe(0);
  });

  it('keeps an existing pre-commit hook, runs it first, and is idempotent', () => {
    const hooks = join(clone.path, '.git', 'hooks');
    const ran = join(clone.root, 'existing-hook-ran');
    const existing = `#!/bin/sh\necho ran >> '${ran}'\nexit 0\n`;
    writeFileSync(join(hooks, 'pre-commit'), existing);
    chmodSync(join(hooks, 'pre-commit'), 0o755);
    expect(cli(clone.path, 'install-hook', '--repo', '.').stdout).toContain('kept as pre-commit.before-disarm-workbench');
    const script = readFileSync(join(hooks, 'pre-commit'), 'utf8');
    const again = cli(clone.path, 'install-hook', '--repo', '.');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already installed');
    expect(readFileSync(join(hooks, 'pre-commit'), 'utf8')).toBe(script);
    expect(readFileSync(join(hooks, 'pre-commit.before-disarm-workbench'), 'utf8')).toBe(existing);

    appendNotes(clone.path, T0155_007, '\nnote');
    expect(shellCommit(clone.path, '-a', '-m', 'notes').status).toBe(0);
    expect(readFileSync(ran, 'utf8')).toBe('ran\n');

    // The chained hook still has its say: when it fails, the commit fails.
    writeFileSync(join(hooks, 'pre-commit.before-disarm-workbench'), '#!/bin/sh\necho "team lint failed" >&2\nexit 1\n');
    appendNotes(clone.path, T0155_007, '\nmore');
    const refused = shellCommit(clone.path, '-a', '-m', 'more notes');
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('team lint failed');
  });
});

describe('disarm-workbench check --range over the bundle history', () => {
  it('reports every real commit as changing generated parts, and crashes on none', () => {
    const commits = historyCommits(clone.path);
    expect(commits).toHaveLength(30);
    const all = cli(clone.path, 'check', '--repo', '.', '--range', 'main', '--json');
    expect(all.status).toBe(1);
    const report = JSON.parse(all.stdout) as { commits: { commit: string; violations: { rule: string; file: string }[] }[] };
    expect(report.commits.map((c) => c.commit)).toEqual(commits);
    for (const commit of report.commits) expect(commit.violations.length).toBeGreaterThan(0);
    const rules = new Set(report.commits.flatMap((c) => c.violations.map((v) => v.rule)));
    expect([...rules]).toEqual(expect.arrayContaining(['generated-changed', 'read-only-page', 'page-deleted', 'file-added']));
    // The last commit added the STIX bundle under generated_files/.
    expect(report.commits.at(-1)?.violations).toEqual([expect.objectContaining({ file: 'generated_files/DISARM_STIX/DISARM.json', rule: 'file-added' })]);

    const range = cli(clone.path, 'check', '--repo', '.', '--range', `${commits[0]}..main`);
    expect(range.status).toBe(1);
    expect(range.stdout).toContain('check: 29 commits in');
    expect(range.stdout).toContain('29 with changes above the edit line');
    expect(range.stdout).toMatch(/commit [0-9a-f]{12} Merge pull request #37/);
  });

  it('exits 0 for a range of commits that only add notes', () => {
    appendNotes(clone.path, T0155_007, '\nnote one');
    git(clone.path, 'commit', '-qam', 'one');
    appendNotes(clone.path, 'generated_pages/techniques/T0155.md', '\nnote two');
    git(clone.path, 'commit', '-qam', 'two');
    const result = cli(clone.path, 'check', '--repo', '.', '--range', 'origin/main..HEAD');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('2 commits');
  });
});

/**
 * Issue 11, as reproduced from a shell: `chmod +x`, `printf ' X' >>` and a NUL below the line
 * passed `check`, `check --staged` and the hook. Each is refused by all of them, and by
 * `check --range` once committed past the hook.
 */
describe('disarm-workbench check and the hook: mode, the end of the edit line, text (issue 11)', () => {
  const T0002 = 'generated_pages/techniques/T0002.md';
  const cases: readonly { name: string; rule: string; change: (checkout: string) => void }[] = [
    { name: 'chmod +x', rule: 'mode-changed', change: (checkout) => chmodSync(join(checkout, T0002), 0o755) },
    { name: "printf ' X' >>", rule: 'edit-line-extended', change: (checkout) => appendFileSync(join(checkout, T0002), ' X') },
    { name: 'a NUL below the line', rule: 'not-text', change: (checkout) => appendFileSync(join(checkout, T0002), '\n\nnote \u0000\n') },
  ];

  for (const { name, rule, change } of cases) {
    it(`refuses ${name} in check, check --staged, the hook and check --range (${rule})`, () => {
      cli(clone.path, 'install-hook', '--repo', '.');
      change(clone.path);
      const worktree = cli(clone.path, 'check', '--repo', '.', '--json');
      expect(worktree.status).toBe(1);
      expect(JSON.parse(worktree.stdout).violations).toEqual([expect.objectContaining({ file: T0002, rule })]);
      git(clone.path, 'add', '-A');
      const staged = cli(clone.path, 'check', '--repo', '.', '--staged');
      expect(staged.status).toBe(1);
      expect(staged.stdout).toMatch(new RegExp(`^${T0002.replace(/\./g, '\\.')}(:\\d+)?: ${rule}: `, 'm'));
      const head = git(clone.path, 'rev-parse', 'HEAD');
      const refused = shellCommit(clone.path, '-m', name);
      expect(refused.status).not.toBe(0);
      expect(refused.output).toContain(`: ${rule}: `);
      expect(git(clone.path, 'rev-parse', 'HEAD')).toBe(head);
      expect(shellCommit(clone.path, '--no-verify', '-m', name).status).toBe(0);
      const range = cli(clone.path, 'check', '--repo', '.', '--range', 'origin/main..HEAD', '--json');
      expect(range.status).toBe(1);
      expect(JSON.parse(range.stdout).commits[0].violations).toEqual([expect.objectContaining({ file: T0002, rule })]);
    });
  }
});
