/**
 * The repo.* and guard.* operations through the dispatcher, as both transports call them: schemas
 * refuse bad arguments, repo.open and repo.clone set the open checkout, the guard's refusal
 * arrives with its violations, clone progress arrives as events.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/api/handlers';
import { createServices, type Services } from '../../electron/services/container';
import { HISTORY_BUNDLE, cloneHistory, git, tempDir, type HistoryClone } from '../helpers/fixtures';
import { T0155_007, appendNotes, changeCharOnLine } from './helpers';

let clone: HistoryClone;
let userData: { path: string; dispose: () => void };
let services: Services;
let dispatch: Dispatch;
const context = { transport: 'http' } as const;

beforeAll(async () => {
  clone = cloneHistory();
  userData = tempDir();
  services = await createServices({ userDataDir: userData.path, version: 'test' });
  dispatch = createDispatcher(createHandlers(services), () => undefined);
});
afterAll(() => {
  clone.dispose();
  userData.dispose();
});

describe('repository operations', () => {
  it('need an open checkout, and repo.open refuses a folder that is not one', async () => {
    expect(await dispatch('repo.status', {}, context)).toMatchObject({ ok: false, error: { code: 'no-repository' } });
    expect(await dispatch('repo.open', { folder: clone.root }, context)).toMatchObject({ ok: false, error: { code: 'not-a-checkout' } });
    expect(services.workspace.current()).toBeUndefined();
  });

  it('repo.open sets the open checkout and remembers it', async () => {
    const opened = await dispatch('repo.open', { folder: clone.path }, context);
    expect(opened).toMatchObject({ ok: true, result: { path: clone.path, head: { kind: 'branch', name: 'main' }, operation: 'none' } });
    expect(services.workspace.current()).toBe(clone.path);
    expect((await services.store.listRecent()).map((r) => r.path)).toContain(clone.path);
  });

  it('refuse paths and names that could be options, by schema', async () => {
    expect(await dispatch('repo.stage', { paths: ['--upload-pack=touch /tmp/pwn'] }, context)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch('repo.createBranch', { name: '-u touch /tmp/pwn' }, context)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch('repo.fetch', { remote: '--upload-pack=touch /tmp/pwn' }, context)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch('guard.repair', { path: '../outside.md' }, context)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('check, refuse and repair through the api; commit once clean', async () => {
    changeCharOnLine(clone.path, T0155_007, 3);
    appendNotes(clone.path, T0155_007, '\nnotes through the api');
    const checked = await dispatch('guard.check', {}, context);
    expect(checked).toMatchObject({ ok: true, result: { violations: [{ file: T0155_007, line: 3, rule: 'generated-changed' }] } });
    expect(await dispatch('repo.stage', { paths: [T0155_007] }, context)).toMatchObject({ ok: true });
    const status = await dispatch('repo.status', {}, context);
    expect(status).toMatchObject({ ok: true, result: { files: [{ path: T0155_007, staged: 'modified' }] } });
    const diff = await dispatch('repo.fileDiff', { path: T0155_007, side: 'staged' }, context);
    expect(diff).toMatchObject({ ok: true, result: { path: T0155_007, encoding: 'utf8' } });
    const refused = await dispatch('repo.commit', { message: 'through the api' }, context);
    expect(refused).toMatchObject({ ok: false, error: { code: 'guard-violation', details: { violations: [{ file: T0155_007, line: 3 }] } } });
    expect(await dispatch('guard.repair', { path: T0155_007 }, context)).toMatchObject({ ok: true, result: { workTree: 'repaired', index: 'repaired', notesFrom: 'below-line' } });
    const committed = await dispatch('repo.commit', { message: 'through the api' }, context);
    expect(committed).toMatchObject({ ok: true, result: { author: { name: 'Test Analyst', email: 'analyst@example.org' } } });
    expect(readFileSync(join(clone.path, T0155_007), 'utf8')).toMatch(/notes through the api$/);
    expect(git(clone.path, 'log', '-1', '--format=%s').trim()).toBe('through the api');
  });

  it('stage and unstage a file, the work tree untouched', async () => {
    appendNotes(clone.path, 'generated_pages/techniques/T0155.md', '\nto stage and unstage');
    expect(await dispatch('repo.stage', { paths: ['generated_pages/techniques/T0155.md'] }, context)).toMatchObject({ ok: true });
    expect(git(clone.path, 'diff', '--cached', '--name-only').trim()).toBe('generated_pages/techniques/T0155.md');
    expect(await dispatch('repo.unstage', { paths: ['generated_pages/techniques/T0155.md'] }, context)).toMatchObject({ ok: true });
    expect(git(clone.path, 'diff', '--cached', '--name-only').trim()).toBe('');
    expect(readFileSync(join(clone.path, 'generated_pages/techniques/T0155.md'), 'utf8')).toMatch(/to stage and unstage$/);
    git(clone.path, 'checkout', '--', 'generated_pages/techniques/T0155.md');
  });

  it('branch, ahead/behind and undo through the api', async () => {
    expect(await dispatch('repo.aheadBehind', {}, context)).toMatchObject({ ok: true, result: { kind: 'tracking', ahead: 1, behind: 0 } });
    expect(await dispatch('repo.undoLastCommit', {}, context)).toMatchObject({ ok: true, result: { subject: 'through the api' } });
    expect(await dispatch('repo.createBranch', { name: 'incident-I00130' }, context)).toMatchObject({ ok: true, result: { branch: 'incident-I00130' } });
    const branches = await dispatch('repo.branches', {}, context);
    expect(branches).toMatchObject({ ok: true, result: { branches: expect.arrayContaining([{ name: 'incident-I00130', current: true }]) } });
  });

  it('repo.clone sends progress events and opens the clone', async () => {
    const events: { event: string; payload: unknown }[] = [];
    const unsubscribe = services.events.subscribe((event, payload) => events.push({ event, payload }));
    const destination = join(userData.path, 'cloned');
    const cloned = await dispatch('repo.clone', { source: HISTORY_BUNDLE, destination }, context);
    unsubscribe();
    expect(cloned).toMatchObject({ ok: true, result: { path: destination } });
    expect(services.workspace.current()).toBe(destination);
    expect(events.filter((e) => e.event === 'repo.cloneProgress').length).toBeGreaterThan(0);
    expect(events.find((e) => e.event === 'repo.cloneProgress')?.payload).toMatchObject({ destination, phase: expect.any(String) });
  });
});
