/**
 * Must show: a draft made from the article in ../shared/fixtures/sources (three quotes, five
 * techniques, two references) applied to a clone of the history bundle.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/cli';
import { loadCheckout } from '../../electron/checkout/load-checkout';
import { applyDraftToCheckout } from '../../electron/drafts/apply-draft';
import { allocateIds } from '../../electron/drafts/draft-ids';
import { draftValidationContext } from '../../electron/drafts/validation-context';
import { Store, STORE_FILE_NAME } from '../../electron/store/store';
import { splitAtEditLine } from '../../shared/edit-line';
import { describeQuote } from '../../shared/drafts/anchoring';
import type { DraftChanges } from '../../shared/drafts/changes';
import type { Draft } from '../../shared/drafts/model';
import { findBlocks } from '../../shared/drafts/notes-blocks';
import { parseDescription } from '../../shared/drafts/render-description';
import { parseIncidentPage } from '../../shared/pages';
import type { Catalog } from '../../shared/catalog';
import { ARTICLE_INCIDENT, articleReferences, articleSource } from '../helpers/article-incident';
import { cloneHistory, git, SOURCE_ARTICLE, tempDir, type HistoryClone } from '../helpers/fixtures';

const article = readFileSync(SOURCE_ARTICLE, 'utf8');
const QUOTES = [
  {
    quote: 'The SIS noted that attackers are increasingly utilizing artificial intelligence to convincingly impersonate technical support staff or trusted contacts, creating highly realistic and persuasive phishing attempts.',
    techniqueIds: ['T0143.003', 'T0097.100'],
    explanation: 'Attackers used AI to impersonate support staff and trusted contacts (T0143.003: Impersonated Persona, T0097.100: Individual Persona).',
  },
  {
    quote: 'Despite their end-to-end encryption option, messaging apps such as Signal and WhatsApp should not be used as channels for classified, confidential or sensitive information.',
    techniqueIds: ['T0151.004', 'T0155.007'],
    explanation: 'The campaign targeted accounts on chat platforms (T0151.004: Chat Platform) offering encrypted communication (T0155.007: Encrypted Communication Channel).',
  },
  {
    quote: 'Though, the company acknowledged that targeted phishing attacks have successfully compromised some user accounts, including those of government officials and journalists.',
    techniqueIds: ['T0150.005'],
    explanation: 'Accounts of officials and journalists were compromised | taken over (T0150.005: Compromised Asset).',
  },
];
const TECHNIQUES = ['T0097.100', 'T0143.003', 'T0150.005', 'T0151.004', 'T0155.007'];

let clone: HistoryClone;
let storeDir: { path: string; dispose: () => void };
let store: Store;
let catalog: Catalog;

beforeAll(async () => {
  clone = cloneHistory();
  storeDir = tempDir('disarm-store-');
  store = await Store.open({ dir: storeDir.path });
  catalog = (await loadCheckout(clone.path)).catalog;
});
afterAll(() => {
  clone.dispose();
  storeDir.dispose();
});

/** The article's incident with its quotes, created in `into` (the suite's store by default) and given ids in `checkout`. */
async function makeDraft(into: Store = store, checkout: string = clone.path): Promise<Draft> {
  const sourceId = randomUUID();
  const referenceId = randomUUID();
  const draft = await into.createDraft({
    incident: ARTICLE_INCIDENT,
    references: articleReferences(referenceId, randomUUID()),
    sources: [articleSource(sourceId, referenceId, article)],
    annotations: QUOTES.map((q) => {
      const start = article.indexOf(q.quote);
      expect(start).toBeGreaterThanOrEqual(0);
      return { id: randomUUID(), quote: q.quote, techniqueIds: q.techniqueIds, explanation: q.explanation, review: 'accepted' as const, anchor: describeQuote(sourceId, article, start, start + q.quote.length) };
    }),
  });
  return allocateIds(into, checkout, draft.id);
}

async function apply(draft: Draft) {
  const context = await draftValidationContext(clone.path, catalog, draft, await store.allDrafts());
  return applyDraftToCheckout(clone.path, draft, { lookup: catalog, context });
}

async function check(): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(['check', '--repo', clone.path], { stdout: (t) => (out += t), stderr: (t) => (out += t), cwd: clone.path, stopped: new Promise(() => undefined) });
  return { code, out };
}

