/**
 * Repair: put a page's generated part back from HEAD and keep the analyst's notes, in the work
 * tree and, when the page has staged changes, in the index too (each with its own notes, so an
 * unstaged edit is not staged by the repair). Explicit, never automatic; nothing below the line
 * is ever dropped (shared/guard/repair.ts). The mode of the last commit is put back too (the
 * guard's mode-changed: a page made executable).
 */
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { repairGeneratedPart } from '../../shared/guard';
import { decodeLosslessly } from './core/decode';
import { runGit, runGitText } from './core/runner';

/** What the repair did to each copy of the page. */
export type RepairAction = 'repaired' | 'unchanged' | 'restored';

export interface RepairOutcome {
  readonly path: string;
  readonly workTree: RepairAction;
  readonly index: RepairAction;
  /** Where the kept notes came from: below the line, or the whole text (the line itself was lost). */
  readonly notesFrom: 'below-line' | 'whole-text' | 'none';
}

/** Repairs `path` (validated, inside the checkout). */
export async function repairPage(checkout: string, path: string, marker?: string): Promise<RepairOutcome> {
  // HEAD's entry for the path (once: its id and mode serve the index below too).
  const committed = await headEntry(checkout, path);
  if (!committed) throw new ApiError('not-found', `${path} is not a file in the last commit, so there is no generated part to restore (a new page is checked, not repaired).`);
  // The committed text in both forms: as git stores it (for the index) and as it is checked out (for the work tree: line endings, filters).
  const [blob, filtered] = await Promise.all([runGit(checkout, ['cat-file', 'blob', committed.oid]), runGit(checkout, ['cat-file', '--filters', `HEAD:${path}`])]);
  const stored = blob.stdout;
  const checkedOut = filtered.stdout;

  const absolute = join(checkout, path);
  let workTree: RepairAction = 'unchanged';
  let notesFrom: RepairOutcome['notesFrom'] = 'none';
  if (!existsSync(absolute)) {
    writeAtomically(absolute, checkedOut);
    workTree = 'restored';
  } else {
    if (!lstatSync(absolute).isFile()) throw new ApiError('conflict', `${path} is not a regular file in the work tree; remove it and repair again.`);
    const outcome = repairBytes(path, checkedOut, readFileSync(absolute), marker);
    notesFrom = outcome.notesFrom;
    if (outcome.bytes) {
      writeAtomically(absolute, outcome.bytes);
      workTree = 'repaired';
    }
    if (restoreExecutableBit(absolute, committed.mode)) workTree = 'repaired';
  }

  const staged = await stagedEntry(checkout, path);
  let index: RepairAction = 'unchanged';
  if (!staged) {
    // Its deletion was staged: the committed page goes back into the index.
    await updateIndex(checkout, path, committed.mode, committed.oid);
    index = 'restored';
  } else if (staged.oid !== committed.oid || staged.mode !== committed.mode) {
    const current = staged.oid === committed.oid ? stored : (await runGit(checkout, ['cat-file', 'blob', staged.oid])).stdout;
    const outcome = repairBytes(path, stored, current, marker);
    // The staged notes (repaired when needed), under the committed mode.
    if (outcome.bytes || staged.mode !== committed.mode) {
      await updateIndex(checkout, path, committed.mode, outcome.bytes ? await writeBlob(checkout, outcome.bytes) : staged.oid);
      index = 'repaired';
    }
  }
  return { path, workTree, index, notesFrom };
}

function repairBytes(path: string, base: Buffer, current: Buffer, marker: string | undefined): { bytes?: Buffer; notesFrom: 'below-line' | 'whole-text' } {
  const { texts, encoding } = decodeLosslessly([base, current]);
  const result = repairGeneratedPart(texts[0] ?? '', texts[1] ?? '', marker);
  if (!result.ok) throw new ApiError('conflict', `${path} cannot be repaired: ${result.reason}.`);
  if (result.unchanged) return { notesFrom: result.notesFrom };
  return { bytes: Buffer.from(result.text, encoding === 'utf8' ? 'utf8' : 'latin1'), notesFrom: result.notesFrom };
}

/**
 * Gives the work-tree file the executable bit of the committed mode (100644: none) and says
 * whether it had to. On a file system without modes (Windows) git does not see the bit either.
 */
function restoreExecutableBit(absolute: string, committedMode: string): boolean {
  if (process.platform === 'win32') return false;
  const mode = lstatSync(absolute).mode & 0o7777;
  const executable = committedMode === '100755';
  if (((mode & 0o100) !== 0) === executable) return false;
  chmodSync(absolute, executable ? mode | ((mode & 0o444) >> 2) : mode & ~0o111);
  return true;
}

function writeAtomically(absolute: string, bytes: Buffer): void {
  const temporary = join(dirname(absolute), `.${Date.now()}-${process.pid}.disarm-repair`);
  writeFileSync(temporary, bytes);
  renameSync(temporary, absolute);
}

async function stagedEntry(checkout: string, path: string): Promise<{ mode: string; oid: string } | undefined> {
  const out = await runGitText(checkout, ['ls-files', '-s', '-z', '--', path]);
  const record = out.split('\0').find((r) => r.endsWith(`\t${path}`));
  if (!record) return undefined;
  const [mode = '100644', oid = ''] = record.split(/\s+/);
  return { mode, oid };
}

/** HEAD's blob at `path`; undefined when HEAD has no file there (nothing, a folder, or no commit yet). */
async function headEntry(checkout: string, path: string): Promise<{ mode: string; oid: string } | undefined> {
  const listed = await runGit(checkout, ['ls-tree', '-z', 'HEAD', '--', path], { expectedExitCodes: [0, 128] });
  const record = listed.stdout.toString('utf8').split('\0').find((r) => r.endsWith(`\t${path}`));
  const [mode = '', type = '', oid = ''] = record?.slice(0, record.indexOf('\t')).split(' ') ?? [];
  return type === 'blob' ? { mode, oid } : undefined;
}

async function writeBlob(checkout: string, bytes: Buffer): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'disarm-repair-'));
  try {
    const file = join(scratch, 'blob');
    writeFileSync(file, bytes);
    return (await runGitText(checkout, ['hash-object', '-w', '--no-filters', '--', file])).trim();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function updateIndex(checkout: string, path: string, mode: string, oid: string): Promise<void> {
  await runGit(checkout, ['update-index', '--add', '--cacheinfo', `${mode},${oid},${path}`]);
}
