import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDraft } from '../../shared/drafts/changes';
import { allocateDraftIds, findIdConflicts, nextFreeIds } from '../../shared/drafts/id-allocation';
import { collectUsedIds, collectUsedIncidentIds } from '../../electron/drafts/used-ids';
import { masterDataIds } from '../../electron/drafts/master-data-file';
import { allocateIds, idConflicts, resolveIdConflict } from '../../electron/drafts/draft-ids';
import { Store } from '../../electron/store/store';
import { loadCheckout } from '../../electron/checkout/load-checkout';
import { applyDraftToCheckout } from '../../electron/drafts/apply-draft';
import { draftValidationContext } from '../../electron/drafts/validation-context';
import { addBareRemote, cloneHistory, git, tempDir, type HistoryClone } from '../helpers/fixtures';

const annotation = (linkId?: string) => ({ id: randomUUID(), quote: 'q', techniqueIds: ['T0143.003'], explanation: '', review: 'draft' as const, ...(linkId ? { linkId } : {}) });

describe('the pure rules', () => {
  it('go one past the highest id ever seen and never fill gaps', () => {
    expect(nextFreeIds('incident', ['I00001', 'I00129', 'I00005', 'junk', 'IT00000900'])).toEqual(['I00130']);
    expect(nextFreeIds('incidenttechnique', ['IT00000548', 'I00999'], 3)).toEqual(['IT00000549', 'IT00000550', 'IT00000551']);
    expect(nextFreeIds('incident', [])).toEqual(['I00001']);
  });

  it('allocate missing ids only, past the taken ones and the draft’s own', () => {
    const draft = newDraft(randomUUID(), '2025-01-01T00:00:00.000Z', { annotations: [annotation(), annotation('IT00000700'), annotation()] });
    const allocated = allocateDraftIds(draft, { incidents: new Set(['I00129']), links: new Set(['IT00000548']) });
    expect(allocated.incidentId).toBe('I00130');
    expect(allocated.annotations.map((a) => a.linkId)).toEqual(['IT00000701', 'IT00000700', 'IT00000702']);
    expect(allocateDraftIds(allocated, { incidents: new Set(['I00500']), links: new Set() }).incidentId).toBe('I00130');
  });

  it('report a clash between two drafts against the one created later', () => {
    const older = newDraft(randomUUID(), '2025-01-01T00:00:00.000Z', { incidentId: 'I00130' });
    const newer = newDraft(randomUUID(), '2025-01-02T00:00:00.000Z', { incidentId: 'I00130', incident: { name: 'copy' } });
    const conflicts = findIdConflicts([newer, older], { incidents: new Set(['I00129']), links: new Set() });
    expect(conflicts).toEqual([{ draftId: newer.id, draftName: 'copy', incidentId: 'I00130', suggestedIncidentId: 'I00131', linkIds: [], takenBy: 'another draft' }]);
  });
});

