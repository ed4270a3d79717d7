/**
 * The renderer's one way to the back end: `api.call('domain.verb', args)` and
 * `api.on('event', listener)`. In the desktop window it uses the preload's IPC bridge; in a
 * browser (`disarm-workbench serve`) it uses HTTP with the per-launch token.
 */
import { createApiClient, type ApiClient, type Transport } from '../../../../shared/api/client';
import { ApiError } from '../../../../shared/api/errors';
import { BRIDGE_GLOBAL } from '../../../../shared/api/wire';
import { createHttpTransport } from './http-transport';
import { createIpcTransport, isBridge } from './ipc-transport';
import { takeToken } from './token';

/** How this page reaches the back end: `none` is a served page opened without its token. */
export type Connection = 'ipc' | 'http' | 'none';

/** The transport for the environment `scope` (the window), and which one it is. */
export function pickTransport(scope: object): { connection: Connection; transport: Transport } {
  const bridge: unknown = Reflect.get(scope, BRIDGE_GLOBAL);
  if (isBridge(bridge)) return { connection: 'ipc', transport: createIpcTransport(bridge) };
  const token = typeof window !== 'undefined' && scope === window ? takeToken({ location: window.location, history: window.history, storage: window.sessionStorage }) : undefined;
  if (token !== undefined) return { connection: 'http', transport: createHttpTransport({ token, baseUrl: window.location.origin }) };
  return { connection: 'none', transport: withoutToken() };
}

/** What a served page opened without its token says (every call fails with it, and the start shows it). */
export const NO_TOKEN_MESSAGE = 'This page has no access token. Open the full address that `disarm-workbench serve` printed (it ends with #token=…).';

/** Every call fails with what to do: open the address `serve` printed. */
function withoutToken(): Transport {
  return {
    invoke: () => Promise.reject(new ApiError('unauthorized', NO_TOKEN_MESSAGE)),
    subscribe: () => () => {},
  };
}

const picked = pickTransport(globalThis);

/** How this page is connected (for a screen that explains a missing token). */
export const connection: Connection = picked.connection;

/** The typed api client of this page. */
export const api: ApiClient = createApiClient(picked.transport);
