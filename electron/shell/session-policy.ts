/**
 * The session of the workbench window grants nothing and fetches nothing remote: every
 * permission request and check is denied (checklist #5: the app needs no camera, notifications,
 * clipboard-read...), and any http(s) or websocket request a page makes is cancelled, a second
 * wall behind the CSP's connect-src (checklist #1: no remote content). Requests the browser
 * process makes for itself (no webContents) are left alone. Tested without Electron.
 */

/** A request as Electron's webRequest describes it. */
export interface RequestDetails {
  readonly url: string;
  readonly webContentsId?: number;
}

/** Electron's Session, as far as the policy uses it. */
export interface PolicedSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  readonly webRequest: {
    onBeforeRequest(filter: { urls: string[] }, listener: (details: RequestDetails, callback: (response: { cancel?: boolean }) => void) => void): void;
  };
}

/** Requests from pages to these are cancelled. */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/** Applies the policy to `session`; `log` reports what was refused. */
export function applySessionPolicy(session: PolicedSession, log: (message: string) => void = console.warn): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`[shell] denied a request for the ${permission} permission`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (details, callback) => {
    if (details.webContentsId === undefined) return callback({});
    log(`[shell] blocked a request from the page to ${details.url.slice(0, 200)}`);
    callback({ cancel: true });
  });
}
