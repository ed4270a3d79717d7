/**
 * The loopback HTTP transport behind `disarm-workbench serve`: the same api as the desktop app's
 * IPC, through the same dispatcher (same validation), for a browser on this machine.
 *
 * The wall around it:
 * - it listens on 127.0.0.1 only;
 * - every request must name exactly that address and port in Host, and in Origin when a browser
 *   sends one, so a web page that rebinds its own DNS name to 127.0.0.1 gets nothing (403);
 * - every /api request must carry `Authorization: Bearer <token>`, a random per-launch token
 *   (401 otherwise); the token is never part of an api URL. The address printed at start carries
 *   it in the fragment (`#token=`), which the browser keeps to itself; the page moves it into
 *   sessionStorage and sends it as that header (renderer/src/lib/api/token.ts);
 * - the page itself is served with the same Content-Security-Policy as the desktop window;
 * - no CORS headers at all: another origin can neither read answers nor send the header.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, type ApiErrorCode } from '../../shared/api/errors';
import { HTTP_AUTH_SCHEME, HTTP_CALL_PATH, HTTP_EVENTS_PATH, TOKEN_FRAGMENT_KEY, type Envelope } from '../../shared/api/wire';
import type { Dispatch } from '../api/dispatch';
import type { EventBus } from '../services/event-bus';
import { SECURITY_HEADERS } from '../shell/csp';
import { resolveStaticFile } from './static-files';

/** The only address the server binds and answers at. */
const LOOPBACK_HOST = '127.0.0.1';
/** Larger request bodies are refused (an incident draft with its source article is far smaller). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** A comment line on the event stream this often keeps idle connections from being dropped. */
const HEARTBEAT_MS = 25_000;

/** What the server needs. */
export interface HttpServerOptions {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  /** 0 (default) lets the system choose a free port. */
  readonly port?: number;
  /** Tests may fix the token; otherwise 32 random bytes per launch. */
  readonly token?: string;
}

/** A running server. */
export interface RunningHttpServer {
  /** `http://127.0.0.1:PORT`, what Host and Origin must name. */
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** The address to open: the origin with the token in the fragment. */
  readonly url: string;
  /** Stops listening, ends event streams and open connections. */
  close(): Promise<void>;
}

/** A fresh token: 256 random bits, URL-safe. */
function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Starts the server; resolves once it listens. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const token = options.token ?? createToken();
  const tokenDigest = digest(token);
  const streams = new Set<ServerResponse>();
  let origin = '';

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[serve] request failed:', error);
      if (!response.headersSent) sendError(response, 500, new ApiError('internal', 'The server failed to answer this request.'));
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = request.headers.host;
    if (host !== origin.slice('http://'.length)) {
      return sendError(response, 403, new ApiError('unauthorized', `This server answers only at ${origin}; a request for host ${JSON.stringify(host ?? '')} was refused.`));
    }
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      return sendError(response, 403, new ApiError('unauthorized', `Requests from ${JSON.stringify(requestOrigin)} are refused; only the workbench page at ${origin} may call it.`));
    }
    if (request.headers['sec-fetch-site'] === 'cross-site') {
      return sendError(response, 403, new ApiError('unauthorized', 'Cross-site requests are refused.'));
    }
    const pathname = new URL(request.url ?? '/', origin).pathname;
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      if (!hasToken(request.headers.authorization, tokenDigest)) {
        response.setHeader('WWW-Authenticate', HTTP_AUTH_SCHEME);
        return sendError(response, 401, new ApiError('unauthorized', `Missing or wrong access token. Open the address that \`disarm-workbench serve\` printed; it carries this launch's token.`));
      }
      if (pathname === HTTP_CALL_PATH) return handleCall(request, response);
      if (pathname === HTTP_EVENTS_PATH) return handleEvents(request, response);
      return sendError(response, 404, new ApiError('not-found', `There is no api route ${pathname}.`));
    }
    return handleStatic(request, response, pathname);
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return sendError(response, 405, new ApiError('bad-request', `${HTTP_CALL_PATH} takes POST requests.`));
    }
    if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
      return sendError(response, 415, new ApiError('bad-request', 'An api call is a JSON body: Content-Type must be application/json.'));
    }
    const body = await readBody(request);
    if (body === undefined) {
      response.setHeader('Connection', 'close');
      return sendError(response, 413, new ApiError('bad-request', `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`));
    }
    let call: unknown;
    try {
      call = JSON.parse(body);
    } catch {
      return sendError(response, 400, new ApiError('bad-request', 'The request body is not valid JSON.'));
    }
    if (typeof call !== 'object' || call === null || Array.isArray(call) || !('operation' in call)) {
      return sendError(response, 400, new ApiError('bad-request', 'An api call is a JSON object { "operation": "...", "args": {...} }.'));
    }
    const envelope = await options.dispatch(call.operation, 'args' in call ? call.args : undefined, { transport: 'http' });
    sendJson(response, envelope.ok ? 200 : statusOf(envelope.error.code), envelope);
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET') {
      response.setHeader('Allow', 'GET');
      return sendError(response, 405, new ApiError('bad-request', `${HTTP_EVENTS_PATH} takes GET requests.`));
    }
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(': connected\n\n');
    streams.add(response);
    const unsubscribe = options.events.subscribe((event, payload) => {
      response.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    response.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(response);
    });
  }

  function handleStatic(request: IncomingMessage, response: ServerResponse, pathname: string): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return sendError(response, 405, new ApiError('bad-request', 'Only GET and HEAD are served here.'));
    }
    const found = resolveStaticFile(options.rendererDir, pathname);
    if (!found) return sendError(response, 404, new ApiError('not-found', `Not found: ${pathname.slice(0, 200)}`));
    response.writeHead(200, found.headers);
    if (request.method === 'HEAD') return void response.end();
    createReadStream(found.file)
      .on('error', () => response.destroy())
      .pipe(response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = portOf(server.address());
  origin = `http://${LOOPBACK_HOST}:${port}`;

  return {
    origin,
    port,
    token,
    url: `${origin}/#${TOKEN_FRAGMENT_KEY}=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The HTTP status that goes with an api error code (the body says the rest). */
function statusOf(code: ApiErrorCode): number {
  switch (code) {
    case 'bad-request':
    case 'not-a-checkout':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not-found':
    case 'unknown-operation':
      return 404;
    case 'no-repository':
    case 'conflict':
      return 409;
    case 'guard-violation':
      return 422;
    case 'busy':
      return 423;
    case 'cancelled':
      return 409;
    case 'timeout':
      return 504;
    case 'store-not-writable':
      return 503;
    case 'git':
    case 'internal':
      return 500;
  }
}

function portOf(address: AddressInfo | string | null): number {
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on a TCP port');
  return address.port;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares digests in constant time, so response timing says nothing about the token. */
function hasToken(header: string | undefined, expected: Buffer): boolean {
  const prefix = `${HTTP_AUTH_SCHEME} `;
  if (header === undefined || !header.startsWith(prefix)) return false;
  return timingSafeEqual(digest(header.slice(prefix.length).trim()), expected);
}

/** The body as text, or undefined when it exceeds MAX_BODY_BYTES. */
async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, status: number, body: Envelope): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function sendError(response: ServerResponse, status: number, error: ApiError): void {
  sendJson(response, status, { ok: false, error: error.toData() });
}
