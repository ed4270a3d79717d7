/**
 * The answers of the app:// scheme: the built renderer's files, with the same security headers
 * (CSP first) that `serve` sends. Only GET of app://workbench/... is answered; the file lookup
 * (electron/transports/static-files.ts) refuses anything that could leave the renderer folder.
 * main.ts hands these answers to protocol.handle as Responses.
 */
import { readFile } from 'node:fs/promises';
import { resolveStaticFile } from '../transports/static-files';
import { isAppUrl } from './app-origin';
import { SECURITY_HEADERS } from './csp';

/** One answer of the scheme. */
export interface AppProtocolAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | string;
}

/** The answer to `method url` from the built renderer in `rendererDir`. */
export async function answerAppRequest(rendererDir: string, method: string, url: string): Promise<AppProtocolAnswer> {
  const refuse = (status: number, text: string): AppProtocolAnswer => ({ status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: text });
  // The same test of "a page of the app" as the IPC sender check (an unreadable address is none).
  if (!isAppUrl(url)) return refuse(404, 'Not found');
  if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'Only GET is served');
  const found = resolveStaticFile(rendererDir, new URL(url).pathname);
  if (!found) return refuse(404, 'Not found');
  const body = method === 'HEAD' ? '' : await readFile(found.file);
  return { status: 200, headers: { ...found.headers }, body };
}
