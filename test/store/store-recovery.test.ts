import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
    const first = await Store.open({ dir: dir.path });
    const good = await first.createDraft({ incident: { name: 'good draft' } });
    const bad = await first.createDraft({ incident: { name: 'bad draft' } });
    const raw = JSON.parse(readFileSync(file(), 'utf8')) as { drafts: Record<string, { revision: unknown }> };
    (raw.drafts[bad.id] as { revision: unknown }).revision = 'seven';
    writeFileSync(file(), JSON.stringify(raw));

    const store = await Store.open({ dir: dir.path });
    expect(asideFiles()).toHaveLength(1);
    expect((await store.listDrafts()).map((d) => d.id)).toEqual([good.id]);
    const codes = store.warnings().map((w) => w.code);
    expect(codes).toEqual(['store-corrupt', 'draft-not-recovered']);
    expect(store.warnings()[1]?.message).toContain(bad.id);
    // The bad draft's words are still in the moved-aside file.
    expect(readFileSync(join(dir.path, asideFiles()[0] as string), 'utf8')).toContain('bad draft');
    store.dismissWarnings();
    expect(store.warnings()).toEqual([]);
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

  it('a version-1 draft that cannot be read is reported and kept in the moved-aside file', async () => {
    writeFileSync(file(), JSON.stringify({ version: 1, drafts: [{ version: 1, id: 'not-a-uuid', created: 0, modified: 0 }], settings: { author: '' }, recent: [] }));
    const store = await Store.open({ dir: dir.path });
    expect(store.warnings().map((w) => w.code)).toEqual(['store-corrupt', 'draft-not-recovered']);
    expect(asideFiles()).toHaveLength(1);
  });
});