describe('applying a draft made from the article', () => {
  it('writes a new incident page that parses back to the same incident, references and descriptions', async () => {
    const draft = await makeDraft();
    expect(draft.incidentId).toBe('I00130');
    const report = await apply(draft);
    expect(report.incidentPage).toBe('generated_pages/incidents/I00130.md');
    expect(report.written.sort()).toEqual(['generated_pages/incidents/I00130.md', ...TECHNIQUES.map((t) => `generated_pages/techniques/${t}.md`)].sort());
    expect(report.diagnostics).toEqual([]);

    const text = readFileSync(join(clone.path, report.incidentPage), 'utf8');
    const parsed = parseIncidentPage(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const page = parsed.page;
    expect(page.format).toBe('newest');
    expect({ id: page.id, name: page.name, summary: page.summary, type: page.incidentType, year: page.yearStarted, from: page.attributedTo, to: page.foundInCountry, via: page.foundVia, added: page.dateAdded }).toEqual({
      id: 'I00130',
      name: draft.incident.name,
      summary: draft.incident.summary,
      type: 'campaign',
      year: '2025.0',
      from: 'Russia',
      to: 'Netherlands, Portugal',
      via: 'news',
      added: '2025-02-20',
    });
    expect(page.references.map((r) => ({ url: r.url, pubDate: r.pubDate, authors: r.authors, org: r.org, archiveUrl: r.archiveUrl }))).toEqual(draft.references.map((r) => ({ url: r.url, pubDate: r.pubDate, authors: r.authors, org: r.org, archiveUrl: r.archiveUrl })));
    // One row per (quote, technique), each row's description giving back the quote and explanation.
    expect(page.techniques.map((r) => r.technique.id)).toEqual(TECHNIQUES);
    for (const row of page.techniques) {
      const annotation = draft.annotations.find((a) => a.techniqueIds.includes(row.technique.id));
      expect(row.technique.name).toBe(catalog.technique(row.technique.id)?.name);
      expect(parseDescription(row.description)).toEqual({ quote: annotation?.quote, explanation: annotation?.explanation });
    }
    // The notes below the line are the draft's block.
    expect(findBlocks(page.notes).map((b) => b.body)).toEqual([draft.incident.notes]);
  });

  it('gives each tagged technique page exactly one entry below its line, and nothing else changes', async () => {
    for (const id of TECHNIQUES) {
      const path = `generated_pages/techniques/${id}.md`;
      const before = git(clone.path, 'show', `HEAD:${path}`);
      const after = readFileSync(join(clone.path, path), 'utf8');
      const [old, now] = [splitAtEditLine(before), splitAtEditLine(after)];
      expect(now.generated + now.line).toBe(old.generated + old.line);
      expect(now.notes.startsWith(old.notes)).toBe(true);
      const blocks = findBlocks(now.notes);
      expect(blocks).toHaveLength(1);
      expect(blocks[0]?.incidentId).toBe('I00130');
      expect(blocks[0]?.body).toContain('[I00130 Kremlin-linked hackers target WhatsApp and Signal accounts of officials and journalists](../../generated_pages/incidents/I00130.md)');
    }
    const changed = git(clone.path, 'status', '--porcelain').replace(/\n$/, '').split('\n').map((l) => l.slice(3)).sort();
    expect(changed).toEqual(['generated_pages/incidents/I00130.md', ...TECHNIQUES.map((t) => `generated_pages/techniques/${t}.md`)].sort());
  });

  it('passes `disarm-workbench check`', async () => {
    const result = await check();
    expect(result.out).not.toMatch(/violation/i);
    expect(result.code).toBe(0);
  });

  it('changes nothing when applied a second time', async () => {
    const [draft] = await store.allDrafts();
    const snapshot = git(clone.path, 'diff', 'HEAD', '--stat', '--', '.') + git(clone.path, 'status', '--porcelain');
    const hashes = git(clone.path, 'ls-files', '-s', '-m', '-o', '--exclude-standard') + git(clone.path, 'hash-object', 'generated_pages/incidents/I00130.md', ...TECHNIQUES.map((t) => `generated_pages/techniques/${t}.md`));
    const again = await apply(draft as Draft);
    expect(again.written).toEqual([]);
    expect(again.unchanged).toHaveLength(6);
    expect(git(clone.path, 'diff', 'HEAD', '--stat', '--', '.') + git(clone.path, 'status', '--porcelain')).toBe(snapshot);
    expect(git(clone.path, 'ls-files', '-s', '-m', '-o', '--exclude-standard') + git(clone.path, 'hash-object', 'generated_pages/incidents/I00130.md', ...TECHNIQUES.map((t) => `generated_pages/techniques/${t}.md`))).toBe(hashes);
  });

  it('after edits, updates its own entries in place and drops an untagged one, keeping others’ notes', async () => {
    const path = join(clone.path, 'generated_pages/techniques/T0150.005.md');
    // Someone else adds a note below the line of a technique page.
    writeFileSync(path, readFileSync(path, 'utf8') + '\nA teammate’s note.\n');
    const [draft] = (await store.allDrafts()) as [Draft];
    const edited = await store.updateDraft(draft.id, {
      annotations: draft.annotations.map((a) => (a.techniqueIds.includes('T0150.005') ? { ...a, explanation: a.explanation + ' Confirmed by Signal.' } : { ...a, techniqueIds: a.techniqueIds.filter((t) => t !== 'T0155.007') })),
    });
    const report = await apply(edited);
    expect(report.written.sort()).toEqual(['generated_pages/incidents/I00130.md', 'generated_pages/techniques/T0150.005.md', 'generated_pages/techniques/T0155.007.md']);
    const t0150 = readFileSync(path, 'utf8');
    expect(findBlocks(splitAtEditLine(t0150).notes)).toHaveLength(1);
    expect(t0150).toContain('Confirmed by Signal.');
    expect(t0150).toContain('A teammate’s note.');
    expect(readFileSync(join(clone.path, 'generated_pages/techniques/T0155.007.md'), 'utf8')).toBe(git(clone.path, 'show', 'HEAD:generated_pages/techniques/T0155.007.md'));
    expect((await check()).code).toBe(0);

    // Committed, the incident page can still gain notes.
    git(clone.path, 'add', '-A');
    git(clone.path, 'commit', '-q', '-m', 'Add incident I00130');
    const noted = await store.updateDraft(draft.id, { incident: { notes: 'Reported by the MIVD and the SIS; updated.' } });
    expect((await apply(noted)).written).toEqual(['generated_pages/incidents/I00130.md']);
    expect(readFileSync(join(clone.path, 'generated_pages/incidents/I00130.md'), 'utf8')).toContain('Reported by the MIVD and the SIS; updated.');
    expect((await check()).code).toBe(0);
  });

  it('refuses a draft with errors, or one whose committed page would change above the line, writing nothing', async () => {
    const [draft] = (await store.allDrafts()) as [Draft];
    const status = git(clone.path, 'status', '--porcelain');
    const bad = await store.updateDraft(draft.id, { annotations: draft.annotations.map((a, i) => (i === 0 ? { ...a, techniqueIds: ['T0043.001'] } : a)) });
    await expect(apply(bad)).rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(/removed on/) });
    const renamed = await store.updateDraft(draft.id, { incident: { name: 'A new name after the commit' }, annotations: draft.annotations });
    await expect(apply(renamed)).rejects.toMatchObject({ code: 'guard-violation' });
    expect(git(clone.path, 'status', '--porcelain')).toBe(status);
  });
});

