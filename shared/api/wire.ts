/**
 * How api calls travel, for both ends of both transports: the names the desktop preload and the
 * IPC binding agree on, the routes and header of the loopback HTTP server, and the envelope every
 * call comes back in. Kept here (pure) because the renderer may import neither electron/ nor
 * Node, yet must speak exactly what the back end speaks.
 */
import { isApiErrorData, type ApiErrorData } from './errors';

/** The global under which the preload exposes the bridge in the desktop window (`window.disarmWorkbench`). */
export const BRIDGE_GLOBAL = 'disarmWorkbench';

/** The one IPC channel for calls (ipcRenderer.invoke / ipcMain.handle). */
export const IPC_INVOKE_CHANNEL = 'disarm-workbench:invoke';
/** The one IPC channel for events pushed to the window. */
export const IPC_EVENT_CHANNEL = 'disarm-workbench:event';

/** `serve`: POST a JSON `{ operation, args }` here. */
export const HTTP_CALL_PATH = '/api/call';
/** `serve`: GET a text/event-stream of `{ event, payload }` frames here. */
export const HTTP_EVENTS_PATH = '/api/events';
/** `serve`: every /api request carries `Authorization: Bearer <token>`; never the URL, which logs and histories keep. */
export const HTTP_AUTH_SCHEME = 'Bearer';
/** `serve`: the printed URL carries the token in its fragment (`#token=...`), which browsers never send to a server. */
export const TOKEN_FRAGMENT_KEY = 'token';

/** What the preload exposes; both functions carry envelopes, never thrown errors (IPC mangles those). */
export interface Bridge {
  /** Resolves with an Envelope, whatever happened. */
  invoke(operation: string, args: unknown): Promise<unknown>;
  /** Calls `listener` with each event's name and payload; returns the unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/** The answer to one call, on both transports. */
export type Envelope = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: ApiErrorData };

/** True for a well-formed envelope (what arrives over a transport is checked, not trusted). */
export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'result' in value;
  return value.ok === false && 'error' in value && isApiErrorData(value.error);
}

/** One frame of the HTTP event stream. */
export interface EventFrame {
  readonly event: string;
  readonly payload: unknown;
}

/** True for a well-formed event frame. */
export function isEventFrame(value: unknown): value is EventFrame {
  return typeof value === 'object' && value !== null && 'event' in value && typeof value.event === 'string' && 'payload' in value;
}
