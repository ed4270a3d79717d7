// `npm run build`'s two steps, run into a temporary folder: the main, preload and renderer bundles
// exist, and each can run where it will run: the preload sandboxed (one CommonJS file requiring
// nothing but 'electron'), main from the packaged app (only Node, Electron and production
// dependencies), the renderer under the strict CSP (no inline script or style, nothing remote).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { META_CONTENT_SECURITY_POLICY } from '../../electron/shell/csp';
import { PROJECT_ROOT, tempDir } from '../helpers/fixtures';

const pkg = z
  .object({ scripts: z.record(z.string(), z.string()), dependencies: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')));

describe('the build', () => {
  let out: { path: string; dispose: () => void };

  beforeAll(() => {
    out = tempDir('disarm-build-');
    execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn', '--outDir', join(out.path, 'renderer'), '--emptyOutDir'], { cwd: PROJECT_ROOT, stdio: 'pipe' });
    execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: PROJECT_ROOT, env: { ...process.env, DISARM_BUILD_OUT: out.path }, stdio: 'pipe' });
  });
  afterAll(() => out.dispose());

  it('is what `npm run build` runs', () => {
    expect(pkg.scripts.build).toContain('vite build --config renderer/vite.config.ts');
    expect(pkg.scripts.build).toContain('node scripts/build-node.mjs');
  });

  it('produces a sandbox-ready preload', () => {
    const preload = readFileSync(join(out.path, 'electron', 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).toContain('exposeInMainWorld(BRIDGE_GLOBAL');
  });

  it('produces a main bundle that needs only Node, Electron and production dependencies', () => {
    const main = readFileSync(join(out.path, 'electron', 'main.js'), 'utf8');
    const imported = new Set([...main.matchAll(/^import\s[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1] ?? ''));
    expect(imported.has('electron')).toBe(true);
    for (const specifier of imported) {
      if (specifier === 'electron' || specifier.startsWith('node:')) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '');
      expect(Object.keys(pkg.dependencies), `main.js imports ${specifier}, which the packaged app would not have`).toContain(name);
    }
    expect(existsSync(join(out.path, 'node', 'cli.js'))).toBe(true);
  });

  it('produces a renderer that loads under the strict CSP', () => {
    const html = readFileSync(join(out.path, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body?.trim(), 'inline script').toBe('');
      expect(attributes).toMatch(/src="\.\/assets\/[^"]+\.js"/);
    }
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const [, asset] of html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)) expect(existsSync(join(out.path, 'renderer', asset ?? ''))).toBe(true);
    const assets = readdirSync(join(out.path, 'renderer', 'assets'));
    expect(assets.some((file) => file.endsWith('.js'))).toBe(true);
  });
});
