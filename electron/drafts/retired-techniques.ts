/**
 * Techniques that earlier versions of the framework had and the checked-out one does not
 * (T0043.001 Use Encrypted Chat Apps, gone in 2025), with when they went: from the history of the
 * checked-out branch, for the retired-id rule. One `git log` reads every technique page ever
 * deleted together with its deleted text (for its name), newest first, so the first deletion
 * seen of an id is its latest. Where its incidents went is read from the same history
 * (retired-successors.ts).
 */
import { isId } from '../../shared/ids';
import type { RetiredTechnique } from '../../shared/validation/types';
import { runGitText } from '../git/core/runner';
import { findSuccessors } from './retired-successors';

const TECHNIQUE_FOLDER = 'generated_pages/techniques';
const COMMIT_LINE = /^@@([0-9a-f]{40}) (\d{4}-\d{2}-\d{2})$/;
const DELETED_FILE = /^diff --git a\/generated_pages\/techniques\/(T[0-9.]+)\.md b\//;
const DELETED_TITLE = /^-# Technique (T[0-9.]+): (.*)$/;
/** A row of the deleted page's incident table: `| [I00068 Name](...) | ... |`. */
const DELETED_INCIDENT_ROW = /^-\| \[(I\d{5}) /;

/**
 * Retired techniques of the checkout at `checkout`: deleted at some point of HEAD's history and
 * not among `currentIds` (a technique deleted and added back is not retired).
 */
export async function findRetiredTechniques(checkout: string, currentIds: ReadonlySet<string>): Promise<Map<string, RetiredTechnique>> {
  const log = await runGitText(checkout, ['log', '--diff-filter=D', '-p', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '--format=@@%H %cs', 'HEAD', '--', TECHNIQUE_FOLDER]);
  const retired = new Map<string, RetiredTechnique>();
  let commit: { commit: string; date: string } | undefined;
  let file: string | undefined;
  // The incidents its page listed when it went: where to look for their rows' new techniques.
  const incidents = new Map<string, string[]>();
  let listing: string[] | undefined;
  for (const line of log.split('\n')) {
    const header = COMMIT_LINE.exec(line);
    if (header) {
      commit = { commit: header[1] as string, date: header[2] as string };
      continue;
    }
    const deleted = DELETED_FILE.exec(line);
    if (deleted) {
      file = deleted[1] as string;
      listing = undefined;
      continue;
    }
    const row = listing && DELETED_INCIDENT_ROW.exec(line);
    if (row) listing?.push(row[1] as string);
    const title = DELETED_TITLE.exec(line);
    if (title && commit && file === title[1]) {
      const id = title[1] as string;
      if (isId(id, 'technique') && !currentIds.has(id) && !retired.has(id)) {
        retired.set(id, { id, name: (title[2] as string).trim(), removedIn: commit });
        incidents.set(id, (listing = []));
      }
      file = undefined;
    }
  }
  const successors = await findSuccessors(checkout, incidents, currentIds);
  for (const [id, ids] of successors) retired.set(id, { ...(retired.get(id) as RetiredTechnique), successors: ids });
  return retired;
}
