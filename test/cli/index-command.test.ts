/** `disarm-workbench index` (and `--version`) as a user runs it: the built CLI in a child process. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, cloneHistory, tempDir, type HistoryClone } from '../helpers/fixtures';

const BIN = join(PROJECT_ROOT, 'bin', 'disarm-workbench.js');
let clone: HistoryClone;

beforeAll(() => {
  execFileSync('node', ['scripts/build-node.mjs'], { cwd: PROJECT_ROOT });
  clone = cloneHistory();
});
afterAll(() => clone?.dispose());

function run(...args: string[]) {
  return spawnSync('node', [BIN, ...args], { encoding: 'utf8' });
}

describe('disarm-workbench index', () => {
  it('prints the counts of a clone of the history bundle and exits 0', () => {
    const result = run('index', '--repo', clone.path);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/techniques\s+391/);
    expect(result.stdout).toMatch(/incidents\s+130/);
    expect(result.stdout).toMatch(/total\s+772 pages parsed/);
    expect(result.stdout).toContain('Every page parsed.');
  });

  it('gives the same as JSON', () => {
    const result = run('index', '--repo', clone.path, '--json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { counts: Record<string, number>; pages: number; failures: unknown[] };
    expect(report.counts).toMatchObject({ technique: 391, incident: 130, tactic: 18 });
    expect(report.pages).toBe(772);
    expect(report.failures).toEqual([]);
  });

  it('exits 2 with a clear message for an empty folder, and writes nothing', () => {
    const empty = tempDir();
    try {
      const result = run('index', '--repo', empty.path);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/not a DISARM framework checkout: it has no generated_pages\/ folder/);
      expect(execFileSync('ls', ['-A', empty.path], { encoding: 'utf8' })).toBe('');
    } finally {
      empty.dispose();
    }
  });

  it('exits 2 on bad usage', () => {
    expect(run('index').status).toBe(2);
    expect(run('index', '--repo', clone.path, '--bogus').status).toBe(2);
    const extra = run('index', '--repo', clone.path, 'extra');
    expect(extra.status).toBe(2);
    expect(extra.stderr).toContain("'extra'");
    expect(run('nonsense').status).toBe(2);
  });

  it('lists a page that fails to parse, with the reason, and exits 1', () => {
    const broken = tempDir();
    try {
      const dir = join(broken.path, 'generated_pages', 'techniques');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'T0001.md'), 'no title here\n\nDO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW');
      writeFileSync(join(dir, 'T0002.md'), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]));
      const result = run('index', '--repo', broken.path);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/generated_pages\/techniques\/T0001\.md: the page does not start with a title line/);
      expect(result.stdout).toMatch(/generated_pages\/techniques\/T0002\.md: is not valid UTF-8/);
    } finally {
      broken.dispose();
    }
  });
});

describe('disarm-workbench --version', () => {
  it('prints the version of package.json when the bin is run directly (no npm environment)', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));
    const result = spawnSync('node', [BIN, '--version'], { encoding: 'utf8', env });
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`disarm-workbench ${version}\n`);
  });
});
