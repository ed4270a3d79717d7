/**
 * Tidying a checkout: the technique pages whose workbench blocks are redundant now that the
 * generated part lists their incident with the same rows (shared/drafts/block-lifecycle.ts),
 * and their removal. Removing a block is a change below the line only, which the edit-line guard
 * accepts; a block whose rows differ from the generated ones is reported, never removed.
 */
import { readFile, stat } from 'node:fs/promises';
import { EDIT_LINE, lineNumberAt } from '../../shared/edit-line';
import { pageOfPath } from '../../shared/ids';
import { tidyPage, type EntryBlock } from '../../shared/drafts/block-lifecycle';
import { runGit } from '../git/core/runner';
import { resolveInCheckout } from '../paths';
import { writeFilesDurablySync } from '../store/durable-json-file';

const TECHNIQUE_FOLDER = 'generated_pages/techniques';

/** A block tidy looked at: on which page, about which incident, at which line. */
export interface TidyBlock {
  readonly file: string;
  readonly line: number;
  readonly incidentId: string;
}

export interface TidyReport {
  /** Redundant blocks: removed (or, with dryRun, to remove). */
  readonly removed: readonly TidyBlock[];
  /** Blocks kept because their rows differ from the generated ones: for the analyst to decide. */
  readonly differing: readonly TidyBlock[];
  /** Pages written (none with dryRun). */
  readonly written: readonly string[];
}

/**
 * Technique pages (repository paths) that carry a workbench block: one `git grep` over the
 * folder's files on disk, tracked or not, for either marker's common prefix.
 */
async function pagesWithBlocks(checkout: string): Promise<string[]> {
  const found = await runGit(checkout, ['grep', '-l', '-z', '--untracked', '--no-exclude-standard', '--no-textconv', '--fixed-strings', '-e', '<!-- disarm-workbench', '--', TECHNIQUE_FOLDER], { expectedExitCodes: [0, 1] });
  return found.stdout
    .toString('utf8')
    .split('\0')
    .filter((path) => pageOfPath(path)?.kind === 'technique');
}

function located(file: string, text: string, blocks: readonly EntryBlock[]): TidyBlock[] {
  return blocks.map((b) => ({ file, line: lineNumberAt(text, b.start), incidentId: b.block.incidentId }));
}

/** Finds, and unless `dryRun` removes, the checkout's redundant blocks. */
export async function tidyCheckout(checkout: string, options: { dryRun?: boolean; marker?: string } = {}): Promise<TidyReport> {
  const marker = options.marker ?? EDIT_LINE;
  const removed: TidyBlock[] = [];
  const differing: TidyBlock[] = [];
  const writes: { path: string; file: string; text: string; mode: number }[] = [];
  for (const file of await pagesWithBlocks(checkout)) {
    const path = resolveInCheckout(checkout, file);
    const text = await readFile(path, 'utf8');
    const tidied = tidyPage(text, marker);
    removed.push(...located(file, text, tidied.removed));
    differing.push(...located(file, text, tidied.differing));
    if (tidied.text !== text) writes.push({ path, file, text: tidied.text, mode: (await stat(path)).mode & 0o777 });
  }
  if (!options.dryRun && writes.length > 0) writeFilesDurablySync(writes);
  return { removed, differing, written: options.dryRun ? [] : writes.map((w) => w.file) };
}
