/**
 * Applying a draft to the checkout: writes the new incident page and the draft's entry below the
 * edit line of each technique page it tags (shared/drafts/render-incident.ts). Applying again after
 * edits rewrites the draft's own page and replaces its own entries in place; an entry on a page the
 * draft no longer tags is removed; nothing else anyone wrote is touched.
 *
 * Nothing is written unless everything is right: the draft must pass validation without errors
 * (among them a control character in any of its fields, which would make the pages binary to git)
 * and have its ids, and the files it would write are put through the edit-line guard against HEAD
 * first (they pass by construction; the check is the proof, and refuses, for instance, to change
 * the generated part of an incident page that was committed already).
 */
import { statSync } from 'node:fs';
import { ApiError } from '../../shared/api/errors';
import { EDIT_LINE } from '../../shared/edit-line';
import { checkChanges, type FileMode, type GuardChange } from '../../shared/guard';
import { checkNewIncidentPage } from '../../shared/guard/incident-page-check';
import { pageOfPath, pagePath } from '../../shared/ids';
import type { FrameworkLookup } from '../../shared/drafts/framework-lookup';
import { taggedAnnotations } from '../../shared/drafts/master-rows';
import type { Draft } from '../../shared/drafts/model';
import { applyDraftToTechniquePage, renderDraftIncidentPage, taggedTechniqueIds } from '../../shared/drafts/render-incident';
import { describeField, hasErrors, validateDraft, type Diagnostic, type ValidationContext } from '../../shared/validation';
import { decodeLosslessly } from '../git/core/decode';
import { usedIdSources, usedIdsFrom } from '../git/collected-changes';
import { runGit } from '../git/core/runner';
import { readObjects, toFileMode, treeEntries, type GitObject } from '../git/core/trees';
import { resolveInCheckout } from '../paths';
import { writeFilesDurablySync } from '../store/durable-json-file';
import { isDraftsOwnPage, readIfExists } from './validation-context';

const TECHNIQUE_FOLDER = 'generated_pages/techniques';

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
    // Fields in the analyst's words ("quote 2's explanation"): this message is read away from the form.
    const listed = errors.slice(0, 3).map((d) => `${capitalized(describeField(d.range.field))}: ${d.message}`);
    const more = errors.length > listed.length ? ` And ${errors.length - listed.length} more.` : '';
    throw new ApiError('bad-request', `The draft has ${errors.length} error${errors.length === 1 ? '' : 's'} to fix before it can be applied. ${listed.join(' ')}${more}`, { diagnostics });
  }
  const incidentId = draft.incidentId;
  if (!incidentId || taggedAnnotations(draft).some((a) => !a.linkId)) {
    throw new ApiError('bad-request', 'The draft needs its incident id and IT ids before it can be applied: allocate them first.');
  }

  // What each file becomes. Meanwhile git finds the pages with this draft's entries and reads
  // HEAD's version of the pages the draft tags (for the guard below).
  const planned = new Map<string, { before: string | undefined; after: string }>();
  const incidentPath = pagePath(incidentId);
  const tagged = taggedTechniqueIds(draft);
  const withEntries = techniquesWithEntries(checkout, draft.id, incidentId);
  const committed = readCommitted(checkout, [incidentPath, ...tagged.map((id) => pagePath(id))]);
  // Awaited below; these only keep an early refusal from leaving their failures unhandled.
  withEntries.catch(() => undefined);
  committed.catch(() => undefined);
  const existing = await readIfExists(resolveInCheckout(checkout, incidentPath));
  if (existing !== undefined && !isDraftsOwnPage(existing, draft, marker)) {
    throw new ApiError('conflict', `${incidentId} already has a page in the checkout that this draft did not write. Take the next free id (the id conflict offer) and apply again.`);
  }
  planned.set(incidentPath, { before: existing, after: renderDraftIncidentPage(draft, options.lookup, existing, marker) });
  const techniques = [...new Set([...tagged, ...(await withEntries)])];
  const pages = await Promise.all(techniques.map((id) => readIfExists(resolveInCheckout(checkout, pagePath(id)))));
  techniques.forEach((id, i) => {
    const path = pagePath(id);
    const before = pages[i];
    if (before === undefined) throw new ApiError('not-found', `The checkout has no page for ${id} (${path}).`);
    planned.set(path, { before, after: applyDraftToTechniquePage(before, draft, id, marker) });
  });

  const changed = [...planned].filter(([, file]) => file.before !== file.after);
  await checkAgainstHead(checkout, changed, marker, await committed);
  // Each file is replaced atomically and durably, and their folders synced once.
  writeFilesDurablySync(
    changed.map(([path, file]) => {
      const absolute = resolveInCheckout(checkout, path);
      return { path: absolute, text: file.after, mode: fileMode(absolute) };
    }),
  );
  return {
    incidentPage: incidentPath,
    written: changed.map(([path]) => path),
    unchanged: [...planned].filter(([, file]) => file.before === file.after).map(([path]) => path),
    diagnostics,
  };
}

