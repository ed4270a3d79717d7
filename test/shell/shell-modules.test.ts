// The plain modules of the desktop shell: window state on real files, the command line, the menu,
// opening a checkout on a real clone, and the user data folder.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services/container';
import { folderFromArgv } from '../../electron/shell/command-line';
import { HELP_LINKS, buildMenuTemplate } from '../../electron/shell/menu-template';
import { openCheckout } from '../../electron/shell/open-checkout';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/api/handlers';
import { defaultUserDataDir } from '../../electron/shell/user-data';
import { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, saveWindowState } from '../../electron/shell/window-state';
import type { ShellCommand } from '../../shared/api/ops/shell';
import { cloneHistory, git, tempDir, type HistoryClone } from '../helpers/fixtures';

describe('window state', () => {
  it('round-trips through its file and survives a damaged one', () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'nested', 'window-state.json');
      expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
      saveWindowState(file, { x: 10, y: 20, width: 1000, height: 700, maximized: true });
      expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
      for (const damaged of ['{', '[]', '{"width":"wide","height":700,"maximized":false}', '{"width":50,"height":50,"maximized":false}']) {
        writeFileSync(file, damaged);
        expect(loadWindowState(file), damaged).toEqual(DEFAULT_WINDOW_STATE);
      }
      expect(() => saveWindowState(file, { width: 1.5, height: 700, maximized: false })).toThrow();
      expect(readFileSync(file, 'utf8')).toBe('{"width":50,"height":50,"maximized":false}');
    } finally {
      dir.dispose();
    }
  });

  it('is fitted to the displays attached now', () => {
    const laptop = { x: 0, y: 0, width: 1440, height: 900 };
    const external = { x: 1440, y: 0, width: 2560, height: 1440 };
    const onExternal = { x: 1600, y: 100, width: 2000, height: 1200, maximized: false };
    expect(fitToDisplays(onExternal, [laptop, external])).toEqual(onExternal);
    // The external monitor is gone: the size shrinks to fit, the position is left to the system.
    expect(fitToDisplays(onExternal, [laptop])).toEqual({ width: 1440, height: 900, maximized: false });
    // Just a sliver of the title bar visible is not enough.
    expect(fitToDisplays({ x: 1400, y: 0, width: 1000, height: 800, maximized: false }, [laptop])).toEqual({ width: 1000, height: 800, maximized: false });
    expect(fitToDisplays({ x: 100, y: -40, width: 1000, height: 800, maximized: false }, [laptop])).toEqual({ width: 1000, height: 800, maximized: false });
    expect(fitToDisplays(DEFAULT_WINDOW_STATE, [])).toEqual(DEFAULT_WINDOW_STATE);
    expect(fitToDisplays({ width: 300, height: 300, maximized: false }, [laptop])).toEqual({ width: 800, height: 560, maximized: false });
  });
});

describe('the command line folder', () => {
  it('finds the folder in packaged and development launches, skipping switches', () => {
    expect(folderFromArgv(['/opt/DISARM Workbench/disarm-workbench', '/home/a/DISARMframeworks'], '/tmp', false)).toBe('/home/a/DISARMframeworks');
    expect(folderFromArgv(['/opt/app/disarm-workbench', '--no-sandbox', 'DISARMframeworks'], '/home/a', false)).toBe('/home/a/DISARMframeworks');
    expect(folderFromArgv(['electron', '.', '/data/checkout'], '/work', true)).toBe('/data/checkout');
    expect(folderFromArgv(['electron', '--inspect=0', '--remote-debugging-port=0', '/work/main', '/data/checkout'], '/work', true)).toBe('/data/checkout');
    expect(folderFromArgv(['electron', '.'], '/work', true)).toBeUndefined();
    expect(folderFromArgv(['/opt/app/disarm-workbench'], '/work', false)).toBeUndefined();
    expect(folderFromArgv(['/opt/app/disarm-workbench', '--', '../x'], '/work/main', false)).toBe('/work/x');
  });
});

