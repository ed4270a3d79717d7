/**
 * Where the desktop window's page comes from: a custom, privileged `app://workbench/` scheme
 * served from the built renderer, rather than file:// (Electron security checklist #18: a file://
 * page may read any file the user can, and every file:// page would share its origin).
 */

/** The scheme registered as privileged before the app is ready. */
export const APP_SCHEME = 'app';
/** The one host of the scheme. */
const APP_HOST = 'workbench';
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True when `url` is a page of the app itself (the only place IPC calls may come from). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Compared by parts: WHATWG URL gives custom schemes the opaque origin "null".
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '' && parsed.port === '';
}
