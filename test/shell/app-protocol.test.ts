// The app:// scheme's answers and the static file lookup both hosts share, on real files.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../electron/shell/app-origin';
import { answerAppRequest } from '../../electron/shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/shell/csp';
import { resolveStaticFile } from '../../electron/transports/static-files';
import { tempDir } from '../helpers/fixtures';

describe('the app:// scheme and static files', () => {
  let root: { path: string; dispose: () => void };
  let renderer: string;

  beforeAll(() => {
    root = tempDir();
    renderer = join(root.path, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'export {};');
    writeFileSync(join(renderer, 'assets', 'index-abc.css'), 'body{}');
    writeFileSync(join(renderer, '.env'), 'SECRET=1');
    writeFileSync(join(root.path, 'secret.js'), 'outside');
    symlinkSync(join(root.path, 'secret.js'), join(renderer, 'assets', 'link.js'));
    mkdirSync(join(renderer, 'folder.js'));
  });
  afterAll(() => root.dispose());

  it('knows its own pages', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://workbench/assets/x.js?y#z')).toBe(true);
    for (const url of ['app://workbench.evil/', 'app://evil/', 'app://user@workbench/', 'app://workbench:8080/', 'file:///index.html', 'https://workbench/', 'http://127.0.0.1/', 'not a url', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('serves the renderer files with their types', () => {
    expect(resolveStaticFile(renderer, '/')).toMatchObject({ contentType: 'text/html; charset=utf-8' });
    expect(resolveStaticFile(renderer, '/index.html')?.file).toBe(join(renderer, 'index.html'));
    expect(resolveStaticFile(renderer, '/assets/index-abc.js')?.contentType).toBe('text/javascript; charset=utf-8');
    expect(resolveStaticFile(renderer, '/assets/index-abc.css')?.contentType).toBe('text/css; charset=utf-8');
    expect(resolveStaticFile(renderer, '/assets//index-abc.js')?.file).toBe(join(renderer, 'assets', 'index-abc.js'));
  });

  it('refuses every way out of the renderer folder', () => {
    const refused = ['/../secret.js', '/assets/../../secret.js', '/%2e%2e/secret.js', '/assets/%2E%2E%2F%2E%2E%2Fsecret.js', '/assets/link.js', '/.env', '/assets/..\\..\\secret.js', '/assets/%5c..%5csecret.js', '/index.html%00.js', '/%', '/folder.js', '/assets/missing.js', '/assets/index-abc.exe', 'assets/index-abc.js'];
    for (const path of refused) expect(resolveStaticFile(renderer, path), path).toBeUndefined();
  });

  it('answers app:// requests with the page CSP, and only those', async () => {
    const page = await answerAppRequest(renderer, 'GET', APP_ENTRY_URL);
    expect(page.status).toBe(200);
    expect(page.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(Buffer.from(page.body).toString()).toContain('<title>app</title>');
    expect((await answerAppRequest(renderer, 'GET', 'app://workbench/')).status).toBe(200);
    expect((await answerAppRequest(renderer, 'HEAD', 'app://workbench/')).body).toBe('');
    expect((await answerAppRequest(renderer, 'POST', APP_ENTRY_URL)).status).toBe(405);
    expect((await answerAppRequest(renderer, 'GET', 'app://other/index.html')).status).toBe(404);
    for (const url of ['app://user@workbench/index.html', 'app://workbench:8080/index.html', 'not a url']) expect((await answerAppRequest(renderer, 'GET', url)).status, url).toBe(404);
    const escape = await answerAppRequest(renderer, 'GET', 'app://workbench/assets/link.js');
    expect(escape.status).toBe(404);
    expect(escape.body).not.toContain('outside');
    expect(escape.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});
