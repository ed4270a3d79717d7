/**
 * The direct plumbing runner (electron/git/core/plumbing.ts) and the object reader on top of it:
 * only read-only verbs with the workbench's own constant arguments ever run (anything else is
 * refused before a process starts); requests from elsewhere travel on standard input; one
 * `cat-file --batch` reads blobs and trees, spooled or piped alike, and says nothing about names
 * that name nothing.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertConstantArguments, runPlumbing } from '../../electron/git/core/plumbing';
import { readObjects, treeEntries } from '../../electron/git/core/trees';
import { cloneHistory, git, type HistoryClone } from '../helpers/fixtures';
import { T0155_007, payloadMarker } from './helpers';

let clone: HistoryClone;
const marker = payloadMarker();

beforeAll(() => {
  clone = cloneHistory();
});
afterAll(() => {
  clone.dispose();
  marker.dispose();
});

describe('git plumbing with constant arguments', () => {
  it('accepts the workbench\'s own read-only calls', () => {
    const oid = 'a'.repeat(40);
    for (const args of [
      ['status', '--porcelain=v2', '-z', '--branch', '--no-ahead-behind', '--no-renames', '--untracked-files=no', '--ignore-submodules=dirty', '--', 'generated_pages', 'generated_files'],
      ['ls-files', '-z', '--others', '--exclude-standard', '--', 'generated_pages', 'generated_files'],
      ['diff-index', '--cached', '--ita-invisible-in-index', '-r', '-z', '--raw', '--no-abbrev', '-M', '--no-ext-diff', '--no-textconv', oid],
      ['diff-tree', '-r', '-z', '--raw', '--no-abbrev', '-M', '--no-ext-diff', '--no-textconv', oid, 'b'.repeat(64)],
      ['cat-file', '--batch', '--buffer'],
      ['check-attr', '-z', '--stdin', 'filter', 'ident', 'working-tree-encoding'],
      ['config', '--list', '--includes', '--show-scope', '--show-origin', '-z'],
      ['rev-parse', '--show-toplevel', '--absolute-git-dir', '--show-object-format', 'HEAD', '--symbolic-full-name', 'HEAD', '--'],
      ['show-ref', '--head'],
    ]) {
      expect(() => assertConstantArguments(args)).not.toThrow();
    }
  });

  it('refuses writers, unknown flags, options with values, user values and paths, before anything runs', async () => {
    for (const args of [
      [],
      ['add', '-A'],
      ['commit', '--cleanup=whitespace'],
      ['diff-index', '--output=/tmp/pwn', 'HEAD'],
      ['config', '--get', 'user.name'],
      ['config', '--file=/etc/passwd', '--list'],
      ['rev-parse', 'main'],
      ['rev-parse', `--upload-pack=touch ${marker.path}`],
      ['status', '--', T0155_007],
      ['cat-file', '--batch', '-c', 'core.pager=touch'],
      ['show-ref', 'a'.repeat(39)],
    ]) {
      expect(() => assertConstantArguments(args), JSON.stringify(args)).toThrow(/constant arguments/);
    }
    await expect(runPlumbing(clone.path, ['diff-index', `--output=${marker.path}`, 'HEAD'])).rejects.toThrow(/constant arguments/);
    expect(marker.ran()).toBe(false);
  });
});

describe('reading objects through one cat-file --batch', () => {
  it('reads blobs by id and by HEAD:path, trees with their entries, and leaves out names that name nothing', async () => {
    const blob = git(clone.path, 'rev-parse', `HEAD:${T0155_007}`).trim();
    const objects = await readObjects(clone.path, [blob, `HEAD:${T0155_007}`, 'HEAD:generated_pages/techniques', 'HEAD:generated_pages/no-such-file.md', 'f'.repeat(40)]);
    expect(objects.get(blob)?.bytes.toString('utf8')).toBe(git(clone.path, 'show', `HEAD:${T0155_007}`));
    expect(objects.get(`HEAD:${T0155_007}`)).toMatchObject({ oid: blob, type: 'blob' });
    expect(objects.has('HEAD:generated_pages/no-such-file.md')).toBe(false);
    expect(objects.has('f'.repeat(40))).toBe(false);
    const tree = objects.get('HEAD:generated_pages/techniques');
    expect(tree?.type).toBe('tree');
    const listed = execFileSync('git', ['ls-tree', 'HEAD:generated_pages/techniques'], { cwd: clone.path, encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => {
        const [info = '', name = ''] = line.split('\t');
        const [mode = '', , oid = ''] = info.split(' ');
        return { mode: mode.replace(/^0+/, ''), name, oid };
      });
    expect(treeEntries(tree?.bytes ?? Buffer.alloc(0), tree?.oid ?? '')).toEqual(listed);
  });

  it('reads many blobs spooled through a file the same as a few piped', async () => {
    const oids = git(clone.path, 'ls-tree', '-r', '--format=%(objectname)', 'HEAD', '--', 'generated_pages/techniques').trim().split('\n').slice(0, 120);
    const many = await readObjects(clone.path, oids);
    expect(many.size).toBe(new Set(oids).size);
    for (const oid of oids.slice(0, 5)) {
      const few = await readObjects(clone.path, [oid]);
      expect(many.get(oid)?.bytes.equals(few.get(oid)?.bytes ?? Buffer.alloc(1))).toBe(true);
    }
  });

  it('refuses an object name with a line break (each name is one line of the request)', async () => {
    await expect(readObjects(clone.path, [`HEAD:${T0155_007}\nHEAD:README.md`])).rejects.toThrow(/line break/);
  });
});