describe('a draft holding a control character', () => {
  // A clone of its own: the checkout must be exactly HEAD before and after the refusal.
  let own: HistoryClone;
  let ownStoreDir: { path: string; dispose: () => void };
  let ownStore: Store;
  beforeAll(async () => {
    own = cloneHistory();
    ownStoreDir = tempDir('disarm-store-');
    ownStore = await Store.open({ dir: ownStoreDir.path });
  });
  afterAll(() => {
    own.dispose();
    ownStoreDir.dispose();
  });

  const cases: { what: string; field: RegExp; change: (d: Draft) => DraftChanges }[] = [
    { what: 'the name', field: /The incident’s name: .*U\+0000/, change: (d) => ({ incident: { name: d.incident.name.replace('hackers', 'hack\u0000ers') } }) },
    { what: 'a quote', field: /Quote 1’s quoted text: .*U\+0000/, change: (d) => ({ annotations: d.annotations.map((a, i) => (i === 0 ? { ...a, quote: a.quote.replace('noted', 'no\u0000ted') } : a)) }) },
    { what: 'an explanation', field: /Quote 2’s explanation: .*U\+0007/, change: (d) => ({ annotations: d.annotations.map((a, i) => (i === 1 ? { ...a, explanation: `\u0007${a.explanation}` } : a)) }) },
    { what: 'a reference’s authors', field: /Reference 1’s authors: .*U\+001B/, change: (d) => ({ references: d.references.map((r, i) => (i === 0 ? { ...r, authors: `${r.authors}\u001B` } : r)) }) },
    { what: 'the notes', field: /The incident’s notes: .*U\+0000/, change: (d) => ({ incident: { notes: `${d.incident.notes}\u0000` } }) },
  ];

  for (const c of cases) {
    it(`in ${c.what} is refused, naming the field and the fix; the checkout and the store are untouched`, async () => {
      const allocated = await makeDraft(ownStore, own.path);
      const draft = await ownStore.updateDraft(allocated.id, c.change(allocated));
      const storeBefore = readFileSync(join(ownStoreDir.path, STORE_FILE_NAME));
      const context = await draftValidationContext(own.path, catalog, draft, await ownStore.allDrafts());
      const refused = applyDraftToCheckout(own.path, draft, { lookup: catalog, context });
      await expect(refused).rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(c.field) });
      await expect(refused).rejects.toMatchObject({ message: expect.stringContaining('“Remove the control characters”') });
      expect(git(own.path, 'status', '--porcelain')).toBe('');
      expect(readFileSync(join(ownStoreDir.path, STORE_FILE_NAME)).equals(storeBefore)).toBe(true);
      await ownStore.deleteDraft(draft.id);
    });
  }
});