describe('ids used by a real checkout', () => {
  let clone: HistoryClone;
  let other: { path: string; dispose: () => void };
  let storeDir: { path: string; dispose: () => void };

  beforeAll(() => {
    clone = cloneHistory();
    other = tempDir('disarm-other-');
    storeDir = tempDir('disarm-store-');
  });
  afterAll(() => {
    clone.dispose();
    other.dispose();
    storeDir.dispose();
  });

  it('are those of the pages, the master data and the history', async () => {
    const used = await collectUsedIds(clone.path);
    expect(nextFreeIds('incident', used.incidents)).toEqual(['I00130']);
    expect(nextFreeIds('incidenttechnique', used.links)).toEqual(['IT00000549']);
    // IT ids that only older pages carried (their descriptions began with them) count too,
    // including ones the master data no longer lists.
    const oldest = git(clone.path, 'rev-list', '--max-parents=0', 'HEAD').trim();
    const oldLinkIds = new Set(git(clone.path, 'grep', '-h', '-o', '-E', 'IT[0-9]{8}', oldest, '--', 'generated_pages/incidents').split('\n').filter(Boolean));
    expect(oldLinkIds.size).toBeGreaterThan(100);
    for (const id of oldLinkIds) expect(used.links.has(id)).toBe(true);
    const inMaster = new Set((await masterDataIds(clone.path)).links);
    expect([...oldLinkIds].some((id) => !inMaster.has(id))).toBe(true);
    // Validation's cheaper look (no page texts, no patches) finds the same incident ids.
    expect(await collectUsedIncidentIds(clone.path)).toEqual(used.incidents);
  });

  it('include an incident added and removed since: its id is never reused', async () => {
    const page = join(clone.path, 'generated_pages', 'incidents', 'I00140.md');
    writeFileSync(page, readFileSync(join(clone.path, 'generated_pages', 'incidents', 'I00129.md'), 'utf8').replace(/I00129/g, 'I00140').replace(/IT\d{8}/g, ''));
    git(clone.path, 'add', page);
    git(clone.path, 'commit', '-q', '-m', 'Add I00140');
    git(clone.path, 'rm', '-q', page);
    git(clone.path, 'commit', '-q', '-m', 'Remove I00140');
    const used = await collectUsedIds(clone.path);
    expect(nextFreeIds('incident', used.incidents)).toEqual(['I00141']);
    expect(await collectUsedIncidentIds(clone.path)).toEqual(used.incidents);
  });

  it('include a teammate’s pushed branch once fetched, and a draft that used its id is told the next free one', async () => {
    const bare = addBareRemote(clone);
    const store = await Store.open({ dir: storeDir.path });
    const draft = await store.createDraft({ incident: { name: 'my incident' }, annotations: [annotation(), annotation()] });
    const allocated = await allocateIds(store, clone.path, draft.id);
    expect(allocated.incidentId).toBe('I00141');
    expect(allocated.annotations.map((a) => a.linkId)).toEqual(['IT00000549', 'IT00000550']);
    expect(await idConflicts(store, clone.path)).toEqual([]);

    // A teammate, offline too, took the same incident id and one of the IT ids, and pushed.
    const theirs = join(other.path, 'theirs');
    execFileSync('git', ['clone', '-q', bare, theirs]);
    git(theirs, 'config', 'user.name', 'Teammate');
    git(theirs, 'config', 'user.email', 'team@example.org');
    git(theirs, 'checkout', '-q', '-b', 'teammate');
    mkdirSync(join(theirs, 'generated_pages', 'incidents'), { recursive: true });
    writeFileSync(join(theirs, 'generated_pages', 'incidents', 'I00141.md'), '# Incident I00141: Theirs\n\n| IT00000550 quoted |\n');
    git(theirs, 'add', '.');
    git(theirs, 'commit', '-q', '-m', 'Their incident');
    git(theirs, 'push', '-q', 'origin', 'teammate');
    git(clone.path, 'fetch', '-q', 'origin');
    rmSync(theirs, { recursive: true, force: true });

    const conflicts = await idConflicts(store, clone.path);
    expect(conflicts).toEqual([{ draftId: draft.id, draftName: 'my incident', incidentId: 'I00141', suggestedIncidentId: 'I00142', linkIds: ['IT00000550'], takenBy: 'checkout' }]);
    const resolved = await resolveIdConflict(store, clone.path, draft.id);
    expect(resolved.incidentId).toBe('I00142');
    expect(resolved.annotations.map((a) => a.linkId)).toEqual(['IT00000549', 'IT00000551']);
    expect(await idConflicts(store, clone.path)).toEqual([]);

    // A second draft is allocated past the first one's ids.
    const second = await store.createDraft({ annotations: [annotation()] });
    const secondAllocated = await allocateIds(store, clone.path, second.id);
    expect(secondAllocated.incidentId).toBe('I00143');
    expect(secondAllocated.annotations[0]?.linkId).toBe('IT00000552');
  });

  it('do not count a draft’s own applied and committed page against it', async () => {
    const store = await Store.open({ dir: storeDir.path });
    const created = await store.createDraft({ incident: { name: 'Applied and committed' }, annotations: [{ ...annotation(), review: 'accepted' as const, explanation: 'Seen (T0143.003: Impersonated Persona).' }] });
    const draft = await allocateIds(store, clone.path, created.id);
    const catalog = (await loadCheckout(clone.path)).catalog;
    const context = await draftValidationContext(clone.path, catalog, draft, await store.allDrafts());
    await applyDraftToCheckout(clone.path, draft, { lookup: catalog, context });
    git(clone.path, 'add', '--all');
    git(clone.path, 'commit', '-q', '-m', 'Add the applied incident');
    expect((await collectUsedIds(clone.path)).incidents.has(draft.incidentId as string)).toBe(true);
    expect(await idConflicts(store, clone.path)).toEqual([]);
    // Another draft given the same id (by hand) still conflicts: the page is not its own.
    const copy = await store.createDraft({ incidentId: draft.incidentId as string, incident: { name: 'copy' } });
    expect((await idConflicts(store, clone.path)).map((c) => [c.draftId, c.incidentId])).toEqual([[copy.id, draft.incidentId]]);
    await store.deleteDraft(copy.id);
  });
});
