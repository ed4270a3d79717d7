/** Figure 7: the UI in Chromium through `serve` (navigation to an interactive library list), and the size of the renderer's JavaScript. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Every JavaScript file of the built renderer (source maps aside), raw and gzipped (zlib's default level, as servers send it). */
function rendererJavaScript(): { files: { name: string; raw: number; gzip: number }[]; raw: number; gzip: number } {
  const root = join(PROJECT_ROOT, 'dist', 'renderer');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.m?js$/.test(name))
    .map((name) => {
      const bytes = readFileSync(join(root, name));
      return { name, raw: bytes.length, gzip: gzipSync(bytes).length };
    });
  return { files, raw: files.reduce((n, f) => n + f.raw, 0), gzip: files.reduce((n, f) => n + f.gzip, 0) };
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
        title: "Renderer's JavaScript (dist/renderer)",
        value: `${kB(js.gzip)} gzip, ${kB(js.raw)} raw, ${js.files.length} file${js.files.length === 1 ? '' : 's'}`,
        target: '< 600 kB gzip',
        met: js.gzip < 600_000,
        detail: js,
      },
    ];
  },
};

export const uiFigures: readonly Figure[] = [ui];
