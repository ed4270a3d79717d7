/**
 * The folder given on the desktop app's command line: `disarm-workbench DIR` (packaged),
 * `electron . DIR` or `npm start -- DIR` (development). Switches (`--no-sandbox`, `--inspect=0`,
 * which Chromium, Node and test drivers add) are skipped wherever they are.
 */
import { resolve } from 'node:path';

/**
 * The folder argument of `argv` (process.argv of the app), resolved against `cwd`, or undefined.
 * `defaultApp` is Electron's process.defaultApp: true when run as `electron <app> ...`, where the
 * first plain argument is the app itself rather than the user's folder.
 */
export function folderFromArgv(argv: readonly string[], cwd: string, defaultApp: boolean): string | undefined {
  const plain = argv.slice(1).filter((arg) => !arg.startsWith('-'));
  const folder = plain[defaultApp ? 1 : 0];
  if (folder === undefined || folder === '') return undefined;
  return resolve(cwd, folder);
}
