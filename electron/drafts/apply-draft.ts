/**
 * Applying a draft to the checkout: writes the new incident page and the draft's entry below the
 * edit line of each technique page it tags (shared/drafts/render-incident.ts). Applying again after
 * edits rewrites the draft's own page and replaces its own entries in place; an entry on a page the
 * draft no longer tags is removed; nothing else anyone wrote is touched.
 *
 * Nothing is written unless everything is right: the draft must pass validation without errors
 * and have its ids, and the files it would write are put through the edit-line guard against HEAD
 * first (they pass by construction; the check is the proof, and refuses, for instance, to change
 * the generated part of an incident page that was committed already).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { EDIT_LINE } from '../../shared/edit-line';
import { checkChanges, type FileMode, type GuardChange } from '../../shared/guard';
import { checkNewIncidentPage } from '../../shared/guard/incident-page-check';
import { pageOfPath, pagePath } from '../../shared/ids';
import type { FrameworkLookup } from '../../shared/drafts/framework-lookup';
import { taggedAnnotations } from '../../shared/drafts/master-rows';
import type { Draft } from '../../shared/drafts/model';
import { applyDraftToTechniquePage, renderDraftIncidentPage, taggedTechniqueIds } from '../../shared/drafts/render-incident';
import { hasErrors, validateDraft, type Diagnostic, type ValidationContext } from '../../shared/validation';
import { decodeLosslessly } from '../git/core/decode';
import { usedIdSources, usedIdsFrom } from '../git/collected-changes';
import { readObjects, toFileMode, treeEntries } from '../git/core/trees';
import { resolveInCheckout } from '../paths';
import { writeFileDurably } from '../store/durable-json-file';
import { isDraftsOwnPage, readIfExists } from './validation-context';

/** What applying did. */
export interface ApplyReport {
  /** The incident page's repository path. */
  readonly incidentPage: string;
  /** Files written (their content changed), repository paths. */
  readonly written: string[];
  /** Files the draft touches that already had exactly this content. */
  readonly unchanged: string[];
  /** Warnings of the draft's validation (errors stop the apply). */
  readonly diagnostics: Diagnostic[];
}

export interface ApplyOptions {
  readonly lookup: FrameworkLookup;
  readonly context: ValidationContext;
  readonly marker?: string;
}

/** Applies `draft` to the checkout at `checkout`. */
export async function applyDraftToCheckout(checkout: string, draft: Draft, options: ApplyOptions): Promise<ApplyReport> {
  const marker = options.marker ?? EDIT_LINE;
  const diagnostics = validateDraft(draft, options.context);
  if (hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    throw new ApiError('bad-request', `The draft has ${errors.length} error(s) to fix before it can be applied: ${errors.slice(0, 3).map((d) => `${d.range.field}: ${d.message}`).join(' ')}`, { diagnostics });
  }
  const incidentId = draft.incidentId;
  if (!incidentId || taggedAnnotations(draft).some((a) => !a.linkId)) {
    throw new ApiError('bad-request', 'The draft needs its incident id and IT ids before it can be applied: allocate them first.');
  }

  // What each file becomes.
  const planned = new Map<string, { before: string | undefined; after: string }>();
  const incidentPath = pagePath(incidentId);
  const existing = await readIfExists(resolveInCheckout(checkout, incidentPath));
  if (existing !== undefined && !isDraftsOwnPage(existing, draft.id, marker)) {
    throw new ApiError('conflict', `${incidentId} already has a page in the checkout that this draft did not write. Take the next free id (the id conflict offer) and apply again.`);
  }
  planned.set(incidentPath, { before: existing, after: renderDraftIncidentPage(draft, options.lookup, existing, marker) });
  const techniques = new Set([...taggedTechniqueIds(draft), ...(await techniquesWithEntries(checkout, draft.id))]);
  for (const id of techniques) {
    const path = pagePath(id);
    const before = await readIfExists(resolveInCheckout(checkout, path));
    if (before === undefined) throw new ApiError('not-found', `The checkout has no page for ${id} (${path}).`);
    planned.set(path, { before, after: applyDraftToTechniquePage(before, draft, id, marker) });
  }

  const changed = [...planned].filter(([, file]) => file.before !== file.after);
  await checkAgainstHead(checkout, changed, marker);
  for (const [path, file] of changed) {
    const absolute = resolveInCheckout(checkout, path);
    const mode = await stat(absolute).then((s) => s.mode & 0o777, () => 0o644);
    await writeFileDurably(absolute, file.after, mode);
  }
  return {
    incidentPage: incidentPath,
    written: changed.map(([path]) => path),
    unchanged: [...planned.keys()].filter((path) => !changed.some(([p]) => p === path)),
    diagnostics,
  };
}

/** Technique pages that carry an entry of this draft (it may no longer tag them). */
async function techniquesWithEntries(checkout: string, draftId: string): Promise<string[]> {
  const folder = resolveInCheckout(checkout, 'generated_pages/techniques');
  const names = await readdir(folder).catch(() => [] as string[]);
  const needle = `disarm-workbench:begin draft=${draftId}`;
  const ids: string[] = [];
  for (const name of names) {
    const page = pageOfPath(`generated_pages/techniques/${name}`);
    if (!page) continue;
    const text = await readIfExists(join(folder, name));
    if (text?.includes(needle)) ids.push(page.id);
  }
  return ids;
}

/**
 * The edit-line guard over the planned files, against HEAD, before anything is written. A refusal
 * here means the draft cannot be applied as it is (its committed page would change above the line).
 * One `cat-file --batch` reads HEAD's version of each file and HEAD's folders of pages (each
 * file's mode, and the ids in use for a new page).
 */
async function checkAgainstHead(checkout: string, changed: readonly [string, { before: string | undefined; after: string }][], marker: string): Promise<void> {
  const sources = usedIdSources('HEAD');
  const objects = await readObjects(checkout, [...changed.map(([path]) => `HEAD:${path}`), ...sources]);
  const modes = new Map<string, FileMode>();
  for (const source of sources) {
    const folder = objects.get(source);
    if (folder?.type !== 'tree') continue;
    const prefix = source.slice('HEAD:'.length);
    for (const entry of treeEntries(folder.bytes, folder.oid)) modes.set(`${prefix}/${entry.name}`, toFileMode(entry.mode));
  }
  const changes: GuardChange[] = changed.map(([path, file]) => {
    const mode = modes.get(path);
    const committed = objects.get(`HEAD:${path}`);
    const oldBytes = committed?.type === 'blob' ? committed.bytes : undefined;
    const { texts, encoding } = decodeLosslessly([oldBytes, Buffer.from(file.after, 'utf8')]);
    return {
      path,
      status: mode ? 'modified' : 'added',
      ...(texts[0] !== undefined ? { oldText: texts[0] } : {}),
      ...(texts[1] !== undefined ? { newText: texts[1] } : {}),
      ...(mode ? { oldMode: mode } : {}),
      newMode: mode ?? '100644',
      encoding,
    };
  });
  const adds = changes.some((c) => c.status === 'added');
  const violations = checkChanges(changes, { usedIds: adds ? usedIdsFrom(objects, 'HEAD') : new Set(), checkNewPage: checkNewIncidentPage, marker });
  if (violations.length > 0) {
    throw new ApiError(
      'guard-violation',
      `Applying the draft would change text above the edit line: ${violations.map((v) => `${v.file}:${v.line} ${v.message}`).join('; ')}. An incident page that was committed can only gain notes; its other changes go to the maintainers through the master data.`,
      { violations },
    );
  }
}
