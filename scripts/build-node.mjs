// Bundles the Node side: the CLI (which also hosts `serve`), Electron's main process and its preload.
// The renderer is built by Vite (renderer/vite.config.ts). Dependencies stay external: they are
// installed next to the bundles (node_modules, or the packaged app's asar).
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

// The output folder: dist/, or a temporary one when a test builds (test/shell/build.test.ts).
const out = process.env.DISARM_BUILD_OUT ?? 'dist';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
  legalComments: 'none',
};

const [cli] = await Promise.all([
  // The CLI in chunks: each command's code and libraries load only when it runs (a pre-commit
  // hook's `check` starts without the spreadsheet and server code).
  build({ ...common, format: 'esm', splitting: true, chunkNames: 'chunks/[name]-[hash]', metafile: true, entryPoints: { cli: 'electron/cli/cli.ts' }, outdir: `${out}/node` }),
  build({ ...common, format: 'esm', entryPoints: { main: 'electron/main.ts' }, outdir: `${out}/electron`, external: ['electron'] }),
  // A sandboxed preload must be a single CommonJS file with no imports but 'electron'.
  build({ ...common, format: 'cjs', packages: undefined, entryPoints: { preload: 'electron/preload.ts' }, outdir: `${out}/electron`, outExtension: { '.js': '.cjs' }, external: ['electron'] }),
]);

// Chunks of earlier builds (their names carry their content's hash) are removed only after the new
// ones are all written, so the chunks the new cli.js names are never missing. A CLI still running
// on the old cli.js may miss a chunk it loads lazily after this (restart a long `serve` after a build).
const written = new Set(Object.keys(cli.metafile.outputs).map((file) => relative(`${out}/node/chunks`, file)));
for (const file of readdirSync(`${out}/node/chunks`)) if (!written.has(file)) rmSync(join(`${out}/node/chunks`, file));
