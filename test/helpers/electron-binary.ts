/**
 * Electron's binary where its installer puts it: node_modules/electron/path.txt names the file
 * under dist/ (or ELECTRON_OVERRIDE_DIST_PATH). Requiring node_modules/electron would try to
 * download it instead, so this reads the same files without running its installer. The tests
 * that need the binary (the desktop app's launch, electron-builder --dir) are skipped with the
 * reason where it is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './fixtures';

/** The binary's path, or why there is none. */
export type ElectronBinary = { readonly path: string } | { readonly path: undefined; readonly reason: string };

const MISSING = 'Electron binary not installed (node_modules/electron/dist is empty: it is downloaded by `npm start` or `npx install-electron` with internet access)';

export function findElectron(): ElectronBinary {
  const dir = join(PROJECT_ROOT, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { path: undefined, reason: MISSING };
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { path: undefined, reason: MISSING };
}