/**
 * Technique pages that carry an entry of this draft (it may no longer tag them): one `git grep`
 * over the folder's files on disk, tracked or not (git reads them in parallel, outside this
 * process), for either marker (notes-blocks.ts); pages with another draft's old block about the
 * same incident are found too, and left as they are by upsertBlock.
 */
async function techniquesWithEntries(checkout: string, draftId: string, incidentId: string): Promise<string[]> {
  const needles = ['-e', `<!-- disarm-workbench incident=${incidentId} -->`, '-e', `disarm-workbench:begin draft=${draftId}`];
  const found = await runGit(checkout, ['grep', '-l', '-z', '--untracked', '--no-exclude-standard', '--no-textconv', '--fixed-strings', ...needles, '--', TECHNIQUE_FOLDER], { expectedExitCodes: [0, 1] });
  const ids: string[] = [];
  for (const path of found.stdout.toString('utf8').split('\0')) {
    const page = pageOfPath(path);
    if (page?.kind === 'technique') ids.push(page.id);
  }
  return ids;
}

/** HEAD's objects read for the guard: what was asked for (a path's absence is an answer too), and what was found. */
interface Committed {
  readonly asked: ReadonlySet<string>;
  readonly objects: ReadonlyMap<string, GitObject>;
}

const HEAD_SOURCES = usedIdSources('HEAD');

/** HEAD's version of `paths`, and its folders of pages (modes, used ids), from one `cat-file --batch`. */
async function readCommitted(checkout: string, paths: readonly string[]): Promise<Committed> {
  const names = [...paths.map((path) => `HEAD:${path}`), ...HEAD_SOURCES];
  return { asked: new Set(names), objects: await readObjects(checkout, names) };
}

/**
 * The edit-line guard over the planned files, against HEAD, before anything is written. A refusal
 * here means the draft cannot be applied as it is (its committed page would change above the line).
 * HEAD's version of each file and HEAD's folders of pages (each file's mode, and the ids in use
 * for a new page) come from `committed`, or one more `cat-file --batch` for files it lacks.
 */
async function checkAgainstHead(checkout: string, changed: readonly [string, { before: string | undefined; after: string }][], marker: string, committed: Committed): Promise<void> {
  const missing = changed.map(([path]) => `HEAD:${path}`).filter((name) => !committed.asked.has(name));
  const objects = missing.length === 0 ? committed.objects : new Map([...committed.objects, ...(await readObjects(checkout, missing))]);
  const modes = new Map<string, FileMode>();
  for (const source of HEAD_SOURCES) {
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
      // Not only text above the line: a control character in a field makes the pages binary (not-text).
      `Applying the draft would write what the edit-line guard refuses: ${violations.map((v) => `${v.file}:${v.line} ${v.message}`).join('; ')}.${violations.some((v) => v.rule === 'generated-changed' || v.rule === 'edit-line-removed') ? ' An incident page that was committed can only gain notes; its other changes go to the maintainers through the master data.' : ''}`,
      { violations },
    );
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A file's permission bits, to keep them when it is replaced; 0644 for a new file. */
function fileMode(path: string): number {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return 0o644;
  }
}
