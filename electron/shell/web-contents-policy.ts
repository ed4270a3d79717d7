/**
 * What a workbench page may do with its webContents: stay where it is. Navigation away from the
 * app and new windows are denied (checklist #13, #14); an https link the page tries to follow or
 * open goes to the system browser instead, after checkExternalUrl (#15); <webview> is never
 * attached (#11, #12). Written against the few members of Electron's WebContents it uses, so it
 * is tested without Electron.
 */
import { isAppUrl } from './app-origin';
import { checkExternalUrl } from './external-links';

/** The navigation events this policy listens to (Electron passes an event first). */
export interface PreventableEvent {
  preventDefault(): void;
}

/** Electron's WebContents, as far as the policy uses it. */
export interface PolicedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Applies the policy; `openExternal` is shell.openExternal, `log` reports what was refused. */
export function applyWebContentsPolicy(contents: PolicedContents, openExternal: (url: string) => void, log: (message: string) => void = console.warn): void {
  const sendOut = (url: string) => {
    const check = checkExternalUrl(url);
    if (check.ok) openExternal(check.url);
    else log(`[shell] not opening ${url.slice(0, 200)}: ${check.reason}`);
  };
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    sendOut(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    sendOut(url);
    return { action: 'deny' };
  });
}