describe('the application menu', () => {
  const build = (platform: NodeJS.Platform, isPackaged = true) => {
    const calls: string[] = [];
    const template = buildMenuTemplate({
      platform,
      appName: 'DISARM Workbench',
      isPackaged,
      actions: { openCheckout: () => calls.push('open'), command: (c: ShellCommand) => calls.push(c), openExternal: (url) => calls.push(url) },
    });
    return { template, calls };
  };
  const items = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
  const click = (template: MenuItemConstructorOptions[], label: string) => {
    const item = items(template).find((i) => i.label === label);
    if (!item?.click) throw new Error(`no item ${label}`);
    item.click(undefined as never, undefined, undefined as never);
  };

  it('has the usual menus and the workbench commands with their shortcuts', () => {
    const { template, calls } = build('linux');
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Workbench', 'Window', '&Help']);
    const all = items(template);
    const accelerators = Object.fromEntries(all.filter((i) => i.accelerator).map((i) => [i.label, i.accelerator]));
    expect(accelerators).toMatchObject({ 'Open Checkout…': 'CmdOrCtrl+O', 'New Incident': 'CmdOrCtrl+N', 'Search Techniques…': 'CmdOrCtrl+K', 'Review Changes…': 'CmdOrCtrl+Shift+R', 'Settings…': 'CmdOrCtrl+,' });
    const accs = all.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accs).size).toBe(accs.length);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit', 'zoomIn', 'togglefullscreen', 'about']) expect(all.some((i) => i.role === role), role).toBe(true);
    click(template, 'Open Checkout…');
    click(template, 'New Incident');
    click(template, 'Search Techniques…');
    click(template, 'Review Changes…');
    click(template, 'DISARM Foundation Website');
    expect(calls).toEqual(['open', 'new-incident', 'search', 'review', HELP_LINKS.website]);
  });

  it('follows the platform and hides developer tools in the packaged app', () => {
    const mac = build('darwin').template;
    expect(mac[0]?.label).toBe('DISARM Workbench');
    expect(items(mac).some((i) => i.role === 'hideOthers')).toBe(true);
    expect(items(build('linux', true).template).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(items(build('linux', false).template).some((i) => i.role === 'toggleDevTools')).toBe(true);
    for (const url of Object.values(HELP_LINKS)) expect(url.startsWith('https://')).toBe(true);
  });
});

describe('opening a checkout', () => {
  let clone: HistoryClone;
  beforeAll(() => {
    clone = cloneHistory();
  });
  afterAll(() => clone.dispose());

  it('opens a DISARM checkout through repo.open and refuses other folders, leaving the open one', async () => {
    const data = tempDir();
    const other = tempDir();
    try {
      const services = await createServices({ userDataDir: data.path, version: 'test' });
      const dispatch = createDispatcher(createHandlers(services), () => {});
      // Relative to the caller's working folder, as typed on a command line.
      expect(await openCheckout(dispatch, 'DISARMframeworks', { cwd: clone.root, transport: 'ipc' })).toBe(clone.path);
      expect(services.workspace.current()).toBe(clone.path);
      expect(await services.store.listRecent()).toEqual([expect.objectContaining({ path: clone.path })]);
      mkdirSync(join(other.path, 'repo'));
      git(join(other.path, 'repo'), 'init', '--quiet');
      writeFileSync(join(other.path, 'file'), '');
      const cases: [string, RegExp][] = [
        [join(other.path, 'missing'), /the folder does not exist/],
        [join(other.path, 'file'), /not a folder/],
        [other.path, /no \.git folder/],
        [join(other.path, 'repo'), /no generated_pages folder/],
      ];
      for (const [folder, reason] of cases) {
        await expect(openCheckout(dispatch, folder, { cwd: '/', transport: 'ipc' }), folder).rejects.toMatchObject({ code: 'not-a-checkout', message: expect.stringMatching(reason) });
        expect(services.workspace.current()).toBe(clone.path);
      }
    } finally {
      data.dispose();
      other.dispose();
    }
  });
});

describe('the user data folder', () => {
  it('is the platform application-data folder, as Electron would choose it', () => {
    expect(defaultUserDataDir('linux', {}, '/home/a')).toBe('/home/a/.config/disarm-workbench');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/a')).toBe('/xdg/disarm-workbench');
    expect(defaultUserDataDir('darwin', {}, '/Users/a')).toBe('/Users/a/Library/Application Support/disarm-workbench');
    expect(defaultUserDataDir('win32', { APPDATA: 'C:/Users/a/AppData/Roaming' }, 'C:/Users/a')).toBe('C:/Users/a/AppData/Roaming/disarm-workbench');
  });
});
