// The IPC transport, driven by a fake ipcMain (Electron's binary cannot run here): calls go
// through the real dispatcher and services; the sender frame is checked before anything runs.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/api/handlers';
import { createServices, type Services } from '../../electron/services/container';
import { openCheckout } from '../../electron/shell/open-checkout';
import { bindIpc, type FrameLike, type InvokeEventLike, type IpcMainLike, type IpcTransport, type WebContentsLike } from '../../electron/transports/ipc';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, isEnvelope, type Envelope } from '../../shared/api/wire';
import { cloneHistory, tempDir, type HistoryClone } from '../helpers/fixtures';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** ipcMain as the transport sees it: records the handler so the test can "invoke" it. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(event: InvokeEventLike, ...args: unknown[]): Promise<Envelope> {
    const handler = this.handlers.get(IPC_INVOKE_CHANNEL);
    if (!handler) throw new Error('no handler registered');
    const answer = await handler(event, ...args);
    if (!isEnvelope(answer)) throw new Error(`not an envelope: ${JSON.stringify(answer)}`);
    return answer;
  }
}

class FakeContents implements WebContentsLike {
  readonly sent: unknown[][] = [];
  destroyed = false;
  private onDestroyed: (() => void) | undefined;
  constructor(readonly id: number) {}
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  once(_event: 'destroyed', listener: () => void): void {
    this.onDestroyed = listener;
  }
  destroy(): void {
    this.destroyed = true;
    this.onDestroyed?.();
  }
}

const mainFrame = (url = 'app://workbench/index.html'): FrameLike => ({ url, parent: null });
const fromWindow = (contents: FakeContents, frame: FrameLike | null = mainFrame()): InvokeEventLike => ({ sender: { id: contents.id }, senderFrame: frame });

describe('IPC transport', () => {
  let clone: HistoryClone;
  let data: { path: string; dispose: () => void };
  let services: Services;
  let ipcMain: FakeIpcMain;
  let transport: IpcTransport;
  let window: FakeContents;
  const logged: string[] = [];

  // The checkout is only read here: one clone serves every test.
  beforeAll(() => {
    clone = cloneHistory();
  });
  afterAll(() => clone.dispose());

  beforeEach(async () => {
    data = tempDir();
    services = await createServices({ userDataDir: data.path, version: '0.0.0-test' });
    const dispatch = createDispatcher(createHandlers(services), () => {});
    await openCheckout(dispatch, clone.path, { cwd: '/', transport: 'ipc' });
    ipcMain = new FakeIpcMain();
    transport = bindIpc({ ipcMain, dispatch, events: services.events, log: (m) => logged.push(m) });
    window = new FakeContents(7);
    transport.addWindow(window);
  });
  afterEach(() => {
    transport.dispose();
    data.dispose();
  });

  it('runs a call from the main frame of our window through the dispatcher', async () => {
    expect(await ipcMain.invoke(fromWindow(window), 'app.info', {})).toEqual({ ok: true, result: { version: '0.0.0-test', transport: 'ipc', canPickFolder: false } });
    const read = await ipcMain.invoke(fromWindow(window), 'files.read', { path: 'generated_pages/techniques/T0002.md' });
    expect(read.ok).toBe(true);
    expect(read.ok && JSON.stringify(read.result)).toContain('DO NOT EDIT ABOVE THIS LINE');
  });

  it('refuses an unknown operation with a clear error', async () => {
    const answer = await ipcMain.invoke(fromWindow(window), 'fs.deleteEverything', {});
    expect(answer).toEqual({ ok: false, error: { code: 'unknown-operation', message: 'There is no operation called "fs.deleteEverything".' } });
    const notAString = await ipcMain.invoke(fromWindow(window), { toString: () => 'app.info' }, {});
    expect(notAString.ok).toBe(false);
    expect(!notAString.ok && notAString.error.code).toBe('unknown-operation');
    const inherited = await ipcMain.invoke(fromWindow(window), '__proto__', {});
    expect(!inherited.ok && inherited.error.code).toBe('unknown-operation');
  });

  it('refuses malformed arguments, naming the field and the rule', async () => {
    const wrongType = await ipcMain.invoke(fromWindow(window), 'files.read', { path: 42 });
    expect(wrongType.ok).toBe(false);
    expect(!wrongType.ok && wrongType.error.code).toBe('bad-request');
    expect(!wrongType.ok && wrongType.error.message).toMatch(/^files\.read: path: /);

    const extraField = await ipcMain.invoke(fromWindow(window), 'app.info', { admin: true });
    expect(!extraField.ok && extraField.error.code).toBe('bad-request');

    const traversal = await ipcMain.invoke(fromWindow(window), 'files.read', { path: '../../etc/passwd' });
    expect(traversal).toMatchObject({ ok: false, error: { code: 'bad-request', message: 'files.read: path: the path must not leave the checkout (`..`)' } });

    const moreArguments = await ipcMain.invoke(fromWindow(window), 'app.info', {}, 'and more');
    expect(!moreArguments.ok && moreArguments.error).toEqual({ code: 'bad-request', message: 'A call carries one operation name and one argument object.' });
  });

  it('refuses calls from an unexpected frame before running anything', async () => {
    const cases: [string, InvokeEventLike, RegExp][] = [
      ['a sub-frame of our window', fromWindow(window, { url: 'app://workbench/index.html', parent: mainFrame() }), /sub-frame/],
      ['a remote page in our window', fromWindow(window, mainFrame('https://evil.example/')), /outside the app \(https:\/\/evil\.example\)/],
      ['a file:// page', fromWindow(window, mainFrame('file:///etc/passwd')), /outside the app \(file:\/\/\)/],
      ['a look-alike app host', fromWindow(window, mainFrame('app://workbench.evil/index.html')), /outside the app/],
      ['a frame that is gone', fromWindow(window, null), /frame is gone/],
      ['another webContents', fromWindow(new FakeContents(99)), /did not come from a workbench window/],
    ];
    for (const [what, event, reason] of cases) {
      const answer = await ipcMain.invoke(event, 'files.read', { path: 'generated_pages/techniques/T0002.md' });
      expect(answer.ok, what).toBe(false);
      expect(!answer.ok && answer.error.code, what).toBe('forbidden');
      expect(!answer.ok && answer.error.message, what).toMatch(reason);
      expect(!answer.ok && answer.error.message, what).toMatch(/^The workbench refused this call: /);
    }
    expect(logged.filter((line) => line.startsWith('refused a call of "files.read"'))).toHaveLength(cases.length);
  });

  it('stops trusting a window once it is destroyed', async () => {
    window.destroy();
    const answer = await ipcMain.invoke(fromWindow(window), 'app.info', {});
    expect(!answer.ok && answer.error.code).toBe('forbidden');
  });

  it('forwards events to live windows on the one event channel', () => {
    const second = new FakeContents(8);
    transport.addWindow(second);
    services.events.emit('shell.command', { command: 'reload' });
    expect(window.sent).toEqual([[IPC_EVENT_CHANNEL, 'shell.command', { command: 'reload' }]]);
    expect(second.sent).toHaveLength(1);
    second.destroy();
    services.events.emit('shell.command', { command: 'search' });
    expect(second.sent).toHaveLength(1);
    expect(window.sent).toHaveLength(2);
  });

  it('unbinds cleanly', () => {
    transport.dispose();
    expect(ipcMain.handlers.size).toBe(0);
    services.events.emit('shell.command', { command: 'reload' });
    expect(window.sent).toHaveLength(0);
  });
});
