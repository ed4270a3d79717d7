/**
 * The renderer's typed api client over the real back end, in this process: the dispatcher both
 * transports use, with real services on a real clone. Only the wire (HTTP or IPC) is left out, so
 * the renderer's models are tested headless against what the back end really answers.
 */
import { createApiClient, type ApiClient } from '../../../shared/api/client';
import type { Services } from '../../../electron/services/container';
import { startBackEnd } from '../../helpers/api-over-clone';
import { cloneHistory, type HistoryClone } from '../../helpers/fixtures';

/** A client, its services, the clone they have open, and `dispose` to stop them and remove the clone and the user-data folder. */
export interface InProcessApi {
  readonly api: ApiClient;
  readonly services: Services;
  readonly clone: HistoryClone;
  readonly dispose: () => Promise<void>;
}

/** Starts the back end with a fresh clone of the history bundle open (every renderer test wants one). */
export async function startInProcessApi(): Promise<InProcessApi> {
  const clone = cloneHistory();
  const backEnd = await startBackEnd().catch((error: unknown) => {
    clone.dispose();
    throw error;
  });
  const { services } = backEnd;
  services.workspace.set(clone.path);
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const api = createApiClient({
    async invoke(operation, args) {
      const envelope = await backEnd.dispatch(operation, args);
      if (!envelope.ok) throw envelope.error;
      return envelope.result;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  const unsubscribe = services.events.subscribe((event: string, payload: unknown) => {
    for (const listener of listeners) listener(event, payload);
  });
  return {
    api,
    services,
    clone,
    async dispose() {
      unsubscribe();
      await backEnd.dispose();
      clone.dispose();
    },
  };
}
