/**
 * Every incident id and incident-technique (`IT`) id a checkout has ever used, for id allocation
 * (shared/drafts/id-allocation.ts): the incident pages in the work tree, every incident page ever
 * added on any branch (remote-tracking branches included, so a teammate's pushed incident counts
 * once fetched), the master data spreadsheet, and the `IT` ids that older incident pages wrote at
 * the start of each description. The history part is kept per checkout while its refs stay as they
 * are (history-snapshot.ts); the pages and the master data are read each time (the spreadsheet
 * through its own cache). Validation needs the incident ids only (collectUsedIncidentIds).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isId } from '../../shared/ids';
import type { UsedIds } from '../../shared/drafts/id-allocation';
import { runGitText } from '../git/core/runner';
import { historySnapshot, SnapshotCache, type HistorySnapshot } from './history-snapshot';
import { masterDataIds } from './master-data-file';

const INCIDENT_FOLDER = 'generated_pages/incidents';
const LINK_ID = /\bIT\d{8}\b/g;
const INCIDENT_FILE = /(?:^|\/)(I\d{5})\.md$/;
/** Incident pages read at once: enough to keep the disk busy, few enough open files. */
const PAGES_AT_ONCE = 32;

/** Incident ids and IT ids in the history of every branch, per checkout and refs (two scans: validation needs only the first). */
const incidentHistory = new SnapshotCache<Set<string>>();
const linkHistory = new SnapshotCache<Set<string>>();

/**
 * Collects the ids used by the checkout at `checkout` (a git work tree, or a plain folder).
 * `snapshot` is the history's state when the caller reads it already (or is reading it).
 */
export async function collectUsedIds(checkout: string, snapshot?: HistorySnapshot | Promise<HistorySnapshot>): Promise<UsedIds> {
  return collect(checkout, snapshot, true);
}

/**
 * The incident ids alone (what validation weighs a draft's id against): the same sources without
 * reading each page's text or the history's patches, which only the IT ids need.
 */
export async function collectUsedIncidentIds(checkout: string, snapshot?: HistorySnapshot | Promise<HistorySnapshot>): Promise<ReadonlySet<string>> {
  return (await collect(checkout, snapshot, false)).incidents;
}

async function collect(checkout: string, snapshot: HistorySnapshot | Promise<HistorySnapshot> | undefined, withLinks: boolean): Promise<UsedIds> {
  const incidents = new Set<string>();
  const links = new Set<string>();
  const add = (set: Set<string>, kind: 'incident' | 'incidenttechnique', ids: Iterable<string>) => {
    for (const id of ids) if (isId(id, kind)) set.add(id);
  };

  // The work tree, uncommitted pages included (read a few at a time, the master data meanwhile).
  const master = masterDataIds(checkout);
  master.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
  const files = (await readdir(join(checkout, INCIDENT_FOLDER)).catch(() => [] as string[])).filter((name) => INCIDENT_FILE.test(name));
  for (const name of files) add(incidents, 'incident', [INCIDENT_FILE.exec(name)?.[1] ?? '']);
  if (withLinks) {
    for (let start = 0; start < files.length; start += PAGES_AT_ONCE) {
      const texts = await Promise.all(files.slice(start, start + PAGES_AT_ONCE).map((name) => readFile(join(checkout, INCIDENT_FOLDER, name), 'utf8').catch(() => '')));
      for (const text of texts) add(links, 'incidenttechnique', text.match(LINK_ID) ?? []);
    }
  }

  // The master data.
  const { incidents: masterIncidents, links: masterLinks } = await master;
  add(incidents, 'incident', masterIncidents);
  if (withLinks) add(links, 'incidenttechnique', masterLinks);

  // The history of every branch, local and remote-tracking.
  if (await isGitWorkTree(checkout)) {
    const { key } = await (snapshot ?? historySnapshot(checkout));
    const [pastIncidents, pastLinks] = await Promise.all([
      incidentHistory.get(checkout, key, () => incidentsInHistory(checkout)),
      withLinks ? linkHistory.get(checkout, key, () => linksInHistory(checkout)) : new Set<string>(),
    ]);
    for (const id of pastIncidents) incidents.add(id);
    for (const id of pastLinks) links.add(id);
  }
  return { incidents, links };
}

/** Every incident page ever added, on any branch. */
async function incidentsInHistory(checkout: string): Promise<Set<string>> {
  const incidents = new Set<string>();
  const added = await runGitText(checkout, ['log', '--all', '--diff-filter=A', '--name-only', '--format=', '--', INCIDENT_FOLDER]);
  for (const line of added.split('\n')) {
    const match = INCIDENT_FILE.exec(line.trim());
    if (match && isId(match[1] as string, 'incident')) incidents.add(match[1] as string);
  }
  return incidents;
}

/** Every IT id ever written to an incident page, on any branch. */
async function linksInHistory(checkout: string): Promise<Set<string>> {
  const links = new Set<string>();
  const patches = await runGitText(checkout, ['log', '--all', '-p', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--format=', '--', INCIDENT_FOLDER]);
  for (const id of patches.match(LINK_ID) ?? []) if (isId(id, 'incidenttechnique')) links.add(id);
  return links;
}

async function isGitWorkTree(folder: string): Promise<boolean> {
  return stat(join(folder, '.git')).then(
    () => true,
    () => false,
  );
}
