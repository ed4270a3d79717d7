/**
 * A lowdb adapter that never leaves a half-written file behind. lowdb's own JSONFile (through
 * steno) writes a temporary file and renames it, but does not fsync and uses one fixed temporary
 * name; a power cut can then leave an empty file, and two processes can trample each other's
 * temporary file. This adapter writes a uniquely named temporary file, fsyncs it, renames it over
 * the store and fsyncs the folder, so a reader (or a process killed at any instant) only ever
 * sees the old file or the new one.
 *
 * Reading returns the raw parsed JSON (or a parse failure): deciding what the content means
 * (migrate, salvage, refuse) is the store's job.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** What reading the file found. */
export type RawRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'unparseable'; readonly reason: string };

/** Temporary files older than this are leftovers of a killed process, removed on the next write. */
const STALE_TEMP_MS = 60_000;

/** A JSON file written atomically and durably. */
export class DurableJsonFile implements Adapter<RawRead> {
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  /** Reads and parses the file. */
  async read(): Promise<RawRead> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return { kind: 'missing' };
      // A folder in the file's place is no store either: reported and moved aside like junk.
      if (isErrno(error, 'EISDIR')) return { kind: 'unparseable', reason: 'it is a folder, not a file' };
      throw error;
    }
    try {
      return { kind: 'json', value: JSON.parse(text) as unknown };
    } catch (error) {
      const reason = text.trim() === '' ? 'the file is empty' : `the file is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
      return { kind: 'unparseable', reason };
    }
  }

  /** Writes `data.value` as JSON: temporary file, fsync, rename, fsync of the folder. */
  async write(data: RawRead): Promise<void> {
    if (data.kind !== 'json') throw new Error('only JSON values can be written');
    await writeFileDurably(this.file, JSON.stringify(data.value, null, 2) + '\n');
    await this.removeStaleTemporaryFiles();
  }

  /** Removes temporary files that killed processes left behind. */
  private async removeStaleTemporaryFiles(): Promise<void> {
    const dir = dirname(this.file);
    const prefix = temporaryPrefix(this.file);
    for (const name of await readdir(dir)) {
      if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
      const path = join(dir, name);
      try {
        const info = await stat(path);
        if (Date.now() - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
      } catch {
        // Another process removed it first.
      }
    }
  }
}

/**
 * Replaces `file` with `text` so that the file is, at every instant and after a crash, either
 * the old content or the new one. Also used for files the workbench exports.
 */
export async function writeFileDurably(file: string, text: string | Uint8Array, mode = 0o600): Promise<void> {
  const dir = dirname(file);
  const temp = temporaryPath(file);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dir);
}

/**
 * Replaces several files, each atomically (temporary file, fsync, rename) and the set durably
 * (each folder synced once, after its renames). Synchronous on purpose: for the score of small
 * files of one apply, the thread pool's round trips cost far more than the writes themselves.
 */
export function writeFilesDurablySync(files: readonly { readonly path: string; readonly text: string; readonly mode: number }[]): void {
  const temps: { temp: string; path: string }[] = [];
  let renamed = 0;
  try {
    for (const file of files) {
      const temp = temporaryPath(file.path);
      const fd = openSync(temp, 'wx', file.mode);
      temps.push({ temp, path: file.path });
      try {
        writeFileSync(fd, file.text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const { temp, path } of temps) {
      renameSync(temp, path);
      renamed += 1;
    }
  } finally {
    // Temporary files not renamed into place (a write or rename failed): none is left behind.
    for (const { temp } of temps.slice(renamed)) rmSync(temp, { force: true });
  }
  if (process.platform === 'win32') return;
  for (const dir of new Set(files.map((f) => dirname(f.path)))) {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** The start of the names of `file`'s temporary files (hidden, next to it). */
function temporaryPrefix(file: string): string {
  return `.${basename(file)}.`;
}

/** A temporary file for `file`'s next content: unique per process and write, so writers never share one. */
function temporaryPath(file: string): string {
  return join(dirname(file), `${temporaryPrefix(file)}${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Makes a rename durable (POSIX); folders cannot be opened for syncing on Windows, where rename is already journalled. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
