/**
 * Staging and unstaging several files at once (one `git add`, one `git reset` for all): new
 * content, deletions and new files together, and a path the checkout does not have is refused
 * before anything is staged.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { RepositoryService } from '../../electron/git/repository-service';
import { git } from '../helpers/fixtures';
import { T0155_007, appendNotes, cloneForFile, resetToOrigin } from './helpers';

const clone = cloneForFile();
const repo = new RepositoryService();
const DELETED = 'generated_pages/techniques/T0155.md';
const NEW_FILE = 'notes/new-file.md';

beforeEach(() => resetToOrigin(clone.path));

describe('staging several files', () => {
  it('stages changes, a deletion and a new file in one go', async () => {
    appendNotes(clone.path, T0155_007, '\nnotes');
    rmSync(join(clone.path, DELETED));
    writeFileSync(join(clone.path, 'README-local.md'), 'mine');
    await repo.stage(clone.path, [T0155_007, DELETED, 'README-local.md', T0155_007]);
    expect(git(clone.path, 'diff', '--cached', '--name-status').trim().split('\n').sort()).toEqual([`D\t${DELETED}`, `M\t${T0155_007}`, 'A\tREADME-local.md'].sort());
  });

  it('unstages a change, a deletion and a new file in one go, keeping the work tree as it is', async () => {
    appendNotes(clone.path, T0155_007, '\nnotes');
    rmSync(join(clone.path, DELETED));
    writeFileSync(join(clone.path, 'README-local.md'), 'mine');
    await repo.stage(clone.path, [T0155_007, DELETED, 'README-local.md']);
    expect(git(clone.path, 'diff', '--cached', '--name-only')).not.toBe('');
    await repo.unstage(clone.path, [T0155_007, DELETED, 'README-local.md']);
    expect(git(clone.path, 'diff', '--cached', '--name-only')).toBe('');
    const status = git(clone.path, 'status', '--porcelain', '--untracked-files=all').split('\n').filter((line) => line !== '');
    expect(status.sort()).toEqual([` D ${DELETED}`, ` M ${T0155_007}`, '?? README-local.md'].sort());
    expect(readFileSync(join(clone.path, T0155_007), 'utf8')).toMatch(/\nnotes$/);
  });

  it('refuses a path the checkout does not have, and stages nothing', async () => {
    appendNotes(clone.path, T0155_007, '\nnotes');
    const refusal = repo.stage(clone.path, [T0155_007, NEW_FILE]);
    await expect(refusal).rejects.toBeInstanceOf(ApiError);
    await expect(refusal).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining(NEW_FILE) });
    expect(git(clone.path, 'diff', '--cached', '--name-only')).toBe('');
  });
});
