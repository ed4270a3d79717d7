/** The drafts and settings operations through the dispatcher, as both transports call them. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { describeQuote } from '../../shared/drafts/anchoring';
import type { Draft } from '../../shared/drafts/model';
import { apiOverClone, type ApiOverClone } from '../helpers/api-over-clone';
import { SOURCE_ARTICLE } from '../helpers/fixtures';

let api: ApiOverClone;

beforeAll(async () => {
  api = await apiOverClone();
});
afterAll(() => api?.dispose());

async function call<T>(operation: string, args: unknown): Promise<T> {
  const envelope = await api.dispatch(operation, args);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result as T;
}

describe('drafts operations', () => {
  it('create, autosave, list, get and delete a draft', async () => {
    const created = await call<Draft>('drafts.create', { content: { incident: { name: 'Messaging apps campaign' } } });
    const saved = await call<Draft>('drafts.update', { id: created.id, expectedRevision: 0, changes: { incident: { summary: 'Kremlin-linked hackers.' } } });
    expect(saved).toMatchObject({ revision: 1, incident: { name: 'Messaging apps campaign', summary: 'Kremlin-linked hackers.' } });
    const stale = await api.dispatch('drafts.update', { id: created.id, expectedRevision: 0, changes: { incident: { name: 'x' } } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((stale as { error: { details: { draft: Draft } } }).error.details.draft.revision).toBe(1);
    const list = await call<{ id: string; name: string }[]>('drafts.list', {});
    expect(list.map((d) => d.name)).toContain('Messaging apps campaign');
    expect((await call<Draft>('drafts.get', { id: created.id })).incident.summary).toBe('Kremlin-linked hackers.');
    await call('drafts.delete', { id: created.id });
    expect(await api.dispatch('drafts.get', { id: created.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuse malformed input before the store sees it', async () => {
    expect(await api.dispatch('drafts.get', { id: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await api.dispatch('drafts.create', { content: { incidentId: 'T0001' } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await api.dispatch('drafts.update', { id: randomUUID(), changes: { unknownField: 1 } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await api.dispatch('drafts.import', { draft: { schemaVersion: 2 } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('re-anchor quotes when a source text is re-pasted, keeping lost ones as orphans', async () => {
    const article = readFileSync(SOURCE_ARTICLE, 'utf8');
    const sourceId = randomUUID();
    const quote = 'Portugal’s Security Information Service (SIS) first publicly disclosed the campaign';
    const start = article.indexOf(quote);
    const kept = { id: randomUUID(), quote, techniqueIds: ['T0097.100'], explanation: '', review: 'draft', anchor: describeQuote(sourceId, article, start, start + quote.length) };
    const lostQuote = 'The Record from Recorded Future News provides further details';
    const lostStart = article.indexOf(lostQuote);
    const lost = { id: randomUUID(), quote: lostQuote, techniqueIds: ['T0097.100'], explanation: '', review: 'draft', anchor: describeQuote(sourceId, article, lostStart, lostStart + lostQuote.length) };
    const draft = await call<Draft>('drafts.create', { content: { sources: [{ id: sourceId, title: 'article', text: article }], annotations: [kept, lost] } });
    const repasted = 'Updated:\n' + article.replace(/The Record from Recorded Future News[^.]*\./, '');
    const result = await call<{ draft: Draft; anchored: string[]; orphaned: string[] }>('drafts.replaceSource', { id: draft.id, sourceId, text: repasted });
    expect(result.anchored).toEqual([kept.id]);
    expect(result.orphaned).toEqual([lost.id]);
    expect(result.draft.annotations).toHaveLength(2);
    expect(result.draft.sources[0]?.text).toBe(repasted);
    expect((await call<{ orphaned: number }[]>('drafts.list', {})).find((d) => (d as unknown as { id: string }).id === draft.id)?.orphaned).toBe(1);
  });

  it('never move an accepted quote to other words: it goes back to review with its candidate places', async () => {
    const article = readFileSync(SOURCE_ARTICLE, 'utf8');
    const sourceId = randomUUID();
    const quote = 'The SIS noted that attackers are increasingly utilizing artificial intelligence';
    const start = article.indexOf(quote);
    const accepted = { id: randomUUID(), quote, techniqueIds: ['T0097.100'], explanation: '', review: 'accepted', anchor: describeQuote(sourceId, article, start, start + quote.length) };
    const draft = await call<Draft>('drafts.create', { content: { sources: [{ id: sourceId, title: 'article', text: article }], annotations: [accepted] } });
    const corrected = article.replace('increasingly utilizing artificial', 'increasingly using artificial');
    const result = await call<{ draft: Draft; anchored: string[]; needsReview: string[]; orphaned: string[] }>('drafts.replaceSource', { id: draft.id, sourceId, text: corrected });
    expect(result).toMatchObject({ anchored: [], needsReview: [accepted.id], orphaned: [] });
    const [annotation] = result.draft.annotations;
    expect(annotation).toMatchObject({ quote, review: 'draft', anchor: { state: 'needs-review' } });
    expect(annotation?.anchor?.position).toBeUndefined();
    expect(annotation?.anchor?.candidates?.[0]?.text).toBe('The SIS noted that attackers are increasingly using artificial intelligence');
    expect((await call<{ id: string; needsReview: number }[]>('drafts.list', {})).find((d) => d.id === draft.id)?.needsReview).toBe(1);
  });

  it('allocate ids only with a checkout open, then give the master-data rows', async () => {
    const draft = await call<Draft>('drafts.create', { content: { incident: { name: 'Rows' }, annotations: [{ id: randomUUID(), quote: 'q', techniqueIds: ['T0143.003'], explanation: 'e', review: 'accepted' }] } });
    expect(await api.dispatch('drafts.masterRows', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await api.dispatch('drafts.masterRows', { id: randomUUID() })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await api.dispatch('drafts.allocateIds', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'no-repository' } });
    api.services.workspace.set(api.clone.path);
    const allocated = await call<Draft>('drafts.allocateIds', { id: draft.id });
    expect(allocated.incidentId).toBe('I00130');
    const rows = await call<{ incidents: { disarm_id: string }[]; incidenttechniques: { disarm_id: string; name: string }[] }>('drafts.masterRows', { id: draft.id });
    expect(rows.incidents[0]?.disarm_id).toBe('I00130');
    expect(rows.incidenttechniques[0]).toMatchObject({ disarm_id: 'IT00000549', name: '<i>“q”</i><br><br>e' });
    // The same rows as the .xlsx Review's Export menu hands the maintainers, read back.
    expect(await api.dispatch('drafts.masterRowsFile', { id: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const file = await call<{ fileName: string; mediaType: string; base64: string }>('drafts.masterRowsFile', { id: draft.id });
    expect(file).toMatchObject({ fileName: 'I00130-master-rows.xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const xlsx = Buffer.from(file.base64, 'base64');
    const [head, row] = await readSheet(xlsx, 'incidenttechniques');
    expect(Object.fromEntries((head ?? []).map((h, i) => [String(h), row?.[i]]))).toMatchObject({ disarm_id: 'IT00000549', name: '<i>“q”</i><br><br>e' });
    expect((await readSheet(xlsx, 'incidents'))[1]?.[0]).toBe('I00130');
    expect(await call('drafts.idConflicts', {})).toEqual([]);

    // Validate, then apply to the open checkout.
    expect(await api.dispatch('drafts.validate', { id: randomUUID() })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const diagnostics = await call<{ code: string; severity: string; range: { field: string } }[]>('drafts.validate', { id: draft.id });
    expect(diagnostics.every((d) => d.severity !== 'error')).toBe(true);
    expect(diagnostics.map((d) => `${d.code} ${d.range.field}`)).toEqual(['missing-field incident.summary', 'missing-field references']);
    // The apply waits for git work under way on the checkout (here a stand-in holding its queue).
    let release = () => {};
    const held = api.services.repository.exclusive(api.clone.path, () => new Promise<void>((resolve) => (release = resolve)));
    const applying = call<{ incidentPage: string; written: string[] }>('drafts.apply', { id: draft.id });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(existsSync(join(api.clone.path, 'generated_pages/incidents/I00130.md'))).toBe(false);
    release();
    await held;
    const report = await applying;
    expect(report.incidentPage).toBe('generated_pages/incidents/I00130.md');
    expect(report.written.sort()).toEqual(['generated_pages/incidents/I00130.md', 'generated_pages/techniques/T0143.003.md']);
    expect(readFileSync(join(api.clone.path, report.incidentPage), 'utf8')).toContain('# Incident I00130: Rows');
    // An error blocks the apply, with the diagnostics in the error's details.
    await call('drafts.update', { id: draft.id, changes: { annotations: allocated.annotations.map((a) => ({ ...a, techniqueIds: ['T0143.999'] })) } });
    const refused = await api.dispatch('drafts.apply', { id: draft.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(JSON.stringify(refused)).toContain('unknown-id');
  });
});

describe('settings operations', () => {
  it('tell live validation what the catalog cannot: retired techniques and incident ids in use', async () => {
    const checkoutWide = await call<{ retired: { id: string; removedIn: { date: string }; successors?: string[] }[]; takenIncidentIds: string[] }>('drafts.context', {});
    const retired = checkoutWide.retired.find((r) => r.id === 'T0043.001');
    expect(retired?.removedIn.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Where its incidents went travels too, through the operation's output schema.
    expect(retired?.successors).toEqual(['T0155.007', 'T0151.004']);
    expect(checkoutWide.takenIncidentIds).toEqual([]);

    const draft = await call<Draft>('drafts.create', { content: { incident: { name: 'Context probe' } } });
    const context = await call<{ retired: unknown[]; takenIncidentIds: string[]; nextFreeIncidentId?: string }>('drafts.context', { id: draft.id });
    expect(context.retired).toEqual(checkoutWide.retired);
    expect(context.takenIncidentIds).toContain('I00068');
    expect(context.nextFreeIncidentId).toMatch(/^I\d{5}$/);
    expect(context.takenIncidentIds).not.toContain(context.nextFreeIncidentId);
    await call('drafts.delete', { id: draft.id });
  });

  it('get and change settings, list recent repositories, report store warnings', async () => {
    expect(await call('settings.get', {})).toMatchObject({ theme: 'system', editLine: 'DO NOT EDIT ABOVE THIS LINE - PLEASE ADD NOTES BELOW' });
    expect(await call('settings.update', { theme: 'dark', authorName: 'Ana' })).toMatchObject({ theme: 'dark', authorName: 'Ana' });
    expect(await api.dispatch('settings.update', { theme: 'purple' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await api.services.store.addRecent(api.clone.path);
    expect(await call('recent.list', {})).toEqual([{ path: api.clone.path, openedAt: expect.any(String), missing: false }]);
    expect(await call('recent.remove', { path: api.clone.path })).toEqual([]);
    expect(await call('store.warnings', {})).toEqual([]);
  });

  it('marks a recent checkout whose folder is gone, and removes it from the list', async () => {
    const gone = join(api.clone.root, 'moved-away');
    mkdirSync(gone);
    await api.services.store.addRecent(gone);
    await api.services.store.addRecent(api.clone.path);
    expect(await call('recent.list', {})).toEqual([expect.objectContaining({ path: api.clone.path, missing: false }), expect.objectContaining({ path: gone, missing: false })]);
    rmSync(gone, { recursive: true });
    expect(await call('recent.list', {})).toEqual([expect.objectContaining({ path: api.clone.path, missing: false }), expect.objectContaining({ path: gone, missing: true })]);
    // A file where the folder was is not a checkout's folder either.
    writeFileSync(gone, 'a file now');
    expect(await call('recent.list', {})).toContainEqual(expect.objectContaining({ path: gone, missing: true }));
    expect(await call('recent.remove', { path: gone })).toEqual([expect.objectContaining({ path: api.clone.path, missing: false })]);
    await call('recent.remove', { path: api.clone.path });
  });
});
