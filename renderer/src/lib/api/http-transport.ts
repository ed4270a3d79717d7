/**
 * The transport of the page served by `disarm-workbench serve`: each call is a POST of
 * `{ operation, args }` to /api/call, events come from a fetch-read event stream at /api/events;
 * both carry the token as `Authorization: Bearer`, never in a URL (see token.ts for where the
 * token comes from, electron/transports/http-server.ts for the server's rules).
 */
import type { Transport } from '../../../../shared/api/client';
import { ApiError } from '../../../../shared/api/errors';
import { HTTP_AUTH_SCHEME, HTTP_CALL_PATH, HTTP_EVENTS_PATH, isEnvelope, isEventFrame } from '../../../../shared/api/wire';
import { createEventStreamParser } from './event-stream';

/** How the transport reaches the server. */
export interface HttpTransportOptions {
  readonly token: string;
  /** The server's origin; the page's own by default. */
  readonly baseUrl: string;
  /** Injected in tests; the browser's fetch by default. */
  readonly fetch?: typeof fetch;
  /** The first wait before reconnecting the event stream (doubles up to 10 s). */
  readonly retryMs?: number;
}

/** The HTTP transport. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const authorization = `${HTTP_AUTH_SCHEME} ${options.token}`;
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let stream: AbortController | undefined;

  async function invoke(operation: string, args: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetchImpl(new URL(HTTP_CALL_PATH, options.baseUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: authorization },
        body: JSON.stringify({ operation, args }),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError('internal', 'The workbench server cannot be reached. Is `disarm-workbench serve` still running?');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ApiError('internal', `The workbench server answered HTTP ${response.status} without an api answer.`);
    }
    if (!isEnvelope(body)) throw new ApiError('internal', `The workbench server answered HTTP ${response.status} with something that is not an api answer.`);
    if (body.ok) return body.result;
    throw ApiError.fromData(body.error);
  }

  async function follow(signal: AbortSignal): Promise<void> {
    const first = options.retryMs ?? 500;
    let delay = first;
    const deliver = createEventStreamParser((data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(data);
      } catch {
        return;
      }
      if (!isEventFrame(frame)) return;
      for (const listener of [...listeners]) {
        try {
          listener(frame.event, frame.payload);
        } catch (error) {
          console.error('[api] an event listener failed:', error);
        }
      }
    });
    while (!signal.aborted) {
      try {
        const response = await fetchImpl(new URL(HTTP_EVENTS_PATH, options.baseUrl), { headers: { Accept: 'text/event-stream', Authorization: authorization }, signal, credentials: 'omit', cache: 'no-store' });
        // A refused token will not become right by retrying.
        if (response.status === 401 || response.status === 403) return;
        if (response.ok && response.body) {
          delay = first;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            deliver(value);
          }
        }
      } catch {
        // The server went away or the stream was aborted; retry below unless aborted.
      }
      if (signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }

  return {
    invoke,
    subscribe(listener) {
      listeners.add(listener);
      if (!stream) {
        const controller = new AbortController();
        stream = controller;
        void follow(controller.signal);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stream) {
          stream.abort();
          stream = undefined;
        }
      };
    },
  };
}
