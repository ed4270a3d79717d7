import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store, STORE_FILE_NAME } from '../../electron/store/store';
import { StoreData } from '../../electron/store/store-schema';
import { SOURCE_ARTICLE, tempDir } from '../helpers/fixtures';

let dir: { path: string; dispose: () => void };
beforeEach(() => {
  dir = tempDir('disarm-store-');
});
afterEach(() => dir.dispose());

const file = () => join(dir.path, STORE_FILE_NAME);
const asideFiles = () => readdirSync(dir.path).filter((n) => n.startsWith(`${STORE_FILE_NAME}.corrupt-`));
const quarantineFiles = () => readdirSync(dir.path).filter((n) => n.startsWith(`${STORE_FILE_NAME}.quarantine-`));
const quarantined = (name: string) => JSON.parse(readFileSync(join(dir.path, name), 'utf8')) as { store: string; drafts: { id: string | null; reason: string; draft: unknown }[] };

describe('a broken store file is moved aside and reported, never silently replaced', () => {
  it('a truncated file: moved aside byte for byte, a warning names it, the store works', async () => {
    const first = await Store.open({ dir: dir.path });
    await first.createDraft({ incident: { name: 'about to be truncated' } });
    const whole = readFileSync(file(), 'utf8');
    const truncated = whole.slice(0, Math.floor(whole.length / 2));
    writeFileSync(file(), truncated);

    const store = await Store.open({ dir: dir.path });
    const aside = asideFiles();
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir.path, aside[0] as string), 'utf8')).toBe(truncated);
    const warnings = store.warnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'store-corrupt', file: join(dir.path, aside[0] as string) });
    expect(warnings[0]?.message).toMatch(/not valid JSON/);
    expect(await store.listDrafts()).toEqual([]);
    // The store is usable again, and a valid file is in place.
    await store.createDraft({ incident: { name: 'after the repair' } });
    expect(Object.values(StoreData.parse(JSON.parse(readFileSync(file(), 'utf8'))).drafts).map((d) => d.incident.name)).toEqual(['after the repair']);
  });

  it('an empty file (a crash on a filesystem without fsync) is reported the same way', async () => {
    writeFileSync(file(), '');
    const store = await Store.open({ dir: dir.path });
    expect(asideFiles()).toHaveLength(1);
    expect(store.warnings()[0]?.message).toMatch(/the file is empty/);
  });

  it('a hand-edited file that fails validation: valid drafts recovered, the bad one reported', async () => {
    // The file's shape is broken (settings that are not an object): the whole file goes aside.
    const first = await Store.open({ dir: dir.path });
    const good = await first.createDraft({ incident: { name: 'good draft' } });
    const bad = await first.createDraft({ incident: { name: 'bad draft' } });
    const raw = JSON.parse(readFileSync(file(), 'utf8')) as { settings: unknown; drafts: Record<string, { revision: unknown }> };
    (raw.drafts[bad.id] as { revision: unknown }).revision = 'seven';
    raw.settings = 'dark please';
    writeFileSync(file(), JSON.stringify(raw));

    const store = await Store.open({ dir: dir.path });
    expect(asideFiles()).toHaveLength(1);
    expect((await store.listDrafts()).map((d) => d.id)).toEqual([good.id]);
    const codes = store.warnings().map((w) => w.code);
    expect(codes).toEqual(['store-corrupt', 'draft-not-recovered']);
    expect(store.warnings()[1]?.message).toContain(bad.id);
    expect(store.warnings()[1]?.draftId).toBe(bad.id);
    // The bad draft's words are still in the moved-aside file.
    expect(readFileSync(join(dir.path, asideFiles()[0] as string), 'utf8')).toContain('bad draft');
    store.dismissWarnings();
    expect(store.warnings()).toEqual([]);
  });

  it('one invalid draft is set aside alone: every valid draft stays live in the store, the bad one is kept with its reason', async () => {
    const first = await Store.open({ dir: dir.path });
    await first.updateSettings({ authorName: 'Ana Lyst' });
    await first.addRecent('/repos/framework');
    const good = await first.createDraft({ incident: { name: 'good draft' } });
    const other = await first.createDraft({ incident: { name: 'another good draft' } });
    const bad = await first.createDraft({ incident: { name: 'bad draft' } });
    const raw = JSON.parse(readFileSync(file(), 'utf8')) as { drafts: Record<string, { revision: unknown }> };
    (raw.drafts[bad.id] as { revision: unknown }).revision = 'seven';
    const badAsWritten = raw.drafts[bad.id];
    writeFileSync(file(), JSON.stringify(raw));

    const store = await Store.open({ dir: dir.path });
    // Nothing moved aside: the store file is in place and holds every valid draft, settings and recent list.
    expect(asideFiles()).toEqual([]);
    const live = StoreData.parse(JSON.parse(readFileSync(file(), 'utf8')));
    expect(Object.keys(live.drafts).sort()).toEqual([good.id, other.id].sort());
    expect(live.settings.authorName).toBe('Ana Lyst');
    expect(live.recent.map((r) => r.path)).toEqual(['/repos/framework']);
    expect((await store.listDrafts()).map((d) => d.id).sort()).toEqual([good.id, other.id].sort());
    // The bad draft, exactly as it was, with the reason, in one quarantine file beside the store.
    expect(quarantineFiles()).toHaveLength(1);
    const qFile = join(dir.path, quarantineFiles()[0] as string);
    const q = quarantined(quarantineFiles()[0] as string);
    expect(q.store).toBe(file());
    expect(q.drafts).toEqual([{ id: bad.id, reason: expect.stringMatching(/revision/), draft: badAsWritten }]);
    // The analyst is told which draft and where.
    expect(store.warnings()).toEqual([expect.objectContaining({ code: 'draft-quarantined', draftId: bad.id, file: qFile })]);
    expect(store.warnings()[0]?.message).toContain('"bad draft"');
    expect(store.warnings()[0]?.message).toContain(qFile);
    // Opening again sets nothing aside twice.
    const again = await Store.open({ dir: dir.path });
    expect(again.warnings()).toEqual([]);
    expect(quarantineFiles()).toHaveLength(1);
  });

  it('a draft filed under another id is set aside alone too', async () => {
    const first = await Store.open({ dir: dir.path });
    const good = await first.createDraft({ incident: { name: 'good draft' } });
    const moved = await first.createDraft({ incident: { name: 'misfiled draft' } });
    const raw = JSON.parse(readFileSync(file(), 'utf8')) as { drafts: Record<string, unknown> };
    const key = randomUUID();
    raw.drafts[key] = raw.drafts[moved.id];
    delete raw.drafts[moved.id];
    writeFileSync(file(), JSON.stringify(raw));

    const store = await Store.open({ dir: dir.path });
    expect((await store.listDrafts()).map((d) => d.id)).toEqual([good.id]);
    expect(quarantined(quarantineFiles()[0] as string).drafts[0]).toMatchObject({ id: moved.id, reason: expect.stringContaining(`filed under ${key}`) });
    expect(store.warnings().map((w) => w.code)).toEqual(['draft-quarantined']);
  });

  it('a folder in the file’s place is moved aside with what it holds, and reported', async () => {
    mkdirSync(file());
    writeFileSync(join(file(), 'kept.txt'), 'something of the analyst’s');
    const store = await Store.open({ dir: dir.path });
    expect(asideFiles()).toHaveLength(1);
    expect(readFileSync(join(dir.path, asideFiles()[0] as string, 'kept.txt'), 'utf8')).toBe('something of the analyst’s');
    expect(store.warnings()[0]).toMatchObject({ code: 'store-corrupt', message: expect.stringContaining('it is a folder, not a file') });
    await store.createDraft({ incident: { name: 'after' } });
    expect(Object.keys(StoreData.parse(JSON.parse(readFileSync(file(), 'utf8'))).drafts)).toHaveLength(1);
  });

  it('a file from a newer version is left untouched and refused', async () => {
    const newer = JSON.stringify({ schemaVersion: 3, drafts: {}, somethingNew: true });
    writeFileSync(file(), newer);
    const store = await Store.open({ dir: dir.path });
    expect(store.warnings().map((w) => w.code)).toEqual(['store-newer-version']);
    await expect(store.listDrafts()).rejects.toMatchObject({ code: 'conflict' });
    await expect(store.createDraft()).rejects.toThrow(/newer DISARM Workbench/);
    expect(readFileSync(file(), 'utf8')).toBe(newer);
    expect(asideFiles()).toEqual([]);
  });
});

