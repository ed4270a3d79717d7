/**
 * The commit message the review screen offers, prefilled from the work being committed so the
 * analyst rarely types one and the history reads the same for everyone: "Add incident I00131:
 * <name>" for a new incident page (its name read from the page's own title), "Add notes to
 * T0155.007" for notes, a short list when there are several of either.
 */
import { pageOfPath } from '../../../../shared/ids';
import { parseTitle } from '../../../../shared/pages/scan';

/** What the message is built from: each file about to be committed. */
export interface CommittedFile {
  readonly path: string;
  /** True when the file is new (git `added` or untracked). */
  readonly added: boolean;
  /** The new text, when known (needed for a new incident's name). */
  readonly newText?: string;
}

/**
 * The longest subject line offered. Git's habit of 72 characters would cut most incident names
 * (they run to 80), so only an unreasonable name is shortened.
 */
const MAX_SUBJECT = 200;

/** The prefilled message; empty when nothing would be committed. */
export function prefillCommitMessage(files: readonly CommittedFile[]): string {
  const newIncidents: { id: string; name: string }[] = [];
  const notes: string[] = [];
  const others: string[] = [];
  for (const file of files) {
    const page = pageOfPath(file.path);
    if (page?.kind === 'incident' && file.added) newIncidents.push({ id: page.id, name: incidentName(file.newText) });
    else if (page) notes.push(page.id);
    else others.push(file.path);
  }
  let subject: string;
  if (newIncidents.length === 1 && newIncidents[0]) {
    const { id, name } = newIncidents[0];
    subject = name ? `Add incident ${id}: ${name}` : `Add incident ${id}`;
  } else if (newIncidents.length > 1) {
    subject = `Add incidents ${listIds(newIncidents.map((i) => i.id))}`;
  } else if (notes.length > 0) {
    subject = `Add notes to ${listIds(notes)}`;
  } else if (others.length > 0) {
    subject = others.length === 1 ? `Update ${others[0] ?? ''}` : `Update ${others.length} files`;
  } else {
    return '';
  }
  // With a new incident, the notes are its descriptions on the technique pages: say where.
  const body = newIncidents.length > 0 && notes.length > 0 ? [`Notes on ${listIds(notes)}.`] : [];
  return [truncate(subject), ...(body.length > 0 ? ['', ...body] : [])].join('\n');
}

/** The name in a new incident page's title (`# Incident I00131: <name>`), or '' when unreadable. */
function incidentName(text: string | undefined): string {
  const firstLine = text?.split(/\r?\n/, 1)[0] ?? '';
  return parseTitle(firstLine)?.name.trim() ?? '';
}

/** `T0001`, `T0001 and T0002`, `T0001, T0002 and 3 more`. */
function listIds(ids: readonly string[]): string {
  if (ids.length <= 3) return ids.length === 1 ? (ids[0] ?? '') : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1) ?? ''}`;
  return `${ids.slice(0, 2).join(', ')} and ${ids.length - 2} more`;
}

function truncate(subject: string): string {
  return subject.length <= MAX_SUBJECT ? subject : `${subject.slice(0, MAX_SUBJECT - 1).trimEnd()}…`;
}
