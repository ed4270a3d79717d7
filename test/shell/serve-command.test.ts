// `disarm-workbench serve` as a real child process on a real clone: the one line it prints, the
// app and the api behind it, a clean stop on Ctrl+C (SIGINT), and the refusals at start.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, cloneHistory, git, tempDir, type HistoryClone } from '../helpers/fixtures';
import { canMakeImmutable, immutable } from '../store/helpers/immutable';

const CLI = `import { main } from './electron/cli/cli.ts'; process.exitCode = await main(process.argv.slice(1));`;

function startCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CLI, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, NO_COLOR: '1' } });
}

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CLI, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Resolves with the first stdout line, or rejects with what the process said before exiting. */
function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end >= 0) resolve(out.slice(0, end));
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before printing: ${out}${err}`)));
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

describe('disarm-workbench serve', () => {
  let clone: HistoryClone;
  let data: { path: string; dispose: () => void };

  beforeAll(() => {
    // serve answers with the built renderer; `npm test` builds before the unit stage, a lone run builds here.
    if (!existsSync(join(PROJECT_ROOT, 'dist', 'renderer', 'index.html'))) {
      spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    }
    clone = cloneHistory();
    data = tempDir();
  });
  afterAll(() => {
    clone.dispose();
    data.dispose();
  });

  it('prints one line with the address, serves the app and the api, and stops cleanly on Ctrl+C', async () => {
    const port = await freePort();
    const child = startCli(['serve', '--repo', clone.path, '--port', String(port), '--data', join(data.path, 'store')]);
    const done = exited(child);
    const line = await firstLine(child);
    const match = /(http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43}))/.exec(line);
    expect(match, line).not.toBeNull();
    const [, , printedPort, token] = match ?? [];
    expect(Number(printedPort)).toBe(port);
    expect(line).toContain(clone.path);
    expect(existsSync(join(data.path, 'store'))).toBe(true);
    // Drafts and settings are this user's only (the store's own folder mode, not the umask's).
    expect(statSync(join(data.path, 'store')).mode & 0o777).toBe(0o700);

    const origin = `http://127.0.0.1:${port}`;
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app"></div>');
    const info = await fetch(`${origin}/api/call`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{"operation":"app.info","args":{}}' });
    expect(await info.json()).toMatchObject({ ok: true, result: { transport: 'http' } });
    const read = await fetch(`${origin}/api/call`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{"operation":"files.read","args":{"path":"generated_pages/techniques/T0002.md"}}' });
    expect(read.status).toBe(200);
    const anonymous = await fetch(`${origin}/api/call`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"operation":"app.info"}' });
    expect(anonymous.status).toBe(401);
    // An open event stream must not keep the server from stopping.
    const events = await fetch(`${origin}/api/events`, { headers: { Authorization: `Bearer ${token}` } });
    expect(events.status).toBe(200);

    child.kill('SIGINT');
    const { code, stderr } = await done;
    expect(code).toBe(0);
    expect(stderr).toContain('serve: stopped.');
    await expect(fetch(`${origin}/`)).rejects.toThrow();
  });

  it('refuses a folder that is not a DISARM checkout, saying why', () => {
    const plain = tempDir();
    try {
      const missing = runCli(['serve', '--repo', join(plain.path, 'nowhere'), '--data', data.path]);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/nowhere cannot be opened: the folder does not exist/);

      const notGit = runCli(['serve', '--repo', plain.path, '--data', data.path]);
      expect(notGit.status).toBe(2);
      expect(notGit.stderr).toMatch(/it has no \.git folder, so it is not a git checkout/);

      mkdirSync(join(plain.path, 'other'));
      git(join(plain.path, 'other'), 'init', '--quiet');
      const notDisarm = runCli(['serve', '--repo', join(plain.path, 'other'), '--data', data.path]);
      expect(notDisarm.status).toBe(2);
      expect(notDisarm.stderr).toMatch(/it has no generated_pages folder, so it is not a checkout of the DISARM framework/);
      expect(notDisarm.stdout).toBe('');
    } finally {
      plain.dispose();
    }
  });

  it('reports bad usage with exit code 2', () => {
    const noRepo = runCli(['serve']);
    expect(noRepo.status).toBe(2);
    expect(noRepo.stderr).toContain('--repo DIR is required');
    const badPort = runCli(['serve', '--repo', clone.path, '--port', '80000']);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('--port must be a number from 0 to 65535');
    const help = runCli(['serve', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: disarm-workbench serve --repo DIR [--port N] [--data DIR]');
  });

  it('--data naming a file: a clear message and exit 2, no stack trace', () => {
    const file = join(data.path, 'a-file');
    writeFileSync(file, 'not a folder');
    const result = runCli(['serve', '--repo', clone.path, '--data', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--data must be a folder; ${file} is a file.`);
    expect(result.stderr).not.toMatch(/EEXIST|\n\s+at /);
    const inside = runCli(['serve', '--repo', clone.path, '--data', join(file, 'store')]);
    expect(inside.status).toBe(2);
    expect(inside.stderr).toContain(`--data must be a folder; ${join(file, 'store')} is inside a file`);
    expect(inside.stderr).not.toMatch(/ENOTDIR|\n\s+at /);
  });

  // chattr +i: the store file refuses every change, root's included.
  it.skipIf(!canMakeImmutable())('a store file that cannot be written: serve starts and says so, drafts.create answers store-not-writable', async () => {
    const dir = join(data.path, 'protected');
    mkdirSync(dir);
    const store = join(dir, 'store.json');
    writeFileSync(store, JSON.stringify({ schemaVersion: 2, drafts: {}, settings: { authorName: '', authorEmail: '', theme: 'system', editLine: 'DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW' }, recent: [] }));
    const before = readFileSync(store, 'utf8');
    await immutable(store, async () => {
      const child = startCli(['serve', '--repo', clone.path, '--port', '0', '--data', dir]);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        const line = await firstLine(child);
        const [, origin, token] = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]{43})/.exec(line) ?? [];
        expect(origin, `${line}\n${stderr}`).toBeDefined();
        // The notice names the file, the reason and what to do.
        expect(stderr).toContain(`serve: The drafts store at ${store} cannot be written (EPERM`);
        expect(stderr).toMatch(/chattr -i/);
        const call = (operation: string, args: unknown) => fetch(`${origin}/api/call`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ operation, args }) });
        const created = await call('drafts.create', {});
        expect(created.status).toBe(503);
        const body = (await created.json()) as { ok: boolean; error: { code: string; message: string } };
        expect(body).toMatchObject({ ok: false, error: { code: 'store-not-writable' } });
        expect(body.error.message).toContain(store);
        // Reading still works.
        expect(await (await call('drafts.list', {})).json()).toEqual({ ok: true, result: [] });
        expect(await (await call('store.warnings', {})).json()).toMatchObject({ ok: true, result: [{ code: 'store-not-writable', file: store }] });
      } finally {
        child.kill('SIGINT');
        expect(await done).toBe(0);
      }
      expect(stderr).not.toMatch(/failed unexpectedly|\n\s+at /);
      expect(readFileSync(store, 'utf8')).toBe(before);
    });
  });
});
