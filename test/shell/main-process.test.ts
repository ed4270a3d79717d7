// electron/main.ts wired to a stand-in for the 'electron' module (Electron's binary cannot run
// here): it must register the app:// scheme and the sandbox before the app is ready, open the
// folder from its command line, create one locked-down window on app://, bind the api to IPC,
// apply the session and navigation policies, follow a second launch, and stop the services
// before quitting. The stand-in records what main.ts asks of Electron and lets the test play
// Electron's part (fire events, invoke the IPC handler, request app:// pages).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/api/wire';
import { cloneHistory, type HistoryClone } from '../helpers/fixtures';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const calls: string[] = [];
  const appListeners = new Map<string, Listener>();
  const ipcHandlers = new Map<string, Listener>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const windows: { options: Record<string, unknown>; url?: string; webContents: { id: number; sent: unknown[][] } }[] = [];
  const session = {
    permissionRequest: undefined as Listener | undefined,
    beforeRequest: undefined as Listener | undefined,
  };
  const paths = new Map<string, string>();
  let ready = false;
  const electron = {
    app: {
      name: 'disarm-workbench',
      isPackaged: false,
      setPath: (name: string, value: string) => void paths.set(name, value),
      getPath: (name: string) => paths.get(name) ?? '',
      getVersion: () => '0.0.0-fake',
      enableSandbox: () => void calls.push(`enableSandbox ready=${ready}`),
      requestSingleInstanceLock: (data: unknown) => {
        calls.push(`requestSingleInstanceLock ${JSON.stringify(data)}`);
        return true;
      },
      on: (event: string, listener: Listener) => void appListeners.set(event, listener),
      whenReady: () => {
        ready = true;
        return Promise.resolve();
      },
      quit: () => void calls.push('quit'),
      exit: (code: number) => void calls.push(`exit ${code}`),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => void calls.push(`registerSchemesAsPrivileged ready=${ready} ${JSON.stringify(schemes)}`),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => void (session.permissionRequest = handler),
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
        webRequest: { onBeforeRequest: (_filter: unknown, listener: Listener) => void (session.beforeRequest = listener) },
        protocol: { handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void protocolHandlers.set(scheme, handler) },
      },
    },
    ipcMain: {
      handle: (channel: string, listener: Listener) => void ipcHandlers.set(channel, listener),
      removeHandler: (channel: string) => void ipcHandlers.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => void calls.push(`setApplicationMenu ${Array.isArray(menu) ? menu.length : 0}`),
    },
    dialog: {
      showErrorBox: (title: string, text: string) => void calls.push(`showErrorBox ${title}: ${text}`),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    },
    shell: { openExternal: async (url: string) => void calls.push(`openExternal ${url}`) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    BrowserWindow: class {
      readonly webContents: { id: number; sent: unknown[][]; send: (...args: unknown[]) => void; isDestroyed: () => boolean; once: () => void };
      constructor(options: Record<string, unknown>) {
        const record = { options, webContents: { id: 100 + windows.length, sent: [] as unknown[][] } };
        this.webContents = { ...record.webContents, send: (...args: unknown[]) => void record.webContents.sent.push(args), isDestroyed: () => false, once: () => undefined };
        windows.push(record);
      }
      loadURL(url: string) {
        const record = windows.at(-1);
        if (record) record.url = url;
        return Promise.resolve();
      }
      maximize() {}
      once() {}
      on() {}
      show() {}
      focus() {
        calls.push('focus');
      }
      isDestroyed() {
        return false;
      }
      isMinimized() {
        return false;
      }
    },
  };
  return { electron, calls, appListeners, ipcHandlers, protocolHandlers, windows, session, paths };
});

vi.mock('electron', () => fake.electron);

