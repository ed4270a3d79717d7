/**
 * Drafts that fail on their own are set aside here, so that one bad draft never takes the others
 * out of the store: each goes, exactly as the file held it and with the reason it was refused,
 * into a quarantine file beside the store, written durably before the store stops holding it.
 *
 * The file's name is a digest of what it holds: setting the same drafts aside again (a repair
 * that could not finish, two processes repairing at once) finds the file already there and writes
 * no second copy.
 */
import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import { writeFileDurably } from './durable-json-file';
import type { LostDraft } from './store-schema';

/** What a quarantine file holds. */
export interface QuarantineFile {
  readonly about: string;
  readonly store: string;
  readonly drafts: readonly { readonly id: string | null; readonly reason: string; readonly draft: unknown }[];
}

/** Writes `drafts` to their quarantine file beside `storeFile` (once); resolves with its path. */
export async function writeQuarantine(storeFile: string, drafts: readonly LostDraft[], at: string): Promise<string> {
  const entries = drafts.map((d) => ({ id: d.id ?? null, reason: d.reason, draft: d.raw }));
  const digest = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16);
  const file = `${storeFile}.quarantine-${digest}.json`;
  if (await exists(file)) return file;
  const content: QuarantineFile & { readonly at: string } = {
    about: 'Drafts that DISARM Workbench set aside because they are not valid (each with the reason); every other draft stayed in the store. To get one back, save its "draft" value as a file, fix what the reason names, and run: disarm-workbench draft import FILE.',
    store: storeFile,
    at,
    drafts: entries,
  };
  await writeFileDurably(file, JSON.stringify(content, null, 2) + '\n');
  return file;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
