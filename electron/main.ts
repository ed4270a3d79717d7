/**
 * Electron's main process, kept thin: app lifecycle, one window, the menu, single instance, and
 * the wiring of the back end (services, dispatcher, IPC transport). Everything that can be decided
 * without Electron lives in electron/shell/ as plain, tested modules.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ApiError } from '../shared/api/errors';
import { createDispatcher, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { createServices, shutdownServices, type Services } from './services/container';
import { APP_SCHEME } from './shell/app-origin';
import { answerAppRequest } from './shell/app-protocol';
import { folderFromArgv } from './shell/command-line';
import { checkExternalUrl } from './shell/external-links';
import { buildMenuTemplate } from './shell/menu-template';
import { openCheckout } from './shell/open-checkout';
import { applySessionPolicy } from './shell/session-policy';
import { defaultUserDataDir } from './shell/user-data';
import { applyWebContentsPolicy } from './shell/web-contents-policy';
import { createMainWindow } from './shell/window';
import { WINDOW_STATE_FILE } from './shell/window-state';
import { bindIpc, type IpcTransport } from './transports/ipc';

const here = fileURLToPath(new URL('.', import.meta.url));
const PRELOAD = join(here, 'preload.cjs');
const RENDERER_DIR = join(here, '..', 'renderer');

/** What a second launch hands to the first: the folder it was given. */
const SecondInstanceData = z.object({ folder: z.string().max(4096).nullable() });

// Before anything else: where drafts and settings live (tests point it at a temporary folder),
// the app:// scheme's privileges, and a sandbox for every renderer.
app.setPath('userData', process.env.DISARM_WORKBENCH_USER_DATA ? resolve(process.env.DISARM_WORKBENCH_USER_DATA) : defaultUserDataDir());
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
app.enableSandbox();

const initialFolder = folderFromArgv(process.argv, process.cwd(), process.defaultApp === true);

if (app.requestSingleInstanceLock({ folder: initialFolder ?? null })) {
  void start().catch((error: unknown) => {
    console.error('[main] the workbench failed to start:', error);
    dialog.showErrorBox('DISARM Workbench could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
} else {
  // Another instance runs: it received our folder through 'second-instance' and takes over.
  app.quit();
}

async function start(): Promise<void> {
  // Filled in once the app is ready; the handlers below are registered before, so none is missed.
  const running: { services?: Services; dispatch?: Dispatch; ipc?: IpcTransport; window?: BrowserWindow; stopped: boolean } = { stopped: false };

  const openExternal = (url: string) => {
    const check = checkExternalUrl(url);
    if (check.ok) void shell.openExternal(check.url);
  };

  const openFolder = async (folder: string, cwd = process.cwd()) => {
    const { services, dispatch } = running;
    if (!services || !dispatch) return;
    try {
      await openCheckout(dispatch, folder, { cwd, transport: 'ipc' });
      services.events.emit('shell.command', { command: 'reload' });
    } catch (error) {
      dialog.showErrorBox('Cannot open this folder', error instanceof ApiError ? error.message : String(error));
    }
  };

  const showWindow = () => {
    const { window } = running;
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
      return;
    }
    running.window = createMainWindow({ preload: PRELOAD, stateFile: join(app.getPath('userData'), WINDOW_STATE_FILE), isPackaged: app.isPackaged });
    running.ipc?.addWindow(running.window.webContents);
  };

  app.on('web-contents-created', (_event, contents) => applyWebContentsPolicy(contents, openExternal));
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    showWindow();
    const data = SecondInstanceData.safeParse(additionalData);
    const folder = data.success ? data.data.folder : folderFromArgv(argv, workingDirectory, process.defaultApp === true);
    if (folder) void openFolder(folder, workingDirectory);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', showWindow);
  app.on('before-quit', (event) => {
    const { services } = running;
    if (running.stopped || !services) return;
    // Let the services finish pending writes (drafts) before the process ends.
    event.preventDefault();
    running.stopped = true;
    running.ipc?.dispose();
    void shutdownServices(services).finally(() => app.quit());
  });

  await app.whenReady();
  applySessionPolicy(session.defaultSession);
  session.defaultSession.protocol.handle(APP_SCHEME, async (request) => {
    const answer = await answerAppRequest(RENDERER_DIR, request.method, request.url);
    return new Response(typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
  });

  const pickFolder = async (title: string): Promise<string | undefined> => {
    const options = { title, properties: ['openDirectory' as const] };
    const { window } = running;
    const result = window && !window.isDestroyed() ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? undefined : result.filePaths[0];
  };
  const services = await createServices({ userDataDir: app.getPath('userData'), version: app.getVersion(), dialogs: { pickFolder } });
  running.services = services;
  running.dispatch = createDispatcher(createHandlers(services));
  running.ipc = bindIpc({ ipcMain, dispatch: running.dispatch, events: services.events });

  const openCheckoutDialog = async () => {
    const folder = await pickFolder('Open a DISARM framework checkout');
    if (folder) await openFolder(folder);
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        appName: app.name,
        isPackaged: app.isPackaged,
        actions: { openCheckout: () => void openCheckoutDialog(), command: (command) => services.events.emit('shell.command', { command }), openExternal },
      }),
    ),
  );

  if (initialFolder) await openFolder(initialFolder);
  showWindow();
}