describe('migration from the version-1 store', () => {
  it('brings drafts, settings and recent repositories to today’s shape and rewrites the file', async () => {
    const article = readFileSync(SOURCE_ARTICLE, 'utf8');
    const quote = 'The SIS noted that attackers are increasingly utilizing artificial intelligence';
    const start = article.indexOf(quote);
    const draftId = randomUUID();
    const annotationId = randomUUID();
    const v1 = {
      version: 1,
      drafts: [
        {
          version: 1,
          id: draftId,
          title: 'Messaging apps campaign',
          summary: 'Kremlin-linked hackers target WhatsApp and Signal.',
          fields: { type: 'campaign', yearStarted: 2025, attributedTo: 'Russia', foundInCountry: 'Netherlands', foundVia: 'news', dateAdded: '2025-02-20' },
          references: [{ url: 'https://example.org/article', pubDate: '2025/02/19', authors: 'A. Reporter', org: 'Example News', archive: '' }],
          sourceText: article,
          annotations: [{ id: annotationId, quote, techniqueId: 'T0143.003', explanation: 'AI impersonation (T0143.003: Impersonated Persona).', start, end: start + quote.length }],
          created: Date.UTC(2025, 1, 20, 10, 0, 0),
          modified: Date.UTC(2025, 1, 20, 11, 30, 0),
        },
      ],
      settings: { author: 'Ana Lyst <ana@example.org>', darkMode: true },
      recent: ['/home/ana/DISARMframeworks'],
    };
    writeFileSync(file(), JSON.stringify(v1));

    const store = await Store.open({ dir: dir.path, now: () => new Date('2025-03-01T00:00:00.000Z') });
    expect(store.warnings()).toEqual([]);
    const data = StoreData.parse(JSON.parse(readFileSync(file(), 'utf8')));
    expect(data.schemaVersion).toBe(2);
    expect(data.settings).toMatchObject({ authorName: 'Ana Lyst', authorEmail: 'ana@example.org', theme: 'dark' });
    expect(data.recent).toEqual([{ path: '/home/ana/DISARMframeworks', openedAt: '2025-03-01T00:00:00.000Z' }]);

    const draft = await store.getDraft(draftId);
    expect(draft.incident).toEqual({ name: 'Messaging apps campaign', summary: 'Kremlin-linked hackers target WhatsApp and Signal.', type: 'campaign', yearStarted: '2025', attributedTo: 'Russia', foundInCountry: 'Netherlands', foundVia: 'news', dateAdded: '2025-02-20', notes: '' });
    expect(draft.createdAt).toBe('2025-02-20T10:00:00.000Z');
    expect(draft.references).toEqual([{ id: expect.any(String), url: 'https://example.org/article', pubDate: '2025/02/19', authors: 'A. Reporter', org: 'Example News', archiveUrl: '' }]);
    expect(draft.sources).toHaveLength(1);
    expect(draft.sources[0]?.text).toBe(article);
    const annotation = draft.annotations[0];
    expect(annotation).toMatchObject({ id: annotationId, quote, techniqueIds: ['T0143.003'], review: 'draft' });
    expect(annotation?.anchor).toEqual({
      sourceId: draft.sources[0]?.id,
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: article.slice(start - 32, start), suffix: article.slice(start + quote.length, start + quote.length + 32) },
      position: { type: 'TextPositionSelector', start, end: start + quote.length },
      state: 'anchored',
    });
  });

  it('a version-1 draft that cannot be read is set aside alone, and the others are migrated', async () => {
    const unreadable = { version: 1, id: 'not-a-uuid', created: 0, modified: 0 };
    const readable = { version: 1, id: randomUUID(), title: 'Readable', created: 0, modified: 0 };
    writeFileSync(file(), JSON.stringify({ version: 1, drafts: [unreadable, readable], settings: { author: '' }, recent: [] }));
    const store = await Store.open({ dir: dir.path });
    expect(store.warnings().map((w) => w.code)).toEqual(['draft-quarantined']);
    expect(asideFiles()).toEqual([]);
    expect((await store.listDrafts()).map((d) => d.name)).toEqual(['Readable']);
    expect(quarantined(quarantineFiles()[0] as string).drafts).toEqual([{ id: 'not-a-uuid', reason: expect.any(String), draft: unreadable }]);
  });
});
