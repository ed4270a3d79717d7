/**
 * The guard's direct reading of the work tree (git status, check-attr, files read from disk, no
 * staging) against git's own staging into a scratch index (`git add -A`, `write-tree`): on a real
 * clone, for every kind of change the work tree can hold, both give the same changes, texts, modes
 * and used ids; where git would change the bytes on the way in (CRLF, attributes) or would pair a
 * deleted and an added file as a rename, the direct reading steps aside and git stages; and the
 * direct reading writes nothing (no object, no index).
 */
import { chmodSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EDIT_LINE } from '../../shared/edit-line';
import type { CollectedChanges } from '../../electron/git/collected-changes';
import { collectChanges } from '../../electron/git/guard-changes';
import { readWorktreeDirectly, stageIntoScratchIndex } from '../../electron/git/worktree-changes';
import { DISARM_DIR, git } from '../helpers/fixtures';
import { T0155_007, appendNotes, changeCharOnLine, cloneForFile, divergeOnT0155_007, resetToOrigin } from './helpers';

const clone = cloneForFile();
const OTHER_PAGE = 'generated_pages/techniques/T0151.001.md';
const NEW_INCIDENT = 'generated_pages/incidents/I00130.md';

// The bundle has no .gitattributes: the clean of the reset removes the ones the tests write.
beforeEach(() => resetToOrigin(clone.path));

/** The changes in a comparable order and shape. */
function comparable(collected: CollectedChanges) {
  return {
    changes: [...collected.changes].sort((a, b) => a.path.localeCompare(b.path)),
    usedIds: [...collected.usedIds].sort(),
    unmerged: collected.unmerged,
  };
}

/** Both ways agree, and the direct one applied; returns what they found. */
async function bothAgree(): Promise<CollectedChanges> {
  const direct = await readWorktreeDirectly(clone.path);
  expect(direct, 'the direct reading applies to this work tree').toBeDefined();
  const staged = await stageIntoScratchIndex(clone.path);
  expect(comparable(direct as CollectedChanges)).toEqual(comparable(staged));
  return direct as CollectedChanges;
}

function newIncidentPage(): string {
  return readFileSync(join(DISARM_DIR, 'generated_pages/incidents/I00068.md'), 'utf8').replace('# Incident I00068:', '# Incident I00130:');
}

