/**
 * Where a retired technique's incidents went: the framework never says that T0043.001 "Use
 * Encrypted Chat Apps" became T0155.007 "Encrypted Communication Channel", but its history shows
 * it. The I00068 quote tagged T0043.001 in 2024-08 is tagged T0151.004 and T0155.007 (and no
 * longer T0043.001) in 2024-11. So for each incident page change that drops a retired id from a
 * quote, the techniques that the same quote gains are that id's successors.
 *
 * One `git log -p` reads only the changes of the incident pages that the retired pages listed,
 * and of those only the ones that add or remove a table row of a retired id (`-G`), each with the
 * whole file around it (`-U`), so both versions of the page can be parsed with the page reader
 * that knows every historical format. (The generator writes a technique page's incident table
 * from the same rows as the incident pages, so an incident not listed there has no row to move.)
 */
import { parseIncidentPage } from '../../shared/pages';
import type { IncidentTechniqueRow } from '../../shared/pages/types';
import { findIdMentions } from '../../shared/validation/check-text';
import { runGitText } from '../git/core/runner';

const INCIDENT_FOLDER = 'generated_pages/incidents';
/** Enough context lines for every hunk to be the whole file (incident pages are far shorter). */
const WHOLE_FILE = '-U10000000';
const FILE_HEADER = /^diff --git a\/(\S+) b\//;

/** The two versions of one incident page around one commit. */
interface PageChange {
  readonly before: string;
  readonly after: string;
}

/** Splits `git log -p` output into each file's text before and after its change. */
function pageChanges(log: string): PageChange[] {
  const changes: PageChange[] = [];
  let before: string[] | undefined;
  let after: string[] | undefined;
  let inHunk = false;
  const flush = () => {
    if (before && after) changes.push({ before: before.join('\n'), after: after.join('\n') });
    before = after = undefined;
    inHunk = false;
  };
  for (const line of log.split('\n')) {
    if (FILE_HEADER.test(line) || line.startsWith('@@@@commit ')) {
      flush();
      if (FILE_HEADER.test(line)) [before, after] = [[], []];
      continue;
    }
    if (!before || !after) continue;
    if (line.startsWith('@@ ')) {
      inHunk = true;
      continue;
    }
    if (!inHunk) continue; // index, mode and ---/+++ lines
    const mark = line[0];
    const text = line.slice(1);
    if (mark === ' ') {
      before.push(text);
      after.push(text);
    } else if (mark === '-') before.push(text);
    else if (mark === '+') after.push(text);
    // `\ No newline at end of file` and the blank line between commits carry no page text.
  }
  flush();
  return changes;
}

/**
 * What identifies one quote across versions: its words, lowercased, without tags and
 * punctuation (the generator changed `<I>` to `<i>` and link ids came and went, the quote stayed).
 */
