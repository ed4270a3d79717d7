/**
 * Drafts as files, to move between machines (`draft export --format json`, `draft import`, and
 * `lint` of a draft file): read with positions, so that a diagnostic on a field of the draft
 * points at its line and column in the file (jsonc-parser keeps the offset of every value).
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { findNodeAtLocation, getNodeValue, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { lineNumberAt } from '../../shared/edit-line';
import { migrateDraft, DraftMigrationError } from '../../shared/drafts/migrations';
import type { Draft } from '../../shared/drafts/model';
import { columnAt } from '../../shared/validation/context';
import { writeFileDurably } from '../store/durable-json-file';

/** A draft file that could not be read as a draft; the message says why. */
export class DraftFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DraftFileError';
  }
}

/** A draft read from a file, with what locating its fields needs. */
export interface DraftFile {
  readonly draft: Draft;
  readonly text: string;
  readonly tree: Node;
}

/** Largest draft file read (a draft holds its source texts). */
const MAX_DRAFT_FILE = 64 * 1024 * 1024;

/** Reads a draft file of any known draft format (migrated to today's). */
export async function readDraftFile(file: string): Promise<DraftFile> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_DRAFT_FILE) throw new DraftFileError(`${file} is too large to be a draft (${bytes.length} bytes).`);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof DraftFileError) throw error;
    throw new DraftFileError(`${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (!tree || errors.length > 0) {
    const at = errors[0]?.offset ?? 0;
    throw new DraftFileError(`${file}:${lineNumberAt(text, at)}:${columnAt(text, at)} is not valid JSON, so it is not a draft file.`);
  }
  try {
    return { draft: migrateDraft(getNodeValue(tree) as unknown, { newId: randomUUID }), text, tree };
  } catch (error) {
    if (error instanceof DraftMigrationError) throw new DraftFileError(`${file}: ${error.message}`);
    throw error;
  }
}

/**
 * Line and column in the file of offset `start` within the draft field `field` (a dotted path
 * such as `annotations.2.explanation`). A field missing from the file (an empty list, a field of
 * an older format) points at the nearest enclosing value that is there.
 */
export function locateInFile(file: DraftFile, field: string, start: number): { line: number; column: number } {
  const segments = field === '' ? [] : field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let node: Node | undefined;
  for (let n = segments.length; n >= 0 && !node; n--) node = findNodeAtLocation(file.tree, segments.slice(0, n));
  const target = node ?? file.tree;
  let offset = target.offset;
  if (target.type === 'string' && typeof target.value === 'string' && node === findNodeAtLocation(file.tree, segments)) {
    // Inside the string: its opening quote, then the escaped form of the text before `start`.
    offset += 1 + JSON.stringify(target.value.slice(0, start)).length - 2;
  }
  return { line: lineNumberAt(file.text, offset), column: columnAt(file.text, offset) };
}

/** Writes a draft as a JSON file (atomically). */
export async function writeDraftFile(draft: Draft, file: string): Promise<void> {
  await writeFileDurably(file, JSON.stringify(draft, null, 2) + '\n', 0o644);
}
