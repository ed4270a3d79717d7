// The window's navigation, new-window, external-link and session rules, applied to fakes of
// Electron's WebContents and Session (Electron's binary cannot run here) and exercised the way
// Electron calls them.
import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from '../../electron/shell/external-links';
import { REMOTE_URL_PATTERNS, applySessionPolicy, type PolicedSession, type RequestDetails } from '../../electron/shell/session-policy';
import { applyWebContentsPolicy, type PolicedContents, type PreventableEvent } from '../../electron/shell/web-contents-policy';

class FakeEvent implements PreventableEvent {
  prevented = false;
  preventDefault(): void {
    this.prevented = true;
  }
}

class FakeContents implements PolicedContents {
  readonly listeners = new Map<string, (event: PreventableEvent, url: string) => void>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  on(event: string, listener: (event: PreventableEvent, url: string) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  fire(event: string, url = ''): boolean {
    const e = new FakeEvent();
    const listener = this.listeners.get(event);
    if (!listener) throw new Error(`no listener for ${event}`);
    listener(e, url);
    return e.prevented;
  }
}

describe('external links', () => {
  it('lets only https links with a host and no credentials out', () => {
    expect(checkExternalUrl('https://www.disarm.foundation/')).toEqual({ ok: true, url: 'https://www.disarm.foundation/' });
    expect(checkExternalUrl('https://example.org/a b')).toEqual({ ok: true, url: 'https://example.org/a%20b' });
    const refused: [string, RegExp][] = [
      ['http://example.org/', /only https/],
      ['file:///etc/passwd', /only https/],
      ['smb://server/share', /only https/],
      ['javascript:alert(1)', /only https/],
      ['ms-msdt:/id PCWDiagnostic', /only https/],
      ['vscode://file/etc/passwd', /only https/],
      ['https://user:pass@example.org/', /user name or password/],
      ['https://', /not a valid address/],
      ['not a url', /not a valid address/],
      [`https://example.org/${'a'.repeat(2100)}`, /too long/],
    ];
    for (const [url, reason] of refused) {
      const check = checkExternalUrl(url);
      expect(check.ok, url).toBe(false);
      expect(!check.ok && check.reason, url).toMatch(reason);
    }
  });
});

describe('the web contents policy', () => {
  const setup = () => {
    const contents = new FakeContents();
    const opened: string[] = [];
    const logged: string[] = [];
    applyWebContentsPolicy(contents, (url) => opened.push(url), (line) => logged.push(line));
    return { contents, opened, logged };
  };

  it('denies navigation away from the app, sending https links to the system browser', () => {
    const { contents, opened, logged } = setup();
    expect(contents.fire('will-navigate', 'app://workbench/index.html')).toBe(false);
    expect(contents.fire('will-navigate', 'https://example.org/article')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', 'http://example.org/')).toBe(true);
    expect(opened).toEqual(['https://example.org/article']);
    expect(logged.join('\n')).toContain('not opening file:///etc/passwd: only https links');
  });

  it('denies redirects out of the app and every <webview>', () => {
    const { contents } = setup();
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-redirect', 'app://workbench/index.html')).toBe(false);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window; https ones open in the system browser', () => {
    const { contents, opened } = setup();
    expect(contents.openHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://workbench/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.org/']);
  });
});

describe('the session policy', () => {
  class FakeSession implements PolicedSession {
    request?: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    check?: (webContents: unknown, permission: string) => boolean;
    device?: (details: unknown) => boolean;
    filter?: { urls: string[] };
    beforeRequest?: (details: RequestDetails, callback: (response: { cancel?: boolean }) => void) => void;
    setPermissionRequestHandler(handler: NonNullable<FakeSession['request']>): void {
      this.request = handler;
    }
    setPermissionCheckHandler(handler: NonNullable<FakeSession['check']>): void {
      this.check = handler;
    }
    setDevicePermissionHandler(handler: NonNullable<FakeSession['device']>): void {
      this.device = handler;
    }
    readonly webRequest = {
      onBeforeRequest: (filter: { urls: string[] }, listener: NonNullable<FakeSession['beforeRequest']>) => {
        this.filter = filter;
        this.beforeRequest = listener;
      },
    };
  }

  it('denies every permission request and check', () => {
    const session = new FakeSession();
    applySessionPolicy(session, () => {});
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      session.request?.({}, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
      expect(session.check?.({}, permission), permission).toBe(false);
    }
    expect(session.device?.({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels remote requests from pages, not the browser process own', () => {
    const session = new FakeSession();
    applySessionPolicy(session, () => {});
    expect(session.filter?.urls).toEqual(REMOTE_URL_PATTERNS);
    // Every remote scheme a page could reach, whatever the constant says.
    expect(session.filter?.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    const answer = (details: RequestDetails) => {
      let response: { cancel?: boolean } | undefined;
      session.beforeRequest?.(details, (r) => (response = r));
      return response;
    };
    expect(answer({ url: 'https://cdn.example/x.js', webContentsId: 1 })).toEqual({ cancel: true });
    expect(answer({ url: 'wss://evil.example/', webContentsId: 1 })).toEqual({ cancel: true });
    expect(answer({ url: 'https://redirector.gvt1.com/dictionary' })).toEqual({});
  });
});
