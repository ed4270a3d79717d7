/**
 * The application menu: the usual items of each platform (roles, so they behave natively) and
 * the workbench's own commands. Built as plain data from the actions it is given, so its shape
 * and accelerators are tested without Electron; main.ts turns it into a Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ShellCommand } from '../../shared/api/ops/shell';

/** What the menu's own items do. */
export interface MenuActions {
  /** File > Open Checkout…: the system folder picker, then open. */
  openCheckout(): void;
  /** A command for the UI (sent as the `shell.command` event). */
  command(command: ShellCommand): void;
  /** Help links; they go through the same external-link check as the page's. */
  openExternal(url: string): void;
}

/** Where Help > DISARM Framework leads. */
export const HELP_LINKS = {
  website: 'https://www.disarm.foundation/',
  repository: 'https://github.com/DISARMFoundation/DISARMframeworks',
} as const;

/** The menu for `platform`; developer tools only when the app is not packaged. */
export function buildMenuTemplate(options: { platform: NodeJS.Platform; appName: string; isPackaged: boolean; actions: MenuActions }): MenuItemConstructorOptions[] {
  const { platform, appName, isPackaged, actions } = options;
  const mac = platform === 'darwin';
  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => actions.command('settings') },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Checkout…', accelerator: 'CmdOrCtrl+O', click: () => actions.openCheckout() },
      { label: 'New Incident', accelerator: 'CmdOrCtrl+N', click: () => actions.command('new-incident') },
      { type: 'separator' },
      ...(mac ? [{ role: 'close' } as const] : [{ label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => actions.command('settings') }, { type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'delete' }, { type: 'separator' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(isPackaged ? [] : [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
    ],
  };
  const workbench: MenuItemConstructorOptions = {
    label: '&Workbench',
    submenu: [
      { label: 'Search Techniques…', accelerator: 'CmdOrCtrl+K', click: () => actions.command('search') },
      { label: 'Review Changes…', accelerator: 'CmdOrCtrl+Shift+R', click: () => actions.command('review') },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: 'Window',
    role: 'windowMenu',
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: 'DISARM Foundation Website', click: () => actions.openExternal(HELP_LINKS.website) },
      { label: 'DISARM Frameworks on GitHub', click: () => actions.openExternal(HELP_LINKS.repository) },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
    ],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, workbench, windowMenu, help];
}