describe('the main process (with a stand-in for Electron)', () => {
  let clone: HistoryClone;
  let second: HistoryClone;
  const argv = process.argv;
  const userData = mkdtempSync(join(tmpdir(), 'disarm-main-'));

  const invoke = (operation: string, args: unknown, frameUrl = 'app://workbench/index.html') => {
    const handler = fake.ipcHandlers.get(IPC_INVOKE_CHANNEL);
    if (!handler) throw new Error('no IPC handler');
    const window = fake.windows[0];
    return handler({ sender: { id: window?.webContents.id }, senderFrame: { url: frameUrl, parent: null } }, operation, args);
  };

  beforeAll(async () => {
    clone = cloneHistory();
    second = cloneHistory();
    // A file only the second checkout has, to tell which one is open.
    writeFileSync(join(second.path, 'second-checkout.txt'), 'the second checkout\n');
    process.env.DISARM_WORKBENCH_USER_DATA = userData;
    // As the packaged app is launched: `disarm-workbench <folder>`.
    process.argv = ['/opt/DISARM Workbench/disarm-workbench', clone.path];
    await import('../../electron/main');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 20_000 });
  });
  afterAll(() => {
    process.argv = argv;
    delete process.env.DISARM_WORKBENCH_USER_DATA;
    clone.dispose();
    second.dispose();
  });

  it('prepares Electron before the app is ready', () => {
    const before = fake.calls.filter((c) => c.includes('ready=false'));
    expect(before.some((c) => c.startsWith('registerSchemesAsPrivileged') && c.includes('"scheme":"app"') && c.includes('"secure":true') && c.includes('"standard":true'))).toBe(true);
    expect(before).toContain('enableSandbox ready=false');
    expect(fake.paths.get('userData')).toBe(userData);
    expect(fake.calls).toContain(`requestSingleInstanceLock ${JSON.stringify({ folder: clone.path })}`);
  });

  it('creates one locked-down window on app://', () => {
    const [window] = fake.windows;
    expect(window?.url).toBe('app://workbench/index.html');
    expect(window?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false });
    expect(String((window?.options.webPreferences as { preload?: unknown } | undefined)?.preload)).toMatch(/preload\.cjs$/);
    expect(fake.calls.some((c) => c.startsWith('setApplicationMenu'))).toBe(true);
  });

  it('serves app:// from the renderer with the CSP header, and nothing outside it', async () => {
    const handler = fake.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const page = await handler?.(new Request('app://workbench/index.html'));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(await page?.text()).toContain('<div id="app"></div>');
    expect((await handler?.(new Request('app://workbench/../../../etc/passwd')))?.status).toBe(404);
  });

  it('opened the command-line folder and answers api calls over IPC from its window only', async () => {
    expect(await invoke('app.info', {})).toEqual({ ok: true, result: { version: '0.0.0-fake', transport: 'ipc', canPickFolder: true } });
    const read = await invoke('files.read', { path: 'generated_pages/techniques/T0002.md' });
    expect(read).toMatchObject({ ok: true });
    expect(await invoke('app.info', {}, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('applies the session and navigation policies', () => {
    let granted: boolean | undefined;
    fake.session.permissionRequest?.({}, 'media', (answer: boolean) => (granted = answer));
    expect(granted).toBe(false);
    const created = fake.appListeners.get('web-contents-created');
    const registered: string[] = [];
    created?.({}, { on: (event: string) => registered.push(event), setWindowOpenHandler: () => registered.push('window-open') });
    expect(registered.sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect', 'window-open']);
  });

  it('takes over a second launch: focuses the window and opens its folder', async () => {
    const sent = fake.windows[0]?.webContents.sent ?? [];
    const before = sent.length;
    fake.appListeners.get('second-instance')?.({}, ['/opt/app/disarm-workbench', second.path], '/', { folder: second.path });
    expect(fake.calls).toContain('focus');
    await vi.waitFor(() => expect(sent.slice(before)).toEqual([[IPC_EVENT_CHANNEL, 'shell.command', { command: 'reload' }]]));
    // The folder opened is the second launch's: its own file is read, and the recent list leads with it.
    const ownFile = { ok: true, result: { text: 'the second checkout\n' } };
    expect(await invoke('files.read', { path: 'second-checkout.txt' })).toMatchObject(ownFile);
    const opened = { ok: true, result: [expect.objectContaining({ path: second.path }), expect.objectContaining({ path: clone.path })] };
    expect(await invoke('recent.list', {})).toEqual(opened);
    // A folder that is not a checkout is refused with a message, and the open one stays.
    fake.appListeners.get('second-instance')?.({}, [], '/', { folder: userData });
    await vi.waitFor(() => expect(fake.calls.some((c) => c.startsWith('showErrorBox Cannot open this folder:') && c.includes('no .git folder'))).toBe(true));
    const read = await invoke('files.read', { path: 'generated_pages/techniques/T0002.md' });
    expect(read).toMatchObject({ ok: true });
    expect(await invoke('files.read', { path: 'second-checkout.txt' })).toMatchObject(ownFile);
    expect(await invoke('recent.list', {})).toEqual(opened);
  });

  it('stops the services before quitting', async () => {
    let prevented = false;
    fake.appListeners.get('before-quit')?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(fake.calls).toContain('quit'));
    expect(fake.ipcHandlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
  });
});
