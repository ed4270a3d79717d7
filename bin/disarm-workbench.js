#!/usr/bin/env node
// The `disarm-workbench` command. The CLI is bundled by `npm run build` (which `npm install`
// runs through the `prepare` script); this shim only finds it and says what to do if it is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/node/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('disarm-workbench: the CLI is not built yet. Run `npm run build` in the project folder first.\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
