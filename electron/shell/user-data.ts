/**
 * Where the back end keeps drafts and settings when nobody says otherwise. The desktop app and
 * `serve` use the same folder, so a draft started in one is there in the other. It matches
 * Electron's own `userData` rule for an app named `disarm-workbench`.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder name under the platform's application-data folder. */
const APP_DATA_NAME = 'disarm-workbench';

/** The user data folder for `platform`, from the environment and home folder given. */
export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DATA_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DATA_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DATA_NAME);
}