describe('the direct reading of the work tree', () => {
  it('agrees with git on notes, an index page, a deleted page and a page with non-UTF-8 bytes, and writes nothing', async () => {
    appendNotes(clone.path, T0155_007, '\n\nNotes below the line.\n');
    changeCharOnLine(clone.path, OTHER_PAGE, 1);
    writeFileSync(join(clone.path, 'generated_pages/techniques_index.md'), readFileSync(join(clone.path, 'generated_pages/techniques_index.md'), 'utf8') + '\nmine\n');
    rmSync(join(clone.path, 'generated_pages/techniques/T0155.md'));
    const bytes = readFileSync(join(clone.path, 'generated_pages/techniques/T0154.md'));
    writeFileSync(join(clone.path, 'generated_pages/techniques/T0154.md'), Buffer.concat([bytes, Buffer.from([0x0a, 0xff, 0xe9])]));
    const objects = git(clone.path, 'count-objects');
    const index = readFileSync(join(clone.path, '.git', 'index'));

    const found = await readWorktreeDirectly(clone.path);
    expect(git(clone.path, 'count-objects')).toBe(objects);
    expect(readFileSync(join(clone.path, '.git', 'index')).equals(index)).toBe(true);
    expect(found?.changes.map((c) => [c.path, c.status, c.encoding]).sort()).toEqual([
      ['generated_pages/techniques/T0151.001.md', 'modified', 'utf8'],
      ['generated_pages/techniques/T0154.md', 'modified', 'bytes'],
      ['generated_pages/techniques/T0155.007.md', 'modified', 'utf8'],
      ['generated_pages/techniques/T0155.md', 'deleted', 'utf8'],
      ['generated_pages/techniques_index.md', 'modified', 'utf8'],
    ]);
    await bothAgree();
  });

  it('agrees on new files (an incident page, a stray file, a symbolic link) and the ids already used', async () => {
    writeFileSync(join(clone.path, NEW_INCIDENT), newIncidentPage());
    writeFileSync(join(clone.path, 'generated_pages/scratch.txt'), 'x');
    symlinkSync('../../README.md', join(clone.path, 'generated_pages/techniques/T9999.md'));
    const found = await bothAgree();
    expect(found.changes.find((c) => c.path === 'generated_pages/techniques/T9999.md')).toMatchObject({ status: 'added', newMode: '120000' });
    expect(found.usedIds.has('I00129')).toBe(true);
    expect(found.usedIds.has('T0155.007')).toBe(true);
  });

  it('agrees where the index and the work tree differ: staged then restored, touched, staged then edited, intent to add, deletion staged but file kept', async () => {
    const original = readFileSync(join(clone.path, T0155_007));
    appendNotes(clone.path, T0155_007, '\nstaged, then undone on disk');
    git(clone.path, 'add', T0155_007);
    writeFileSync(join(clone.path, T0155_007), original);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(clone.path, OTHER_PAGE), later, later);
    writeFileSync(join(clone.path, NEW_INCIDENT), newIncidentPage());
    git(clone.path, 'add', NEW_INCIDENT);
    appendNotes(clone.path, NEW_INCIDENT, '\nmore notes, not staged\n');
    writeFileSync(join(clone.path, 'generated_pages/incidents/I00131.md'), newIncidentPage().replace(/I00130/g, 'I00131'));
    git(clone.path, 'add', '-N', 'generated_pages/incidents/I00131.md');
    git(clone.path, 'rm', '-q', '--cached', 'generated_pages/techniques/T0155.md');
    const found = await bothAgree();
    expect(found.changes.map((c) => c.path).sort()).toEqual([NEW_INCIDENT, 'generated_pages/incidents/I00131.md']);
  });

  it('agrees on an executable bit and a page turned into a symbolic link', async () => {
    chmodSync(join(clone.path, T0155_007), 0o755);
    rmSync(join(clone.path, OTHER_PAGE));
    symlinkSync('T0155.007.md', join(clone.path, OTHER_PAGE));
    const found = await bothAgree();
    expect(found.changes.find((c) => c.path === T0155_007)).toMatchObject({ status: 'modified', oldMode: '100644', newMode: '100755' });
    expect(found.changes.find((c) => c.path === OTHER_PAGE)).toMatchObject({ status: 'typechanged', newMode: '120000' });
  });

  it('lets git stage when it would change the bytes (CRLF, an ident or filter attribute) or pair a rename, and the check is still git\'s', async () => {
    const cases: Array<() => void> = [
      () => writeFileSync(join(clone.path, T0155_007), readFileSync(join(clone.path, T0155_007), 'utf8').replace(/\n/g, '\r\n')),
      () => {
        writeFileSync(join(clone.path, '.gitattributes'), '*.md ident\n');
        appendNotes(clone.path, T0155_007, '\n$Id$\n');
      },
      () => {
        writeFileSync(join(clone.path, '.gitattributes'), 'generated_pages/** filter=anything\n');
        appendNotes(clone.path, T0155_007, '\nnotes\n');
      },
      () => renameSync(join(clone.path, T0155_007), join(clone.path, 'generated_pages/techniques/T0155.099.md')),
    ];
    for (const make of cases) {
      resetToOrigin(clone.path);
      make();
      expect(await readWorktreeDirectly(clone.path)).toBeUndefined();
      expect(comparable(await collectChanges(clone.path, { kind: 'worktree' }))).toEqual(comparable(await stageIntoScratchIndex(clone.path)));
    }
    expect((await collectChanges(clone.path, { kind: 'worktree' })).changes).toEqual([expect.objectContaining({ status: 'renamed', path: 'generated_pages/techniques/T0155.099.md', oldPath: T0155_007 })]);
  });

  it('finds nothing in a clean checkout, and only conflicts while a merge has them', async () => {
    expect(await bothAgree()).toEqual({ changes: [], usedIds: new Set(), unmerged: [] });
    divergeOnT0155_007(clone.path);
    try {
      git(clone.path, 'merge', '-q', 'other');
    } catch {
      // the conflict is the point
    }
    appendNotes(clone.path, OTHER_PAGE, '\nnotes');
    expect(await bothAgree()).toEqual({ changes: [{ path: T0155_007, status: 'unmerged' }], usedIds: new Set(), unmerged: [T0155_007] });
    git(clone.path, 'merge', '--abort');
    git(clone.path, 'switch', '-q', '--detach', 'origin/main');
    git(clone.path, 'branch', '-q', '-D', 'other');
    git(clone.path, 'branch', '-q', '-f', 'main', 'origin/main');
    git(clone.path, 'switch', '-q', 'main');
  });

  it('sees an edit that kept the file\'s size and modification time, as git does', async () => {
    git(clone.path, 'update-index', '-q', '--refresh');
    const file = join(clone.path, T0155_007);
    const { mtime, size } = statSync(file);
    const text = readFileSync(file, 'utf8');
    // Same size, same time: only the content tells.
    writeFileSync(file, text.replace(EDIT_LINE, EDIT_LINE.replace('A', 'B')));
    expect(statSync(file).size).toBe(size);
    utimesSync(file, mtime, mtime);
    const found = await bothAgree();
    expect(found.changes.map((c) => c.path)).toEqual([T0155_007]);
  });
});
