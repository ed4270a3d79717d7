/**
 * A synthetic DISARM checkout N times the size of a real one, for measuring the workbench at the
 * scale a grown framework and its forks reach. Each copy k of every technique, incident, counter,
 * task and metatechnique page gets fresh ids (number + k * stride), and every id inside the copied
 * pages (titles, links, inline mentions) is rewritten with the same map, so links stay consistent
 * within a copy. Tactics (2 digits), phases and actor types cannot take 50 times their count in
 * their id grammar, so they are not copied: copies link to the originals, as a fork's would.
 * Made at bench time in a temporary folder; never committed.
 */
import { mkdir, readdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatId, parseId, PAGE_FOLDERS, PAGE_KINDS, type IdKind } from '../shared/ids';

/** The kinds copied, and how far apart copies' numbers are (above the largest id of the fixture); the other kinds' pages are written once. */
const STRIDES: Partial<Record<IdKind, number>> = { technique: 160, incident: 130, counter: 225, task: 45, metatechnique: 15 };
/** Ids of the copied kinds (TK, T, I, C, M: STRIDES' prefixes) inside a page's text. */
const ID_IN_TEXT = /\b(?:TK|T|I|C|M)\d{3,5}(?:\.\d{3})?\b/g;

export interface SyntheticCheckout {
  readonly folder: string;
  readonly pages: number;
}

/** Writes a checkout `factor` times the size of `source` (a folder with generated_pages/) into `target`. */
export async function makeSyntheticCheckout(source: string, target: string, factor: number): Promise<SyntheticCheckout> {
  let pages = 0;
  const sourcePages = join(source, 'generated_pages');
  await mkdir(join(target, 'generated_pages'), { recursive: true });
  for (const entry of await readdir(sourcePages, { withFileTypes: true })) {
    if (entry.isFile()) await copyFile(join(sourcePages, entry.name), join(target, 'generated_pages', entry.name));
  }
  for (const kind of PAGE_KINDS) {
    const folder = PAGE_FOLDERS[kind];
    const from = join(sourcePages, folder);
    const to = join(target, 'generated_pages', folder);
    await mkdir(to, { recursive: true });
    const files = (await readdir(from)).filter((f) => /^[A-Z]+\d[\d.]*\.md$/.test(f));
    const texts = await Promise.all(files.map(async (f) => [f, await readFile(join(from, f), 'utf8')] as const));
    const copies = STRIDES[kind] ? factor : 1;
    for (let k = 0; k < copies; k++) {
      await Promise.all(
        texts.map(async ([file, text]) => {
          const id = file.slice(0, -3);
          await writeFile(join(to, `${shiftId(id, k)}.md`), k === 0 ? text : text.replace(ID_IN_TEXT, (match) => shiftId(match, k)));
          pages++;
        }),
      );
    }
  }
  return { folder: target, pages };
}

/** The id of copy k of `id` (copy 0 is the original); ids of kinds that are not copied stay. */
function shiftId(id: string, k: number): string {
  const parsed = parseId(id);
  if (!parsed || k === 0) return id;
  const stride = STRIDES[parsed.kind];
  if (!stride) return id;
  return formatId(parsed.kind, parsed.number + k * stride, parsed.sub);
}
