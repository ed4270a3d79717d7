// The static security scan, part of `npm test`: Electronegativity over the Electron code (its
// report read here, since it exits 0 whatever it finds), our own checks for what it cannot see
// (.svelte files, casts, the CSP), and the README's account of Electron's security checklist.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../electron/shell/csp';
import { PROJECT_ROOT, tempDir } from '../helpers/fixtures';
import { checkCsp, checkWebPreferences, findUnsafeCspTokens, findUnsanitisedHtml, isSanitizerCall, type Finding } from './checks';
import { runElectronegativity, type ScanFinding } from './electronegativity';

const RANK = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 } as const;
const README = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

function filesUnder(folder: string, extensions: readonly string[]): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : filesUnder(path, extensions);
    return extensions.some((ext) => name.endsWith(ext)) ? [path] : [];
  });
}

const rel = (path: string) => relative(PROJECT_ROOT, path);
const show = (findings: readonly (Finding | ScanFinding)[]) => findings.map((f) => JSON.stringify(f)).join('\n');

/** The README's rows `| `CHECK_ID` | `file` | why |` under "Scanner findings that stay". */
function explainedFindings(): { check: string; file: string }[] {
  const section = README.split(/^### Scanner findings that stay$/m)[1]?.split(/^#{2,3} /m)[0] ?? '';
  return [...section.matchAll(/^\| `([A-Z_]+)` \| `([^`]+)` \| .+ \|$/gm)].map((m) => ({ check: m[1] ?? '', file: m[2] ?? '' }));
}

/** A small project with the classic mistakes, to show the scanner and our reading of it catch them. */
function writeBadProject(root: string): void {
  mkdirSync(join(root, 'electron'), { recursive: true });
  mkdirSync(join(root, 'renderer'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'bad', devDependencies: { electron: '45.4.1' } }));
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><html><body><script src="http://cdn.example/app.js"></script></body></html>');
  writeFileSync(
    join(root, 'electron', 'main.ts'),
    `import { app, BrowserWindow } from 'electron';\napp.whenReady().then(() => {\n  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } });\n  void win.loadURL('http://example.com/');\n});\n`,
  );
}

describe('static security scan', () => {
  it('Electronegativity finds nothing above low severity that the README does not explain', async () => {
    const bad = tempDir('disarm-bad-app-');
    try {
      writeBadProject(bad.path);
      const [ours, theirs] = await Promise.all([runElectronegativity(), runElectronegativity(bad.path)]);
      // The scanner and our reading of its report work: the bad project's mistakes are found above low.
      const found = theirs.filter((f) => RANK[f.severity] > RANK.LOW).map((f) => `${f.severity} ${f.check}`);
      expect(found, show(theirs)).toEqual(expect.arrayContaining(['HIGH CONTEXT_ISOLATION_JS_CHECK', 'HIGH LIMIT_NAVIGATION_GLOBAL_CHECK', 'MEDIUM WEB_SECURITY_JS_CHECK', 'MEDIUM SANDBOX_JS_CHECK', 'MEDIUM CSP_GLOBAL_CHECK']));

      const explained = explainedFindings();
      const aboveLow = ours.filter((f) => RANK[f.severity] > RANK.LOW);
      const unexplained = aboveLow.filter((f) => !explained.some((e) => e.check === f.check && e.file === f.file));
      expect(unexplained, `explain these in README.md (Security > Scanner findings that stay) or fix them:\n${show(unexplained)}`).toEqual([]);
      // The README's list stays true: an entry whose finding is gone must go too.
      const stale = explained.filter((e) => !aboveLow.some((f) => f.check === e.check && f.file === e.file));
      expect(stale, 'README explains findings the scanner no longer reports').toEqual([]);
    } finally {
      bad.dispose();
    }
  });

  it('finds no unsanitised HTML in the renderer', () => {
    const files = filesUnder(join(PROJECT_ROOT, 'renderer', 'src'), ['.svelte', '.ts']).filter((file) => rel(file) !== 'renderer/src/lib/sanitize.ts');
    expect(files.length).toBeGreaterThan(0);
    const findings = files.flatMap((file) => findUnsanitisedHtml(rel(file), readFileSync(file, 'utf8')));
    expect(findings, show(findings)).toEqual([]);
  });

  it('finds every webPreferences locked down, literally, without casts', () => {
    const files = filesUnder(join(PROJECT_ROOT, 'electron'), ['.ts']);
    const findings = files.flatMap((file) => checkWebPreferences(rel(file), readFileSync(file, 'utf8')));
    expect(findings, show(findings)).toEqual([]);
    // Not vacuous: the window's preferences are there to be checked.
    expect(files.filter((file) => readFileSync(file, 'utf8').includes('webPreferences: {')).map(rel)).toContain('electron/shell/window.ts');
  });

  it('finds a strict CSP, the same in the page and in both hosts, and no unsafe keyword anywhere', () => {
    expect(checkCsp('electron/shell/csp.ts', CONTENT_SECURITY_POLICY)).toEqual([]);
    const html = readFileSync(join(PROJECT_ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(checkCsp('renderer/index.html', meta ?? '')).toEqual([]);
    const sources = [
      ...filesUnder(join(PROJECT_ROOT, 'electron'), ['.ts']),
      ...filesUnder(join(PROJECT_ROOT, 'renderer'), ['.ts', '.svelte', '.html', '.js']),
      ...filesUnder(join(PROJECT_ROOT, 'shared'), ['.ts']),
    ];
    const findings = sources.flatMap((file) => findUnsafeCspTokens(rel(file), readFileSync(file, 'utf8')));
    expect(findings, show(findings)).toEqual([]);
  });

  it('our checks catch what they are for', () => {
    const sanitiser = "import { sanitizeHtml } from '../lib/sanitize';\n";
    expect(findUnsanitisedHtml('ok.svelte', `<script>${sanitiser}</script>{@html sanitizeHtml(note.html)}`)).toEqual([]);
    expect(findUnsanitisedHtml('ok.svelte', `<script>${sanitiser}</script>{@html sanitizeHtml(render(text), { a: "}" })}`)).toEqual([]);
    expect(findUnsanitisedHtml('ok.svelte', "<script>import { sanitizeHtml as clean } from '$lib/sanitize.ts';</script>{@html clean(x)}")).toEqual([]);
    const bad = [
      '{@html note.html}',
      `<script>${sanitiser}</script>{@html sanitizeHtml(a) + b}`,
      `<script>${sanitiser}</script>{@html b + sanitizeHtml(a)}`,
      `<script>${sanitiser}</script>{@html sanitizeHtml}`,
      `<script>${sanitiser}</script>{@html notsanitizeHtml(a)}`,
      '<script>function sanitizeHtml(x) { return x }</script>{@html sanitizeHtml(a)}',
      "<script>import { sanitizeHtml } from './my-sanitize-lookalike';</script>{@html sanitizeHtml(a)}",
      `<script>${sanitiser}</script>{@html (sanitizeHtml(a), b)}`,
      `<script>${sanitiser}</script>{@html sanitizeHtml(a)(b)}`,
      'element.innerHTML = text;',
      'element.outerHTML += text;',
      "element.insertAdjacentHTML('beforeend', text);",
      'document.write(text);',
    ];
    for (const sample of bad) expect(findUnsanitisedHtml('bad.svelte', sample), sample).not.toEqual([]);
    expect(findUnsanitisedHtml('ok.ts', `${sanitiser}element.innerHTML = sanitizeHtml(text);`)).toEqual([]);
    expect(findUnsanitisedHtml('bad.ts', 'element.innerHTML = sanitizeHtml(text);')).not.toEqual([]);
    expect(isSanitizerCall('sanitizeHtml(a)', new Set(['sanitizeHtml']))).toBe(true);
    expect(isSanitizerCall('sanitizeHtml(a).trim()', new Set(['sanitizeHtml']))).toBe(false);

    const secure = 'contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true';
    expect(checkWebPreferences('ok.ts', `new BrowserWindow({ webPreferences: { ${secure} } });`)).toEqual([]);
    const badPrefs = [
      `new BrowserWindow({ webPreferences: { ${secure}, nodeIntegration: true } as any });`,
      `new BrowserWindow({ webPreferences: { ${secure.replace('nodeIntegration: false', 'nodeIntegration: true as false')} } });`,
      `new BrowserWindow({ webPreferences: <WebPreferences>{ ${secure} } });`,
      `new BrowserWindow({ webPreferences: { ${secure}, ...extra } });`,
      `const prefs = { ${secure} }; new BrowserWindow({ webPreferences: prefs });`,
      `new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true, webSecurity: true } });`,
      `new BrowserWindow({ webPreferences: { ${secure.replace('sandbox: true', 'sandbox: !debug')} } });`,
      `new BrowserWindow({ webPreferences: { ${secure}, webviewTag: true } });`,
      `new BrowserWindow({ webPreferences: { ${secure}, enableBlinkFeatures: 'X' } });`,
      `new BrowserWindow({ webPreferences: { ${secure}, preload: path! } });`,
      'new BrowserWindow({ width: 100 });',
      'new BrowserWindow(options);',
      'const x = y as any;',
    ];
    for (const sample of badPrefs) expect(checkWebPreferences('bad.ts', sample), sample).not.toEqual([]);

    for (const policy of ["default-src 'none'; script-src 'self' 'unsafe-inline'", "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'", "default-src 'none'; script-src 'self' 'unsafe-eval'", "default-src 'self'; script-src 'self'", "default-src 'none'; script-src 'self' https://cdn.example", "default-src 'none'; script-src 'self'; connect-src *", "default-src 'none'; script-src 'self' data:", "default-src 'none'"]) {
      expect(checkCsp('bad.html', policy), policy).not.toEqual([]);
    }
    expect(findUnsafeCspTokens('bad.ts', `headers['Content-Security-Policy'] = "script-src 'unsafe-eval'"`)).toHaveLength(1);
    expect(findUnsafeCspTokens('bad.html', `<!-- policy -->\n<meta http-equiv="Content-Security-Policy" content="style-src 'unsafe-inline'">`)).toEqual([expect.objectContaining({ line: 2 })]);
    expect(findUnsafeCspTokens('bad.ts', "const url = 'https://x'; const csp = \"'unsafe-inline'\";")).toHaveLength(1);
    expect(findUnsafeCspTokens('ok.ts', "/** the CSP (no 'unsafe-inline') */\n// nor 'unsafe-eval'\nconst x = 1;")).toEqual([]);
  });

  it('uses the Electron this review was made for, or newer (checklist #16)', () => {
    const installed = JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
    const wanted = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).devDependencies.electron;
    expect(String(wanted)).toMatch(/^\^?\d+\./);
    expect(Number(String(installed).split('.')[0])).toBe(Number(String(wanted).replace(/^\^/, '').split('.')[0]));
    expect(Number(String(installed).split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it('the README accounts for each of the twenty items of Electron security checklist', () => {
    const section = README.split(/^### Electron security checklist$/m)[1]?.split(/^#{2,3} /m)[0] ?? '';
    const rows = [...section.matchAll(/^\| (\d+) \| (.+) \|$/gm)];
    expect(rows.map((m) => Number(m[1]))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const [, number, rest] of rows) {
      const tests = [...(rest ?? '').matchAll(/`(test\/[^`]+)`/g)].map((m) => m[1] ?? '');
      const doesNotApply = /does not apply/i.test(rest ?? '');
      expect(tests.length > 0 || doesNotApply, `item ${number} names neither a test nor why it does not apply`).toBe(true);
      for (const test of tests) expect(existsSync(join(PROJECT_ROOT, test)), `item ${number}: ${test}`).toBe(true);
    }
  });
});
