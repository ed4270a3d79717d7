/**
 * The workbench window: locked down (checklist #2–#4, #6, #8–#10: context isolation, sandbox, no
 * Node in any frame or worker, web security on, no insecure content, no experimental or Blink
 * features, no <webview>), placed where it was last time, and remembering its place on close.
 * The security scan (test/security) reads this literal: keep webPreferences a plain object literal
 * without casts or spreads.
 */
import { BrowserWindow, screen } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { MIN_WINDOW_SIZE, fitToDisplays, loadWindowState, saveWindowState } from './window-state';

/** Creates the window and loads the app; it shows itself once the page has painted. */
export function createMainWindow(options: { preload: string; stateFile: string; isPackaged: boolean }): BrowserWindow {
  const state = fitToDisplays(
    loadWindowState(options.stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'DISARM Workbench',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click on a link would ask for a new window; denied anyway, and not offered.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      devTools: !options.isPackaged,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    try {
      saveWindowState(options.stateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      console.warn('[shell] could not remember the window position:', error);
    }
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
