/** What a file reader returns, and the error it throws with a message written for the analyst. */

/** A source file's text, and what the analyst is to be told about how it was read. */
export interface ReadSource {
  readonly text: string;
  /** Things left out or not readable, shown as notices (never dropped silently). */
  readonly notices: readonly string[];
  /** A title the file gives itself (a web page's article title), to prefill the source's. */
  readonly title?: string;
  /** The file's whole text, when `text` is an extract of it: what was left out, to bring back. */
  readonly whole?: string;
}

/** A file that cannot be used as a source; its message says why and what to do. */
export class SourceFileError extends Error {
  override readonly name = 'SourceFileError';
}

/** A library's error as the end of a message: its text without a closing full stop. */
export function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim().replace(/\.$/, '');
}
