/**
 * The typed api client the renderer uses. It knows nothing of how calls travel: a Transport
 * (IPC bridge in the desktop app, HTTP in the browser; see renderer/src/lib/transport) carries
 * them, and every failure arrives as an ApiError.
 */
import { ApiError, isApiErrorData } from './errors';
import type { ApiInput, ApiOutput, EventName, EventPayload, OperationName } from './contract';

/** What a transport does: carry one call, and deliver pushed events. */
export interface Transport {
  /** Resolves with the operation's result; rejects with ApiErrorData (or an Error) on failure. */
  invoke(operation: string, args: unknown): Promise<unknown>;
  /** Calls `listener` for every event; returns the unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/** The typed surface over a transport. */
export interface ApiClient {
  call<N extends OperationName>(operation: N, args: ApiInput<N>): Promise<ApiOutput<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Wraps a transport in the typed client. */
export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(operation, args) {
      try {
        return (await transport.invoke(operation, args)) as never;
      } catch (error) {
        if (error instanceof ApiError) throw error;
        if (isApiErrorData(error)) throw ApiError.fromData(error);
        throw new ApiError('internal', error instanceof Error ? error.message : String(error));
      }
    },
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name === event) listener(payload as never);
      });
    },
  };
}
