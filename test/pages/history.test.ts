/**
 * Every page of every one of the 30 commits in the history bundle parses, into objects that make
 * sense (ids, names, rows as many as the table has), and the newest commit's technique and
 * incident pages render back byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDIT_LINE } from '../../shared/edit-line';
import { pageKindOfPath, parsePage, renderIncidentPage, renderTechniquePage, type Page } from '../../shared/pages';
import { cloneHistory, historyCommits, type HistoryClone } from '../helpers/fixtures';
import { listTree, readBlobs } from '../helpers/git-blobs';

let clone: HistoryClone;
let commits: string[];
/** Per commit, its object pages (path, text). */
const pagesByCommit = new Map<string, { path: string; text: string }[]>();

beforeAll(async () => {
  clone = cloneHistory();
  commits = historyCommits(clone.path);
  const trees = commits.map((commit) => ({ commit, files: listTree(clone.path, commit, 'generated_pages').filter((f) => pageKindOfPath(f.path)) }));
  const blobs = await readBlobs(clone.path, trees.flatMap((t) => t.files.map((f) => f.blob)));
  for (const { commit, files } of trees) {
    pagesByCommit.set(commit, files.map((f) => ({ path: f.path, text: (blobs.get(f.blob) as Buffer).toString('utf8') })));
  }
});
afterAll(() => clone?.dispose());

/** Rows a table really has: lines that start a row with a link to an object of `folder`. */
function rawRows(text: string, folder: string): number {
  const generated = text.split(EDIT_LINE)[0] as string;
  return (generated.match(new RegExp(`^\\| \\[[^\\]]*\\]\\([./]*(generated_pages/)?${folder}/`, 'gm')) ?? []).length;
}

describe('the history bundle', () => {
  it('has 30 commits', () => {
    expect(commits).toHaveLength(30);
  });

  it('parses every page of every commit, into objects that match their files', () => {
    let parsed = 0;
    const failures: string[] = [];
    const byKind: Record<string, number> = {};
    for (const commit of commits) {
      for (const { path, text } of pagesByCommit.get(commit) ?? []) {
        const result = parsePage(path, text);
        if (!result.ok) {
          failures.push(`${commit.slice(0, 7)} ${path}: ${result.reason}`);
          continue;
        }
        parsed++;
        const page = result.page;
        byKind[page.kind] = (byKind[page.kind] ?? 0) + 1;
        const fileId = path.slice(path.lastIndexOf('/') + 1, -3);
        // The title's id is the file's (one file in the history is named `T0039 .md`, one `.md`).
        expect(page.id, `${commit.slice(0, 7)} ${path}`).toBe(fileId.trim());
        expect(page.hasEditLine).toBe(true);
        if (page.id) expect(page.name, `${path} has a name`).not.toBe('');
        if (page.kind === 'technique') {
          expect(page.tactic?.id, `${commit.slice(0, 7)} ${path} tactic`).toMatch(/^TA\d\d$/);
          expect(page.incidents.length, `${commit.slice(0, 7)} ${path} incident rows`).toBe(rawRows(text, 'incidents'));
          expect(page.counters.length, `${commit.slice(0, 7)} ${path} counter rows`).toBe(rawRows(text, 'counters'));
          // Older formats are read by the tolerant scan, one way for every table: names trimmed.
          if (page.format === 'legacy') {
            const names = [...page.counters.map((row) => row.counter.name), ...page.incidents.map((row) => row.incident.name)];
            expect(names, `${commit.slice(0, 7)} ${path} row names`).toEqual(names.map((name) => name.trim()));
          }
        }
        if (page.kind === 'incident') {
          expect(page.techniques.length, `${commit.slice(0, 7)} ${path} technique rows`).toBe(rawRows(text, 'techniques'));
        }
      }
    }
    console.log(`parsed ${parsed} pages across ${commits.length} commits: ${JSON.stringify(byKind)}`);
    expect(failures).toEqual([]);
    expect(parsed).toBeGreaterThan(17_000);
  });

  it('renders every technique and incident page of the newest commit back byte for byte', () => {
    const newest = pagesByCommit.get(commits.at(-1) as string) ?? [];
    const rendered = { technique: 0, incident: 0 };
    for (const { path, text } of newest) {
      const result = parsePage(path, text);
      if (!result.ok || (result.page.kind !== 'technique' && result.page.kind !== 'incident')) continue;
      expect(result.page.format, path).toBe('newest');
      const again = result.page.kind === 'technique' ? renderTechniquePage(result.page) : renderIncidentPage(result.page);
      expect(again, path).toBe(text);
      rendered[result.page.kind]++;
    }
    expect(rendered).toEqual({ technique: 391, incident: 130 });
  });

  it('keeps each object’s notes, whatever they hold, through parse and render', () => {
    const newest = pagesByCommit.get(commits.at(-1) as string) ?? [];
    const notes = ['\n\n## Analyst notes\r\nCRLF line\r\nand a | pipe', ` trailing on the line\n${EDIT_LINE} again\n`, '\n<script>x</script>\n\\'];
    let checked = 0;
    for (const [i, { path, text }] of newest.entries()) {
      const note = notes[i % notes.length] as string;
      const withNotes = text + note;
      const result = parsePage(path, withNotes);
      expect(result.ok, path).toBe(true);
      const page = (result as { page: Page }).page;
      expect(page.notes, path).toBe(note);
      if (page.kind === 'technique') expect(renderTechniquePage(page)).toBe(withNotes);
      if (page.kind === 'incident') expect(renderIncidentPage(page)).toBe(withNotes);
      checked++;
    }
    expect(checked).toBe(772);
  });
});
