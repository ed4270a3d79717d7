/**
 * What the guard reads and what it reports. The guard is pure: the caller (the git service, the
 * CLI, a test) collects the changes as git will commit them and hands them over as text.
 */
import type { GuardRule } from './rules';

/** How a path changed, in git's terms (`git diff --raw` letters A, M, D, R, C, T, U). */
export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'typechanged' | 'unmerged';

/** Git's file modes that matter to the guard: a regular file, an executable, a link, a submodule. */
export type FileMode = '100644' | '100755' | '120000' | '160000';

/**
 * One changed path. Texts are what git will commit (blobs, after git's own clean filters and
 * line-ending normalisation), decoded losslessly: as UTF-8 when both sides are valid UTF-8,
 * otherwise one character per byte (`encoding: 'bytes'`), so that byte-for-byte equality of the
 * generated part is exactly string equality.
 */
export interface GuardChange {
  /** Repository-relative path with forward slashes (the new path of a rename). */
  readonly path: string;
  readonly status: ChangeStatus;
  /** The old path of a rename or copy. */
  readonly oldPath?: string;
  /** The text in the base version (HEAD, or the range's parent); absent for an added file. */
  readonly oldText?: string;
  /** The text to be committed; absent for a deleted file. */
  readonly newText?: string;
  readonly oldMode?: FileMode;
  readonly newMode?: FileMode;
  /** How the texts were decoded; 'bytes' means at least one side is not valid UTF-8. */
  readonly encoding?: 'utf8' | 'bytes';
  /**
   * The same two versions as bytes, when the caller holds them: a change that keeps every byte up
   * to the edit line is then allowed without reading the texts (generated-bytes.ts), which a
   * caller may decode only when asked for.
   */
  readonly oldBytes?: Uint8Array;
  readonly newBytes?: Uint8Array;
}

/** One refusal: which file, which line, which rule, in words an analyst can act on. */
export interface Violation {
  /** Repository-relative path (the new path of a rename). */
  readonly file: string;
  /** 1-based line of the first offending difference; 0 when the rule concerns the whole file. */
  readonly line: number;
  readonly rule: GuardRule;
  readonly message: string;
}

/** A check of a new incident page; returns its violations (none when the page may be added). */
export type NewPageCheck = (path: string, text: string, context: NewPageContext) => Violation[];

/** What a new-page check may need to know besides the text. */
export interface NewPageContext {
  /** Ids already used in the base version (pages and indexes); a new page must not reuse one. */
  readonly usedIds: ReadonlySet<string>;
  readonly encoding: 'utf8' | 'bytes';
  /** The edit-line marker in use. */
  readonly marker: string;
}

/** Options of a guard run. */
export interface GuardOptions {
  /** Ids in use in the base version; see NewPageContext. */
  readonly usedIds?: ReadonlySet<string>;
  /** The check of new incident pages; defaults to the structural check (see new-page.ts). */
  readonly checkNewPage?: NewPageCheck;
  /** The edit-line marker (a fork may name another); defaults to EDIT_LINE. */
  readonly marker?: string;
}
