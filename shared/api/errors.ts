/**
 * The one error shape that crosses a transport. Services throw ApiError with a code the UI can act
 * on and a message an analyst can read (what was wrong, what to do); anything else becomes
 * `internal` with a generic message so no stack trace or path of the machine leaks to the page.
 */

/** Codes the UI can act on. */
export type ApiErrorCode =
  | 'bad-request' // arguments failed the operation's schema, or a value is not acceptable
  | 'unknown-operation'
  | 'unauthorized' // serve: missing or wrong token, foreign Host/Origin
  | 'forbidden' // IPC: a call from an unexpected frame; a path outside the checkout
  | 'no-repository' // an operation that needs an open checkout was called without one
  | 'not-a-checkout'
  | 'not-found'
  | 'conflict' // git: merge conflicts, a branch that exists, an id taken...
  | 'guard-violation' // the edit-line guard refused a change
  | 'git' // git failed; the message says how
  | 'busy' // a lock held by another process (index.lock, the store)
  | 'timeout' // git did not finish within its time limit and was stopped
  | 'cancelled' // the analyst cancelled a clone, fetch, pull or push
  | 'store-not-writable' // the drafts store file or its folder refuses writes (protected, read-only disk, full disk)
  | 'internal';

/** A plain, serialisable error description. */
export interface ApiErrorData {
  readonly code: ApiErrorCode;
  readonly message: string;
  /** Structured detail for the UI (e.g. guard violations, conflicted files); must be JSON. */
  readonly details?: unknown;
}

/** The error services throw and clients rethrow. */
export class ApiError extends Error implements ApiErrorData {
  readonly code: ApiErrorCode;
  readonly details?: unknown;

  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  /** The serialisable form sent over a transport. */
  toData(): ApiErrorData {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }

  /** Rebuilds an ApiError from what a transport carried. */
  static fromData(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.details);
  }
}

/** True for an ApiError, including one that crossed a realm (structured clone loses the class). */
export function isApiErrorData(value: unknown): value is ApiErrorData {
  return typeof value === 'object' && value !== null && typeof (value as ApiErrorData).code === 'string' && typeof (value as ApiErrorData).message === 'string';
}
