// Renders resources/icon.svg to resources/icon.png (512×512, transparent corners) with the
// system Chromium, so the packaged app's icon is made here from our own drawing, never downloaded.
// Run after editing the SVG: `node scripts/render-icon.mjs`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const resources = fileURLToPath(new URL('../resources/', import.meta.url));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const work = mkdtempSync(join(tmpdir(), 'icon-'));
try {
  const svg = readFileSync(join(resources, 'icon.svg'), 'utf8');
  const page = join(work, 'icon.html');
  writeFileSync(page, `<!doctype html><html><head><style>html,body{margin:0;background:transparent}svg{display:block}</style></head><body>${svg}</body></html>`);
  const out = join(work, 'icon.png');
  const result = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--default-background-color=00000000', '--window-size=512,512', `--screenshot=${out}`, `file://${page}`], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`chromium exited with ${result.status}`);
  copyFileSync(out, join(resources, 'icon.png'));
  console.log('resources/icon.png written');
} finally {
  rmSync(work, { recursive: true, force: true });
}
