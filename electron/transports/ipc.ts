/**
 * The IPC transport of the desktop app: one invoke channel for calls, one event channel for what
 * the back end pushes. Every call goes through the dispatcher (operation, argument and result
 * checked against the contract) and only after its sender passes: it must come from the main
 * frame of one of our windows, showing a page of our own app:// origin. Anything else (an iframe,
 * a page the window was somehow navigated to, another webContents) gets a `forbidden` envelope.
 *
 * Written against the few members of Electron's objects it uses, so tests drive it with a fake
 * ipcMain where Electron's binary cannot run.
 */
import { ApiError } from '../../shared/api/errors';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type Envelope } from '../../shared/api/wire';
import type { Dispatch } from '../api/dispatch';
import type { EventBus } from '../services/event-bus';
import { isAppUrl } from '../shell/app-origin';

/** The frame a call came from (Electron's WebFrameMain). */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/** What a handler receives first (Electron's IpcMainInvokeEvent). */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

/** Electron's ipcMain, as far as the transport uses it. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** A window's webContents, as far as the transport uses it. */
export interface WebContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

/** Why a sender is refused, or undefined when it is trusted. */
export type SenderCheck = (event: InvokeEventLike) => string | undefined;

/** The bound transport. */
export interface IpcTransport {
  /** Trusts `contents` as a sender and sends it the back end's events until it is destroyed. */
  addWindow(contents: WebContentsLike): void;
  /** Removes the handler and stops forwarding events. */
  dispose(): void;
}

/** Binds the api to `ipcMain`. */
export function bindIpc(options: { ipcMain: IpcMainLike; dispatch: Dispatch; events: EventBus; log?: (message: string) => void }): IpcTransport {
  const { ipcMain, dispatch } = options;
  const log = options.log ?? ((message: string) => console.warn(`[ipc] ${message}`));
  const windows = new Map<number, WebContentsLike>();

  const checkSender: SenderCheck = (event) => {
    if (!windows.has(event.sender.id)) return 'it did not come from a workbench window';
    const frame = event.senderFrame;
    if (frame === null) return 'its frame is gone';
    if (frame.parent !== null) return 'it came from a sub-frame, not the window itself';
    if (!isAppUrl(frame.url)) return `it came from a page outside the app (${describeUrl(frame.url)})`;
    return undefined;
  };

  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, operation, args, ...extra): Promise<Envelope> => {
    const refusal = checkSender(event);
    if (refusal !== undefined) {
      log(`refused a call of ${JSON.stringify(String(operation)).slice(0, 80)}: ${refusal}`);
      return { ok: false, error: new ApiError('forbidden', `The workbench refused this call: ${refusal}.`).toData() };
    }
    if (extra.length > 0) {
      return { ok: false, error: new ApiError('bad-request', 'A call carries one operation name and one argument object.').toData() };
    }
    return dispatch(operation, args, { transport: 'ipc' });
  });

  const unsubscribe = options.events.subscribe((event, payload) => {
    for (const contents of windows.values()) {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event, payload);
    }
  });

  return {
    addWindow(contents) {
      windows.set(contents.id, contents);
      contents.once('destroyed', () => windows.delete(contents.id));
    },
    dispose() {
      ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
      unsubscribe();
      windows.clear();
    },
  };
}

/** The scheme and host of a URL, enough to say where a call came from without echoing a query. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'an unreadable address';
  }
}
