/**
 * The repo.* and guard.* operations through the dispatcher, as both transports call them: schemas
 * refuse bad arguments, repo.open and repo.clone set the open checkout, the guard's refusal
 * arrives with its violations, clone progress arrives as events.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOverClone, type ApiOverClone } from '../helpers/api-over-clone';
import { HISTORY_BUNDLE, git, tempDir } from '../helpers/fixtures';
import { T0155_007, appendNotes, changeCharOnLine } from './helpers';

let api: ApiOverClone;

beforeAll(async () => {
  api = await apiOverClone();
});
afterAll(() => api?.dispose());

describe('repository operations', () => {
  it('need an open checkout, and repo.open refuses a folder that is not one', async () => {
    expect(await api.dispatch('repo.status', {})).toMatchObject({ ok: false, error: { code: 'no-repository' } });
    expect(await api.dispatch('repo.open', { folder: api.clone.root })).toMatchObject({ ok: false, error: { code: 'not-a-checkout' } });
    expect(api.services.workspace.current()).toBeUndefined();
  });

  it('repo.open sets the open checkout and remembers it', async () => {
    const opened = await api.dispatch('repo.open', { folder: api.clone.path });
    expect(opened).toMatchObject({ ok: true, result: { path: api.clone.path, head: { kind: 'branch', name: 'main' }, operation: 'none' } });
    expect(api.services.workspace.current()).toBe(api.clone.path);
    expect((await api.services.store.listRecent()).map((r) => r.path)).toContain(api.clone.path);
  });

  it('refuse paths and names that could be options, by schema', async () => {
    expect(await api.dispatch('repo.stage', { paths: ['--upload-pack=touch /tmp/pwn'] })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await api.dispatch('repo.createBranch', { name: '-u touch /tmp/pwn' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await api.dispatch('repo.fetch', { remote: '--upload-pack=touch /tmp/pwn' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await api.dispatch('guard.repair', { path: '../outside.md' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('check, refuse and repair through the api; commit once clean', async () => {
    changeCharOnLine(api.clone.path, T0155_007, 3);
    appendNotes(api.clone.path, T0155_007, '\nnotes through the api');
    const checked = await api.dispatch('guard.check', {});
    expect(checked).toMatchObject({ ok: true, result: { violations: [{ file: T0155_007, line: 3, rule: 'generated-changed' }] } });
    expect(await api.dispatch('repo.stage', { paths: [T0155_007] })).toMatchObject({ ok: true });
    const status = await api.dispatch('repo.status', {});
    expect(status).toMatchObject({ ok: true, result: { files: [{ path: T0155_007, staged: 'modified' }] } });
    const diff = await api.dispatch('repo.fileDiff', { path: T0155_007, side: 'staged' });
    expect(diff).toMatchObject({ ok: true, result: { path: T0155_007, encoding: 'utf8' } });
    const refused = await api.dispatch('repo.commit', { message: 'through the api' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'guard-violation', details: { violations: [{ file: T0155_007, line: 3 }] } } });
    expect(await api.dispatch('guard.repair', { path: T0155_007 })).toMatchObject({ ok: true, result: { workTree: 'repaired', index: 'repaired', notesFrom: 'below-line' } });
    const committed = await api.dispatch('repo.commit', { message: 'through the api' });
    expect(committed).toMatchObject({ ok: true, result: { author: { name: 'Test Analyst', email: 'analyst@example.org' } } });
    expect(readFileSync(join(api.clone.path, T0155_007), 'utf8')).toMatch(/notes through the api$/);
    expect(git(api.clone.path, 'log', '-1', '--format=%s').trim()).toBe('through the api');
  });

  it('stage and unstage a file, the work tree untouched', async () => {
    appendNotes(api.clone.path, 'generated_pages/techniques/T0155.md', '\nto stage and unstage');
    expect(await api.dispatch('repo.stage', { paths: ['generated_pages/techniques/T0155.md'] })).toMatchObject({ ok: true });
    expect(git(api.clone.path, 'diff', '--cached', '--name-only').trim()).toBe('generated_pages/techniques/T0155.md');
    expect(await api.dispatch('repo.unstage', { paths: ['generated_pages/techniques/T0155.md'] })).toMatchObject({ ok: true });
    expect(git(api.clone.path, 'diff', '--cached', '--name-only').trim()).toBe('');
    expect(readFileSync(join(api.clone.path, 'generated_pages/techniques/T0155.md'), 'utf8')).toMatch(/to stage and unstage$/);
    git(api.clone.path, 'checkout', '--', 'generated_pages/techniques/T0155.md');
  });

  it('branch, ahead/behind and undo through the api', async () => {
    expect(await api.dispatch('repo.aheadBehind', {})).toMatchObject({ ok: true, result: { kind: 'tracking', ahead: 1, behind: 0 } });
    expect(await api.dispatch('repo.undoLastCommit', {})).toMatchObject({ ok: true, result: { subject: 'through the api' } });
    expect(await api.dispatch('repo.createBranch', { name: 'incident-I00130' })).toMatchObject({ ok: true, result: { branch: 'incident-I00130' } });
    const branches = await api.dispatch('repo.branches', {});
    expect(branches).toMatchObject({ ok: true, result: { branches: expect.arrayContaining([{ name: 'incident-I00130', current: true }]) } });
  });

  it('repo.cancel stops a fetch that waits on the remote; the checkout works again', async () => {
    // An ssh "client" that never answers: the analyst's own GIT_SSH_COMMAND, which git is let use.
    const dir = tempDir('disarm-stuck-ssh-');
    const started = join(dir.path, 'pid');
    writeFileSync(join(dir.path, 'ssh'), `#!/bin/sh\nsleep 1000 &\necho $! > '${started}'\nwait\n`, { mode: 0o755 });
    const saved = { command: process.env.GIT_SSH_COMMAND, variant: process.env.GIT_SSH_VARIANT };
    Object.assign(process.env, { GIT_SSH_COMMAND: join(dir.path, 'ssh'), GIT_SSH_VARIANT: 'simple' });
    git(api.clone.path, 'remote', 'add', 'stuck', 'ssh://example.invalid/DISARMframeworks.git');
    try {
      api.services.workspace.set(api.clone.path);
      const fetching = api.dispatch('repo.fetch', { remote: 'stuck' });
      for (let i = 0; i < 100 && !existsSync(started); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await api.dispatch('repo.cancel', {})).toEqual({ ok: true, result: { cancelled: 1 } });
      expect(await fetching).toMatchObject({ ok: false, error: { code: 'cancelled', message: expect.stringContaining('git fetch was cancelled') } });
      expect(await api.dispatch('repo.status', {})).toMatchObject({ ok: true, result: { head: { kind: 'branch' } } });
      expect(await api.dispatch('repo.cancel', {})).toEqual({ ok: true, result: { cancelled: 0 } });
    } finally {
      for (const [key, value] of [['GIT_SSH_COMMAND', saved.command], ['GIT_SSH_VARIANT', saved.variant]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      git(api.clone.path, 'remote', 'remove', 'stuck');
      try {
        process.kill(Number(readFileSync(started, 'utf8')), 'SIGKILL');
      } catch {
        // not started, or gone
      }
      dir.dispose();
    }
  });

  it('repo.clone sends progress events and opens the clone', async () => {
    const events: { event: string; payload: unknown }[] = [];
    const unsubscribe = api.services.events.subscribe((event, payload) => events.push({ event, payload }));
    const destination = join(api.services.userDataDir, 'cloned');
    const cloned = await api.dispatch('repo.clone', { source: HISTORY_BUNDLE, destination });
    unsubscribe();
    expect(cloned).toMatchObject({ ok: true, result: { path: destination } });
    expect(api.services.workspace.current()).toBe(destination);
    expect(events.filter((e) => e.event === 'repo.cloneProgress').length).toBeGreaterThan(0);
    expect(events.find((e) => e.event === 'repo.cloneProgress')?.payload).toMatchObject({ destination, phase: expect.any(String) });
  });
});
