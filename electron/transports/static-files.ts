/**
 * The built renderer as files to serve, for both hosts of the page: `serve`'s HTTP server and the
 * desktop app's app:// protocol. A request path is decoded once and refused if it could leave the
 * renderer folder (`..`, backslashes, NUL, dotfiles, a symbolic link pointing out), so neither
 * host can be made to read anything else on the machine.
 */
import { realpathSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { isInside } from '../paths';
import { SECURITY_HEADERS } from '../shell/csp';

/** MIME types of what Vite emits; anything else is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** A file of the renderer to send. */
export interface StaticFile {
  readonly file: string;
  readonly contentType: string;
  /** The headers both hosts send with it: the page's security headers, its type, and revalidation on each load. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The file for a URL pathname (`/`, `/assets/index-abc.js`), or undefined when there is none or
 * the path is refused. `rendererDir` is the built renderer (dist/renderer).
 */
export function resolveStaticFile(rendererDir: string, pathname: string): StaticFile | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  // Dotfiles too: nothing Vite emits starts with a dot, and `..`/`.` are how paths escape.
  if (segments.some((segment) => segment.startsWith('.'))) return undefined;
  if (segments.length === 0) segments.push('index.html');
  const contentType = CONTENT_TYPES[extname(segments[segments.length - 1] ?? '').toLowerCase()];
  if (contentType === undefined) return undefined;
  let root: string;
  let real: string;
  try {
    root = realpathSync(rendererDir);
    real = realpathSync(join(root, ...segments));
    if (!statSync(real).isFile()) return undefined;
  } catch {
    return undefined;
  }
  // The link-resolved file must still be inside (root itself is a folder, refused above).
  if (!isInside(root, real)) return undefined;
  return { file: real, contentType, headers: { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-cache' } };
}
