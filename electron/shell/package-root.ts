/**
 * The installed workbench's own folder (the one with its package.json), found from a module's
 * location: the same answer whether the code runs bundled (dist/node/cli.js) or from source in
 * tests, so `serve` finds the built renderer beside it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const PackageJson = z.object({ name: z.string(), version: z.string() });

/** The package folder and version, found upward from `moduleUrl`. */
export function findPackageRoot(moduleUrl: string = import.meta.url): { root: string; version: string } {
  let folder = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    const file = join(folder, 'package.json');
    if (existsSync(file)) {
      const parsed = PackageJson.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success && parsed.data.name === 'disarm-workbench') return { root: folder, version: parsed.data.version };
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`cannot find the disarm-workbench package above ${fileURLToPath(moduleUrl)}`);
    folder = parent;
  }
}
