/** Figure 7: the UI in Chromium through `serve` (navigation to an interactive library list), and the size of the renderer's JavaScript. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../../test/helpers/fixtures';
import type { Summary } from '../stats';
import { ms, runChild, type Figure } from './figure';

interface UiFigure {
  cold: { interactiveMs: Summary; listMs: Summary; responseEndMs: Summary; domContentLoadedMs: Summary };
  warm: { interactiveMs: Summary; listMs: Summary };
  browser: string;
}

const NAVIGATIONS = 7;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

interface JsFile {
  name: string;
  raw: number;
  gzip: number;
}

/**
 * The built renderer's JavaScript (source maps aside), raw and gzipped (zlib's default level, as
 * servers send it), split into what the first screen loads (index.html's scripts and the chunks
 * they import statically) and what loads only when asked for (the PDF and Word readers, pdf.js's
 * worker), so a feature loaded on demand shows without hiding a first screen that grew.
 */
function rendererJavaScript(): { first: JsFile[]; onDemand: JsFile[]; raw: number; gzip: number; onDemandGzip: number } {
  const root = join(PROJECT_ROOT, 'dist', 'renderer');
  const measure = (name: string): JsFile => {
    const bytes = readFileSync(join(root, name));
    return { name, raw: bytes.length, gzip: gzipSync(bytes).length };
  };
  const all = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => /\.m?js$/.test(name));
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const first = new Set([...html.matchAll(/<script[^>]*\ssrc="\.\/([^"]+)"/g)].map((m) => m[1] ?? ''));
  // Static imports between chunks (`import"./x.js"`, `from"./x.js"`), not `import("./x.js")`.
  for (const name of first) {
    const code = readFileSync(join(root, name), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.m?js)["']/g)) first.add(posix.join(posix.dirname(name), m[1] ?? ''));
  }
  const firstFiles = all.filter((name) => first.has(name.split(sep).join('/'))).map(measure);
  const onDemand = all.filter((name) => !first.has(name.split(sep).join('/'))).map(measure);
  return {
    first: firstFiles,
    onDemand,
    raw: firstFiles.reduce((n, f) => n + f.raw, 0),
    gzip: firstFiles.reduce((n, f) => n + f.gzip, 0),
    onDemandGzip: onDemand.reduce((n, f) => n + f.gzip, 0),
  };
}

const ui: Figure = {
  id: '7',
  title: 'UI in Chromium through `serve`',
  target: '< 1.5 s; JS < 600 kB gzip',
  async run(context) {
    context.builtApp();
    const r = runChild<UiFigure>(context, 'ui.js', [context.checkout1x, join(context.scratch, 'ui'), String(NAVIGATIONS)]);
    const js = rendererJavaScript();
    return [
      {
        id: '7a',
        title: `${this.title}: navigation to an interactive library list (first search result shown after typing)`,
        value: `median ${ms(r.cold.interactiveMs.median)} (p95 ${ms(r.cold.interactiveMs.p95)}) over ${r.cold.interactiveMs.n} first loads, list shown at ${ms(r.cold.listMs.median)}; warm reload ${ms(r.warm.interactiveMs.median)}`,
        target: '< 1.5 s',
        met: r.cold.interactiveMs.median < 1500,
        detail: r,
      },
      {
        id: '7b',
        title: "First screen's JavaScript (dist/renderer: index.html's scripts and their static imports)",
        value: `${kB(js.gzip)} gzip, ${kB(js.raw)} raw, ${js.first.length} file${js.first.length === 1 ? '' : 's'}; loaded on demand: ${js.onDemand.map((f) => `${f.name.replace(/^assets[\\/]/, '').replace(/-[\w-]{8}(\.m?js)$/, '$1')} ${kB(f.gzip)}`).join(', ') || 'none'} gzip`,
        target: '< 600 kB gzip',
        met: js.gzip < 600_000,
        detail: js,
      },
    ];
  },
};

export const uiFigures: readonly Figure[] = [ui];
