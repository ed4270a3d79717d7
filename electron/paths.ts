/**
 * Paths that come from the UI are resolved inside the open checkout and nowhere else. The api's
 * RepoPath schema already refuses `..`, absolute paths and leading dashes; this is the second wall,
 * which also follows symbolic links, since a link inside the checkout may point anywhere, and
 * which keeps every caller (files.read, pages.saveNotes, the git service's paths) out of `.git`.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ApiError } from '../shared/api/errors';

/** True when `child` is `parent` or inside it (both absolute, already resolved). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  // Outside means a first segment of `..` (a name such as `..notes.md` is inside), or another drive.
  return rel.split(sep)[0] !== '..' && !isAbsolute(rel);
}

/**
 * The absolute path of `relPath` inside `checkout`, refusing anything that leaves it or lies in
 * `.git`, including through a symbolic link. A path that does not exist yet (a new page) is
 * checked through its nearest existing parent folder.
 */
export function resolveInCheckout(checkout: string, relPath: string): string {
  const root = realpathSync(checkout);
  const target = resolve(root, relPath);
  if (!isInside(root, target)) throw outside(relPath);
  const real = realpathOfNearestExisting(target);
  if (!isInside(root, real)) throw outside(relPath);
  if (inGitFolder(relative(root, target)) || inGitFolder(relative(root, real))) throw insideGit(relPath);
  return target;
}

/** The path relative to the checkout with forward slashes (what git and the api use). */
export function toRepoPath(checkout: string, absolute: string): string {
  return relative(realpathSync(checkout), absolute).split(sep).join('/');
}

function realpathOfNearestExisting(path: string): string {
  let current = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return resolve(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = resolve(current, '..');
      if (parent === current) return path;
      rest.push(current.slice(parent.length + 1));
      current = parent;
    }
  }
}

// .git holds the remotes' addresses (which may carry credentials) and the hooks: never a file
// to show, write or stage. Compared without case, as case-insensitive file systems do.
function inGitFolder(rel: string): boolean {
  return rel.split(sep).some((segment) => segment.toLowerCase() === '.git');
}

function insideGit(relPath: string): ApiError {
  return new ApiError('forbidden', `The path ${JSON.stringify(relPath.slice(0, 200))} is inside .git, which is not part of the checkout's files; the workbench reads and writes only those.`);
}

function outside(relPath: string): ApiError {
  return new ApiError('forbidden', `The path ${JSON.stringify(relPath.slice(0, 200))} is outside the open checkout; only files inside it can be read or written.`);
}
