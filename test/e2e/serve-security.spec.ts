// `disarm-workbench serve` from the outside, on a clone of the history bundle: the app loads in
// Chromium under its CSP; the api refuses callers without the token or with a foreign Host; and
// no operation that takes a path can be made to read outside the checkout.
import { expect, test } from '@playwright/test';
import { symlinkSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import { operations } from '../../shared/api/contract';
import { RepoPath } from '../../shared/api/schemas';
import { cloneHistory } from '../helpers/fixtures';
import { watchPage } from './support/page-checks';
import { startServe, type ServedWorkbench } from './support/serve';

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** A raw request, with exactly these headers (a browser on a rebinding page sends its own Host). */
function send(origin: string, options: { method?: string; path: string; headers: Record<string, string>; body?: string }): Promise<Answer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port: Number(port), method: options.method ?? 'POST', path: options.path, headers: options.headers, setHost: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Where in an operation's argument a RepoPath goes: `[['path']]`, `[['files', 0]]`... */
function repoPathSlots(schema: z.ZodType, at: (string | number)[] = []): (string | number)[][] {
  if (schema === RepoPath) return [at];
  if (schema instanceof z.ZodObject) return Object.entries(schema.shape).flatMap(([key, value]) => (value instanceof z.ZodType ? repoPathSlots(value, [...at, key]) : []));
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault || schema instanceof z.ZodReadonly) {
    const inner: unknown = schema.unwrap();
    return inner instanceof z.ZodType ? repoPathSlots(inner, at) : [];
  }
  if (schema instanceof z.ZodArray) {
    const element: unknown = schema.element;
    return element instanceof z.ZodType ? repoPathSlots(element, [...at, 0]) : [];
  }
  return [];
}

function argsWith(slot: (string | number)[], value: string): unknown {
  return slot.reduceRight<unknown>((inner, key) => (typeof key === 'number' ? [inner] : { [key]: inner }), value);
}

const PASSWD = /root:[^:\n]*:0:0:/;

test.describe('serve security', () => {
  let served: ServedWorkbench;
  let token: string;
  let host: string;
  const call = (operation: string, args: unknown, headers: Record<string, string> = {}) =>
    send(served.origin, { path: '/api/call', headers: { Host: host, 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify({ operation, args }) });

  test.beforeAll(async () => {
    const clone = cloneHistory();
    // Symbolic links inside the checkout that point out of it.
    symlinkSync('/etc', join(clone.path, 'generated_pages', 'etc-link'));
    symlinkSync('/etc/passwd', join(clone.path, 'generated_pages', 'techniques', 'T9999.md'));
    served = await startServe({ clone });
    token = new URL(served.url).hash.replace(/^#token=/, '');
    host = new URL(served.origin).host;
  });
  test.afterAll(async () => {
    await served?.stop();
  });

  test('answers the app: the page loads in Chromium under its CSP, and the token leaves the address bar', async ({ page }) => {
    const problems = watchPage(page, served.origin);
    // Violations are also reported as console errors; this makes sure each one is seen.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`));
    });
    const response = await page.goto(served.url);
    expect(response?.status()).toBe(200);
    expect(await response?.headerValue('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self'; /);
    await expect(page.locator('[data-screen]').first()).toBeVisible();
    expect(page.url()).not.toContain(token);
    expect(await page.evaluate(() => sessionStorage.getItem('disarm-workbench.token'))).toBe(token);
    // The page reaches the api with the token as a header.
    const info = await page.evaluate(async () => {
      const answer = await fetch('/api/call', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStorage.getItem('disarm-workbench.token')}` }, body: '{"operation":"app.info","args":{}}' });
      return answer.json();
    });
    expect(info).toMatchObject({ ok: true, result: { transport: 'http' } });
    const cspErrors = () => problems.consoleErrors.filter((text) => /Content Security Policy|CSP violation/i.test(text));
    expect(cspErrors(), 'CSP violations while loading the app').toEqual([]);
    // The policy is really in force: an inline script added now is refused, and reported.
    const inlineRan = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.inline = "ran"';
      document.body.append(script);
      return document.body.dataset.inline === 'ran';
    });
    expect(inlineRan).toBe(false);
    await expect.poll(() => cspErrors().length).toBeGreaterThan(0);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
  });

  test('refuses api calls without the token, with a wrong token, or with Host evil.example', async () => {
    expect((await call('app.info', {})).status).toBe(200);
    const missing = await send(served.origin, { path: '/api/call', headers: { Host: host, 'Content-Type': 'application/json' }, body: '{"operation":"app.info","args":{}}' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await call('app.info', {}, { Authorization: `Bearer ${token.split('').reverse().join('')}` });
    expect(wrong.status).toBe(401);
    const evil = await call('app.info', {}, { Host: 'evil.example' });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body).error.message).toContain('"evil.example" was refused');
    const evilPage = await send(served.origin, { method: 'GET', path: '/', headers: { Host: 'evil.example' } });
    expect(evilPage.status).toBe(403);
    const foreignOrigin = await call('app.info', {}, { Origin: 'http://evil.example' });
    expect(foreignOrigin.status).toBe(403);
  });

  test('a page on another origin cannot use the api', async ({ page }) => {
    // Another local origin (here: the same server by a different name) fetching with the token.
    await page.goto('about:blank');
    const outcome = await page.evaluate(async ([origin, secret]) => {
      try {
        const answer = await fetch(`${origin}/api/call`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` }, body: '{"operation":"app.info","args":{}}' });
        return `read ${answer.status}`;
      } catch {
        return 'blocked';
      }
    }, [served.origin, token] as const);
    expect(outcome).toBe('blocked');
  });

  test('refuses ../../etc/passwd, absolute paths and links out of the checkout through every api operation that takes a path', async () => {
    const withPaths = Object.entries(operations).flatMap(([name, spec]) => repoPathSlots(spec.input).map((slot) => ({ name, slot })));
    expect(withPaths.map((o) => o.name)).toContain('files.read');
    const attacks = ['../../etc/passwd', '../../../../../../etc/passwd', 'generated_pages/../../../etc/passwd', '/etc/passwd', 'C:\\Windows\\win.ini', '..\\..\\etc\\passwd', 'generated_pages/etc-link/passwd', 'generated_pages/techniques/T9999.md'];
    for (const { name, slot } of withPaths) {
      for (const attack of attacks) {
        const answer = await call(name, argsWith(slot, attack));
        const label = `${name} ${slot.join('.')}=${attack}`;
        expect(answer.status, label).toBeGreaterThanOrEqual(400);
        expect(JSON.parse(answer.body).ok, label).toBe(false);
        expect(answer.body, label).not.toMatch(PASSWD);
      }
    }
    // files.read says exactly why.
    const reasons = await Promise.all(['../../etc/passwd', '/etc/passwd', 'generated_pages/etc-link/passwd', 'generated_pages/techniques/T9999.md'].map(async (path) => JSON.parse((await call('files.read', { path })).body).error));
    expect(reasons.map((r) => r.code)).toEqual(['bad-request', 'bad-request', 'forbidden', 'forbidden']);
    expect(reasons[0].message).toContain('must not leave the checkout');
    expect(reasons[1].message).toContain('must be relative to the checkout');
    expect(reasons[2].message).toContain('outside the open checkout');
    // And the static files: no way out of the built renderer either.
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd']) {
      const answer = await send(served.origin, { method: 'GET', path, headers: { Host: host } });
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toMatch(PASSWD);
    }
  });
});