function quoteKey(description: string): string {
  // A legacy link id the page reader did not take off (written after a stray space) is no part of it.
  const quote = (description.split(/<br\s*\/?>/i)[0] ?? description).replace(/^\s*IT\d{8}\b/, '');
  return quote
    .replace(/<[^>]*>/g, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The technique ids of each quote of a page: those it is tagged with, and those its explanations name. */
function quotesOf(rows: readonly IncidentTechniqueRow[]): Map<string, { tagged: Set<string>; named: Set<string> }> {
  const quotes = new Map<string, { tagged: Set<string>; named: Set<string> }>();
  for (const row of rows) {
    const key = quoteKey(row.description);
    if (key === '') continue;
    const quote = quotes.get(key) ?? { tagged: new Set<string>(), named: new Set<string>() };
    quote.tagged.add(row.technique.id);
    for (const mention of findIdMentions(row.description)) quote.named.add(mention.id);
    quotes.set(key, quote);
  }
  return quotes;
}

/** What one retired id's quotes gained, quote by quote (keys: incident id + quote). */
interface Evidence {
  /** Techniques newly tagged on one of its quotes. */
  readonly tagged: Map<string, Set<string>>;
  /** Techniques newly tagged on, or named in the explanations of, one of its quotes. */
  readonly gained: Map<string, Set<string>>;
}

const addTo = (map: Map<string, Set<string>>, id: string, quote: string) => map.set(id, (map.get(id) ?? new Set()).add(quote));

/**
 * The successors of each retired id (the keys of `retired`, with the incidents its last page
 * listed), best first, among `currentIds`: the techniques
 * newly tagged on the quotes it was taken off. Ranked by how many of its quotes gained them
 * (tagged or named inline), then by how few incident rows they carry at HEAD: a technique made to
 * hold these incidents before a broad one that also took them (T0155.007, with one row, before
 * T0151.004, with four). A successor retired in turn is replaced by its own successors. Empty
 * when the history does not show the move (a shallow checkout, an id whose rows were dropped).
 */
export async function findSuccessors(checkout: string, retiredIncidents: ReadonlyMap<string, readonly string[]>, currentIds: ReadonlySet<string>): Promise<Map<string, string[]>> {
  const listed = [...retiredIncidents].filter(([, incidents]) => incidents.length > 0);
  if (listed.length === 0) return new Map();
  const retired = new Set(listed.map(([id]) => id));
  const pages = [...new Set(listed.flatMap(([, incidents]) => incidents))].sort().map((id) => `${INCIDENT_FOLDER}/${id}.md`);
  // A table row of one of these ids starts `| [T0043.001 Name](...)`; inline mentions do not match.
  const rowPattern = `\\[(${[...retired].map((id) => id.replace('.', '\\.')).join('|')}) `;
  const log = await runGitText(checkout, ['log', '-p', WHOLE_FILE, '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '--format=@@@@commit %H', `-G${rowPattern}`, 'HEAD', '--', ...pages]);
  const evidence = new Map<string, Evidence>();
  for (const change of pageChanges(log)) {
    const before = parseIncidentPage(change.before);
    const after = parseIncidentPage(change.after);
    if (!before.ok || !after.ok) continue;
    const old = quotesOf(before.page.techniques);
    const now = quotesOf(after.page.techniques);
    for (const [key, was] of old) {
      const is = now.get(key);
      if (!is) continue;
      for (const id of was.tagged) {
        if (!retired.has(id) || is.tagged.has(id)) continue;
        const found = evidence.get(id) ?? { tagged: new Map(), gained: new Map() };
        const quote = `${after.page.id}\0${key}`;
        for (const s of is.tagged) if (!was.tagged.has(s)) addTo(found.tagged, s, quote);
        for (const s of new Set([...is.tagged, ...is.named])) if (!was.tagged.has(s) && !was.named.has(s)) addTo(found.gained, s, quote);
        evidence.set(id, found);
      }
    }
  }
  const direct = new Map([...evidence].map(([id, e]) => [id, [...e.tagged.keys()].filter((s) => s !== id)]));
  const candidates = new Set([...direct.values()].flat().filter((s) => currentIds.has(s)));
  const rowsAtHead = await incidentRowsAtHead(checkout, candidates);
  const successors = new Map<string, string[]>();
  for (const [id, found] of evidence) {
    const ranked = resolve(id, direct, currentIds, new Set([id]));
    const score = (s: string) => found.gained.get(s)?.size ?? found.tagged.get(s)?.size ?? 0;
    ranked.sort((a, b) => score(b) - score(a) || (rowsAtHead.get(a) ?? 0) - (rowsAtHead.get(b) ?? 0) || (a < b ? -1 : 1));
    if (ranked.length > 0) successors.set(id, ranked);
  }
  return successors;
}

/** The current successors of `id`: its direct ones, a retired one replaced by its own. */
function resolve(id: string, direct: ReadonlyMap<string, readonly string[]>, currentIds: ReadonlySet<string>, seen: Set<string>): string[] {
  const out: string[] = [];
  for (const s of direct.get(id) ?? []) {
    if (seen.has(s)) continue;
    seen.add(s);
    if (currentIds.has(s)) out.push(s);
    else out.push(...resolve(s, direct, currentIds, seen));
  }
  return out;
}

/** How many incident table rows each of `ids` has at HEAD (one `git grep`). */
async function incidentRowsAtHead(checkout: string, ids: ReadonlySet<string>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (ids.size === 0) return counts;
  const patterns = [...ids].flatMap((id) => ['-e', `| [${id} `]);
  // Exit 1: no row at all.
  const out = await runGitText(checkout, ['grep', '-h', '-o', '-F', ...patterns, 'HEAD', '--', INCIDENT_FOLDER], { expectedExitCodes: [0, 1] });
  for (const line of out.split('\n')) {
    const id = /^\| \[(\S+) $/.exec(line)?.[1];
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
