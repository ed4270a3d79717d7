/**
 * Every value a user types that reaches a git command line is checked here first: branch and
 * remote names, paths, clone sources, commit messages, author identities (revisions and ranges in
 * validate-revision.ts, which `check` loads without this module's schema library). A value
 * that could be read as an option (a leading `-`), run a transport program (`ext::`) or break out
 * of its field is refused with a message naming the field; the runner still puts values after
 * `--`/`--end-of-options`, and simple-git's protection still watches, behind this wall.
 */
import { isAbsolute } from 'node:path';
import { RefName, RepoPath } from '../../../shared/api/schemas';
import { refuseInput } from './refuse-input';

function checkSchema(field: string, value: string, schema: typeof RefName | typeof RepoPath): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success) refuseInput(field, value, parsed.error.issues[0]?.message ?? 'not acceptable');
  return parsed.data;
}

/** A branch name: git's ref rules, never an option, never HEAD. */
export function validBranchName(value: string): string {
  checkSchema('branch name', value, RefName);
  if (value === 'HEAD' || value === '@' || value.startsWith('refs/')) refuseInput('branch name', value, 'choose a plain branch name such as `incident-I00130`');
  return value;
}

/** A remote name (`origin`); the caller also checks that the remote exists. */
export function validRemoteName(value: string): string {
  checkSchema('remote name', value, RefName);
  if (value.includes('/')) refuseInput('remote name', value, 'a remote name has no `/`');
  return value;
}

/**
 * A path inside the checkout, relative, forward slashes, no segment starting with `-`. The
 * service then resolves it with resolveInCheckout (electron/paths), which refuses `.git`.
 */
export function validRepoPath(value: string): string {
  return checkSchema('path', value, RepoPath).replace(/\\/g, '/');
}

/** A commit message: some text, no NUL, not absurdly long. It travels in a file, never as an argument. */
export function validCommitMessage(value: string): string {
  if (value.trim() === '') refuseInput('commit message', value, 'write a message that says what the commit adds');
  if (value.includes('\0')) refuseInput('commit message', value, 'it contains a NUL character');
  if (value.length > 100_000) refuseInput('commit message', value, 'it is longer than 100,000 characters');
  return value;
}

const SCHEMES = ['https', 'http', 'ssh', 'git', 'file'];

/**
 * Where to clone from: an https, http, ssh, git or file URL, an scp-style `user@host:path`, or an
 * absolute local path (a checkout or a bundle file). Transport programs (`ext::`, `fd::`) and
 * anything that starts with `-` are refused.
 */
export function validCloneSource(value: string): string {
  const field = 'clone source';
  if (value.trim() !== value || value === '') refuseInput(field, value, 'it is empty or has spaces around it');
  if (value.startsWith('-')) refuseInput(field, value, 'it must not start with `-`');
  if (/[\0-\x1f\x7f]/.test(value)) refuseInput(field, value, 'it contains control characters');
  if (value.includes('::')) refuseInput(field, value, 'git transport helpers (`ext::`, `fd::` ...) are not allowed');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value);
  if (scheme) {
    if (!SCHEMES.includes((scheme[1] ?? '').toLowerCase())) refuseInput(field, value, `only ${SCHEMES.join(', ')} addresses are allowed`);
    if (/\s/.test(value)) refuseInput(field, value, 'an address has no spaces');
    return value;
  }
  if (isAbsolute(value)) return value;
  if (/^[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:[^\s]+$/.test(value) && !value.includes('@-')) return value;
  return refuseInput(field, value, 'give an https/ssh address, `user@host:path`, or the absolute path of a local checkout or bundle file');
}

/** An author identity from the app's settings. */
export interface AuthorIdentity {
  readonly name: string;
  readonly email: string;
}

/** The identity must fit git's ident format: no angle brackets or line breaks. */
export function validAuthor(author: AuthorIdentity): AuthorIdentity {
  const bad = /[<>\0\r\n]/;
  if (author.name.trim() === '' || bad.test(author.name)) refuseInput('author name', author.name, 'it must be a non-empty name without <, > or line breaks');
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(author.email)) refuseInput('author email', author.email, 'it must look like name@example.org');
  return { name: author.name.trim(), email: author.email };
}
