/**
 * The preload of the workbench window: runs sandboxed and context-isolated, and exposes exactly
 * two functions to the page as `window.disarmWorkbench` (shared/api/wire.ts Bridge): `invoke` an
 * api operation over the one invoke channel, and `subscribe` to the one event channel. Never
 * ipcRenderer itself, never a channel name chosen by the page (Electron security checklist #20).
 * The main process checks the sender and validates every argument and result.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type Bridge } from '../shared/api/wire';

const bridge: Bridge = {
  invoke: (operation, args) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, String(operation), args),
  subscribe(listener) {
    if (typeof listener !== 'function') throw new TypeError('subscribe takes a function');
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
