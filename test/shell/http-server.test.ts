// The loopback HTTP transport on a real clone: a real server on 127.0.0.1, real requests
// (node:http where a header must be forged, as a rebinding page's browser would send it), and the
// renderer's own HTTP client against it.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/api/handlers';
import { createServices, type Services } from '../../electron/services/container';
import { CONTENT_SECURITY_POLICY } from '../../electron/shell/csp';
import { openCheckout } from '../../electron/shell/open-checkout';
import { MAX_BODY_BYTES, startHttpServer, type RunningHttpServer } from '../../electron/transports/http-server';
import { createHttpTransport } from '../../renderer/src/lib/api/http-transport';
import { createApiClient } from '../../shared/api/client';
import { ApiError } from '../../shared/api/errors';
import { MAX_READ_BYTES } from '../../shared/api/ops/files';
import { cloneHistory, tempDir, type HistoryClone } from '../helpers/fixtures';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request with exactly the headers given (fetch would not let us set Host). */
function raw(server: RunningHttpServer, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers ?? {}, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('serve: the loopback HTTP transport', () => {
  let clone: HistoryClone;
  let data: { path: string; dispose: () => void };
  let renderer: { path: string; dispose: () => void };
  let services: Services;
  let server: RunningHttpServer;
  let host: string;

  const call = (operation: string, args: unknown, headers: Record<string, string> = {}) =>
    raw(server, {
      method: 'POST',
      path: '/api/call',
      headers: { Host: host, 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers },
      body: JSON.stringify({ operation, args }),
    });

  beforeAll(async () => {
    clone = cloneHistory();
    data = tempDir();
    renderer = tempDir('disarm-renderer-');
    mkdirSync(join(renderer.path, 'assets'));
    writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>DISARM Workbench</title><script type="module" src="./assets/app.js"></script>');
    writeFileSync(join(renderer.path, 'assets', 'app.js'), 'export {};\n');
    services = await createServices({ userDataDir: data.path, version: '0.0.0-test' });
    const dispatch = createDispatcher(createHandlers(services), () => {});
    await openCheckout(dispatch, clone.path, { cwd: '/', transport: 'http' });
    server = await startHttpServer({ dispatch, events: services.events, rendererDir: renderer.path });
    host = `127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    clone.dispose();
    data.dispose();
    renderer.dispose();
  });

  it('listens on 127.0.0.1 and prints a URL carrying the token only in its fragment', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
  });

  it('makes a new token for each launch', async () => {
    const other = await startHttpServer({ dispatch: createDispatcher(createHandlers(services)), events: services.events, rendererDir: renderer.path });
    await other.close();
    expect(other.token).not.toBe(server.token);
    expect(other.port).not.toBe(server.port);
  });

  it('serves the renderer with the page CSP and security headers', async () => {
    const page = await raw(server, { headers: { Host: host } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(page.body).toContain('<title>DISARM Workbench</title>');
    const script = await raw(server, { path: '/assets/app.js', headers: { Host: host } });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers an api call that carries the token', async () => {
    const answer = await call('app.info', {});
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true, result: { version: '0.0.0-test', transport: 'http', canPickFolder: false } });
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('refuses api calls without the token, with a wrong one, or with it in another form (401)', async () => {
    const variants: Record<string, string>[] = [
      { Authorization: '' },
      { Authorization: 'Bearer wrong-token-wrong-token-wrong-token-wrong' },
      { Authorization: `Bearer ${server.token.slice(0, -1)}` },
      { Authorization: `Basic ${server.token}` },
      { Authorization: server.token },
    ];
    for (const headers of variants) {
      const answer = await call('app.info', {}, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Bearer');
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('access token') } });
    }
    // The token in the URL is not accepted either: URLs end up in logs and histories.
    const inQuery = await raw(server, { method: 'POST', path: `/api/call?token=${server.token}`, headers: { Host: host, 'Content-Type': 'application/json' }, body: '{"operation":"app.info"}' });
    expect(inQuery.status).toBe(401);
    const events = await raw(server, { path: '/api/events', headers: { Host: host } });
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Host or Origin, token or not (DNS rebinding)', async () => {
    for (const foreign of ['evil.example', `evil.example:${server.port}`, `localhost:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`]) {
      const api = await call('app.info', {}, { Host: foreign });
      expect(api.status, foreign).toBe(403);
      expect(JSON.parse(api.body).error.message).toContain(`host "${foreign}" was refused`);
      const page = await raw(server, { headers: { Host: foreign } });
      expect(page.status, foreign).toBe(403);
      expect(page.body).not.toContain('DISARM Workbench</title>');
    }
    // Node itself answers 400 to an HTTP/1.1 request without Host; refused either way.
    const noHost = await raw(server, { path: '/', headers: {} });
    expect([400, 403]).toContain(noHost.status);
    for (const origin of ['http://evil.example', 'null', `http://localhost:${server.port}`, `https://127.0.0.1:${server.port}`]) {
      const answer = await call('app.info', {}, { Origin: origin });
      expect(answer.status, origin).toBe(403);
    }
    expect((await call('app.info', {}, { Origin: server.origin })).status).toBe(200);
    expect((await call('app.info', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
  });

  it('refuses what is not a JSON api call', async () => {
    const get = await raw(server, { path: '/api/call', headers: { Host: host, Authorization: `Bearer ${server.token}` } });
    expect(get.status).toBe(405);
    const form = await call('app.info', {}, { 'Content-Type': 'text/plain' });
    expect(form.status).toBe(415);
    const notJson = await raw(server, { method: 'POST', path: '/api/call', headers: { Host: host, 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: '{oops' });
    expect(notJson.status).toBe(400);
    const notACall = await raw(server, { method: 'POST', path: '/api/call', headers: { Host: host, 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: '[1,2]' });
    expect(JSON.parse(notACall.body).error.message).toContain('"operation"');
    const huge = await raw(server, { method: 'POST', path: '/api/call', headers: { Host: host, 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: JSON.stringify({ operation: 'app.info', args: { pad: 'x'.repeat(MAX_BODY_BYTES) } }) });
    expect(huge.status).toBe(413);
    const unknown = await call('repo.rm', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('unknown-operation');
    const other = await raw(server, { path: '/api/other', headers: { Host: host, Authorization: `Bearer ${server.token}` } });
    expect(other.status).toBe(404);
  });

  it('reads a file of the checkout and refuses every path that leaves it', async () => {
    const ok = await call('files.read', { path: 'generated_pages/techniques/T0002.md' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).result.text).toContain('DO NOT EDIT ABOVE THIS LINE');

    symlinkSync('/etc', join(clone.path, 'generated_pages', 'etc-link'));
    symlinkSync('/etc/passwd', join(clone.path, 'passwd-link'));
    // A link the checkout itself may carry (git commits symlinks): its target is inside .git.
    symlinkSync('.git/config', join(clone.path, 'config-link'));
    const refused: [unknown, number, string][] = [
      ['../../etc/passwd', 400, 'bad-request'],
      ['generated_pages/../../../etc/passwd', 400, 'bad-request'],
      ['/etc/passwd', 400, 'bad-request'],
      ['C:/Windows/win.ini', 400, 'bad-request'],
      ['..\\..\\etc\\passwd', 400, 'bad-request'],
      ['generated_pages/etc-link/passwd', 403, 'forbidden'],
      ['passwd-link', 403, 'forbidden'],
      ['.git/config', 403, 'forbidden'],
      ['generated_pages/../.GIT/config', 400, 'bad-request'],
      ['.GIT/config', 403, 'forbidden'],
      ['config-link', 403, 'forbidden'],
      ['generated_pages/\0/x', 400, 'bad-request'],
      ['generated_pages', 400, 'bad-request'],
      ['no/such/file.md', 404, 'not-found'],
    ];
    for (const [path, status, code] of refused) {
      const answer = await call('files.read', { path });
      expect(answer.status, String(path)).toBe(status);
      expect(JSON.parse(answer.body).error.code, String(path)).toBe(code);
      expect(answer.body).not.toMatch(/root:.*:0:0:/);
    }
    writeFileSync(join(clone.path, 'big.txt'), Buffer.alloc(MAX_READ_BYTES + 1, 'a'));
    const big = await call('files.read', { path: 'big.txt' });
    expect(JSON.parse(big.body).error.message).toMatch(/reads files up to 4 MB/);
  });

  it('never serves a file outside the renderer folder', async () => {
    symlinkSync('/etc/passwd', join(renderer.path, 'assets', 'passwd.txt'));
    for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/assets/passwd.txt', '/.git/config', '/assets/%00.js', '/%E0%A4%A.js']) {
      const answer = await raw(server, { path, headers: { Host: host } });
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toMatch(/root:.*:0:0:/);
    }
  });

  it('carries calls and events for the renderer client', async () => {
    const transport = createHttpTransport({ token: server.token, baseUrl: server.origin, retryMs: 50 });
    const api = createApiClient(transport);
    expect(await api.call('app.info', {})).toEqual({ version: '0.0.0-test', transport: 'http', canPickFolder: false });
    await expect(api.call('files.read', { path: '../../etc/passwd' })).rejects.toMatchObject({ code: 'bad-request' });
    const error = await api.call('files.read', { path: 'passwd-link' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);

    const received: string[] = [];
    const arrived = new Promise<void>((resolve) => {
      const stop = api.on('shell.command', (payload) => {
        received.push(payload.command);
        if (received.length === 2) {
          stop();
          resolve();
        }
      });
    });
    // The stream connects asynchronously; emit until the listener has both.
    for (let i = 0; i < 100 && received.length === 0; i++) {
      services.events.emit('shell.command', { command: 'reload' });
      await new Promise((r) => setTimeout(r, 50));
    }
    services.events.emit('shell.command', { command: 'search' });
    await arrived;
    expect(received.at(-1)).toBe('search');

    const wrong = createApiClient(createHttpTransport({ token: 'x'.repeat(43), baseUrl: server.origin }));
    await expect(wrong.call('app.info', {})).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('closes with its event streams open', async () => {
    const other = await startHttpServer({ dispatch: createDispatcher(createHandlers(services)), events: services.events, rendererDir: renderer.path });
    const stream = await fetch(`${other.origin}/api/events`, { headers: { Authorization: `Bearer ${other.token}` } });
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(fetch(`${other.origin}/`)).rejects.toThrow();
  });
});
