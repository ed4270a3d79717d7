/**
 * What the analyst is told when the drafts store cannot be written: the file, the system's reason
 * and what to do about it, under the api code `store-not-writable` (not `internal`: nothing is
 * broken in the app, the file or its disk refuses). Every write of the store (the file, its lock,
 * a file moved aside or quarantined) goes through this one translation.
 */
import { dirname } from 'node:path';
import { ApiError } from '../../shared/api/errors';

/** The system errors that mean "this file or folder cannot be written", with what to do about each. */
const ADVICE: Readonly<Record<string, string>> = {
  EPERM: 'the file or its folder is protected: it may be marked immutable (`lsattr` shows an "i"; `chattr -i` removes it) or belong to another user',
  EACCES: 'permission denied: your user cannot write the file or its folder; give it write access (chmod, chown)',
  EROFS: 'the disk it is on is mounted read-only',
  ENOSPC: 'the disk is full; free some space',
  EDQUOT: 'your disk quota is used up; free some space',
};

/** The details a `store-not-writable` error carries for the UI. */
export interface StoreNotWritableDetails {
  readonly file: string;
  readonly errno: string;
  readonly syscall?: string;
}

/**
 * `error` as a `store-not-writable` ApiError if it is a system error that means the store
 * cannot be written; undefined for any other error (a bug, a schema refusal), which keeps its own
 * meaning.
 */
export function storeWriteError(file: string, error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error.code === 'store-not-writable' ? error : undefined;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  if (typeof code !== 'string' || !(code in ADVICE)) return undefined;
  const during = typeof syscall === 'string' ? ` during ${syscall}` : '';
  const message =
    `The drafts store at ${file} cannot be written (${code}${during}: ${ADVICE[code]}). ` +
    `Nothing in it was changed or lost; what was not saved stays where it was typed and is saved by the next attempt. ` +
    `Make ${file} and its folder ${dirname(file)} writable, then save again.`;
  const details: StoreNotWritableDetails = { file, errno: code, ...(typeof syscall === 'string' ? { syscall } : {}) };
  return new ApiError('store-not-writable', message, details);
}
