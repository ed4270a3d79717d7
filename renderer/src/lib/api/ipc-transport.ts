/**
 * The transport of the desktop window: the bridge the preload exposes (electron/preload.ts).
 * Its answers are envelopes; they are checked here like the HTTP server's, not trusted.
 */
import type { Transport } from '../../../../shared/api/client';
import { ApiError } from '../../../../shared/api/errors';
import { isEnvelope, type Bridge } from '../../../../shared/api/wire';

/** True when `value` has the bridge's two functions. */
export function isBridge(value: unknown): value is Bridge {
  return typeof value === 'object' && value !== null && 'invoke' in value && typeof value.invoke === 'function' && 'subscribe' in value && typeof value.subscribe === 'function';
}

/** The IPC transport over the preload's bridge. */
export function createIpcTransport(bridge: Bridge): Transport {
  return {
    async invoke(operation, args) {
      const envelope = await bridge.invoke(operation, args);
      if (!isEnvelope(envelope)) throw new ApiError('internal', 'The desktop app answered with something that is not an api answer.');
      if (envelope.ok) return envelope.result;
      throw ApiError.fromData(envelope.error);
    },
    subscribe: (listener) => bridge.subscribe(listener),
  };
}
