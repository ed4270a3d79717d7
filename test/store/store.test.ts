import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { DEFAULT_SETTINGS } from '../../shared/api/ops/settings';
import { Store, StoreFolderError, STORE_FILE_NAME } from '../../electron/store/store';
import { StoreData } from '../../electron/store/store-schema';
import { tempDir } from '../helpers/fixtures';
import { canMakeImmutable, immutable } from './helpers/immutable';

let dir: { path: string; dispose: () => void };
beforeEach(() => {
  dir = tempDir('disarm-store-');
});
afterEach(() => dir.dispose());

function onDisk(): StoreData {
  return StoreData.parse(JSON.parse(readFileSync(join(dir.path, STORE_FILE_NAME), 'utf8')));
}

describe('Store: drafts', () => {
  it('creates the file on open, and creates, lists, gets, updates and deletes drafts on disk', async () => {
    const store = await Store.open({ dir: dir.path });
    expect(onDisk()).toEqual({ schemaVersion: 2, drafts: {}, settings: DEFAULT_SETTINGS, recent: [], suggestionExamples: [] });

    const first = await store.createDraft({ incident: { name: 'Kremlin-linked hackers target messaging apps' } });
    const second = await store.createDraft();
    expect(first.revision).toBe(0);
    expect(first.incident.summary).toBe('');
    expect(Object.keys(onDisk().drafts).sort()).toEqual([first.id, second.id].sort());

    const updated = await store.updateDraft(first.id, { incident: { summary: 'A campaign.' }, references: [{ id: randomUUID(), url: 'https://example.org/a', pubDate: '2025/02/19', authors: '', org: 'Example', archiveUrl: '' }] });
    expect(updated.revision).toBe(1);
    expect(updated.incident).toMatchObject({ name: 'Kremlin-linked hackers target messaging apps', summary: 'A campaign.' });
    expect(onDisk().drafts[first.id]).toEqual(updated);
    expect(await store.getDraft(first.id)).toEqual(updated);

    const list = await store.listDrafts();
    expect(list.map((d) => d.id)).toContain(first.id);
    expect(list.find((d) => d.id === first.id)).toMatchObject({ name: 'Kremlin-linked hackers target messaging apps', references: 1, annotations: 0, revision: 1 });

    await store.deleteDraft(second.id);
    expect(Object.keys(onDisk().drafts)).toEqual([first.id]);
    await expect(store.getDraft(second.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.deleteDraft(second.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a stale autosave with conflict and keeps the newer text', async () => {
    const store = await Store.open({ dir: dir.path });
    const draft = await store.createDraft();
    await store.updateDraft(draft.id, { incident: { name: 'from window one' } }, 0);
    const error = await store.updateDraft(draft.id, { incident: { name: 'from window two' } }, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'conflict' });
    expect((await store.getDraft(draft.id)).incident.name).toBe('from window one');
  });

  it('refuses an update that would make the draft invalid, and writes nothing', async () => {
    const store = await Store.open({ dir: dir.path });
    const draft = await store.createDraft();
    const before = readFileSync(join(dir.path, STORE_FILE_NAME), 'utf8');
    // An annotation anchored in a source text the draft does not have.
    const bad = { id: randomUUID(), quote: 'q', techniqueIds: ['T0001'], explanation: '', review: 'draft' as const, anchor: { sourceId: randomUUID(), quote: { type: 'TextQuoteSelector' as const, exact: 'q', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector' as const, start: 0, end: 1 }, state: 'anchored' as const } };
    await expect(store.updateDraft(draft.id, { annotations: [bad] })).rejects.toThrow(/source text that is not in the draft/);
    expect(readFileSync(join(dir.path, STORE_FILE_NAME), 'utf8')).toBe(before);
  });

  it('serialises concurrent changes within one process', async () => {
    const store = await Store.open({ dir: dir.path });
    const drafts = await Promise.all(Array.from({ length: 20 }, (_, i) => store.createDraft({ incident: { name: `d${i}` } })));
    expect(Object.keys(onDisk().drafts)).toHaveLength(20);
    await Promise.all(drafts.map((d) => store.updateDraft(d.id, { incident: { summary: `s-${d.incident.name}` } })));
    const saved = Object.values(onDisk().drafts);
    expect(saved).toHaveLength(20);
    for (const d of saved) expect(d.incident.summary).toBe(`s-${d.incident.name}`);
  });

  it('leaves no temporary file behind', async () => {
    const store = await Store.open({ dir: dir.path });
    for (let i = 0; i < 5; i++) await store.createDraft();
    expect(readdirSync(dir.path).sort()).toEqual([STORE_FILE_NAME]);
  });

  it('imports a draft, and imports one whose id exists as a copy', async () => {
    const store = await Store.open({ dir: dir.path });
    const draft = await store.createDraft({ incident: { name: 'travelling draft' } });
    const again = await store.importDraft(JSON.parse(JSON.stringify(draft)));
    expect(again.copied).toBe(true);
    expect(again.draft.id).not.toBe(draft.id);
    expect(again.draft.incident.name).toBe('travelling draft');
    await expect(store.importDraft({ schemaVersion: 2, id: 'nope' })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(store.importDraft({ schemaVersion: 9 })).rejects.toThrow(/newer DISARM Workbench/);
  });
});

describe('Store: settings and recent repositories', () => {
  it('changes only the named settings and refuses invalid ones', async () => {
    const store = await Store.open({ dir: dir.path });
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
    await store.updateSettings({ authorName: 'Ana Lyst' });
    const settings = await store.updateSettings({ theme: 'dark', editLine: 'FORK: NOTES BELOW' });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, authorName: 'Ana Lyst', theme: 'dark', editLine: 'FORK: NOTES BELOW' });
    await expect(store.updateSettings({ authorEmail: 'not an address' })).rejects.toThrow(/e-mail/);
    await expect(store.updateSettings({ editLine: 'two\nlines' })).rejects.toThrow(/single line/);
    expect(onDisk().settings).toEqual(settings);
  });

  it('keeps recent repositories most recent first, once each, at most 20', async () => {
    const store = await Store.open({ dir: dir.path });
    for (let i = 0; i < 25; i++) await store.addRecent(`/repos/r${i}`);
    await store.addRecent('/repos/r10');
    const recent = await store.listRecent();
    expect(recent).toHaveLength(20);
    expect(recent[0]?.path).toBe('/repos/r10');
    expect(recent[1]?.path).toBe('/repos/r24');
    expect(new Set(recent.map((r) => r.path)).size).toBe(20);
    expect((await store.removeRecent('/repos/r10')).map((r) => r.path)).not.toContain('/repos/r10');
  });
});

describe('Store: a file that cannot be written', () => {
  // chattr +i makes the file refuse every change, root's included (chmod would not stop root).
  it.skipIf(!canMakeImmutable())('keeps reading, refuses changes with store-not-writable naming the file, and changes nothing', async () => {
    const first = await Store.open({ dir: dir.path });
    const kept = await first.createDraft({ incident: { name: 'written before' } });
    const file = join(dir.path, STORE_FILE_NAME);
    const before = readFileSync(file, 'utf8');
    const store = await immutable(file, async () => {
      const store = await Store.open({ dir: dir.path });
      expect((await store.listDrafts()).map((d) => d.id)).toEqual([kept.id]);
      const refused = await store.createDraft({ incident: { name: 'typed while protected' } }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ApiError);
      expect(refused).toMatchObject({ code: 'store-not-writable', details: { file, errno: 'EPERM' } });
      expect((refused as ApiError).message).toContain(`The drafts store at ${file} cannot be written (EPERM`);
      expect((refused as ApiError).message).toMatch(/Nothing in it was changed or lost/);
      await expect(store.updateDraft(kept.id, { incident: { name: 'renamed' } })).rejects.toMatchObject({ code: 'store-not-writable' });
      await expect(store.addRecent('/repos/x')).rejects.toMatchObject({ code: 'store-not-writable' });
      expect(store.warnings()).toEqual([expect.objectContaining({ code: 'store-not-writable', file })]);
      expect(readFileSync(file, 'utf8')).toBe(before);
      // No temporary file is left behind by the refused writes.
      expect(readdirSync(dir.path).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      return store;
    });
    // Writable again: the next change goes through, and the warning, no longer true, is gone.
    await store.createDraft({ incident: { name: 'after' } });
    expect(Object.keys(onDisk().drafts)).toHaveLength(2);
    expect(store.warnings()).toEqual([]);
  });

  it.skipIf(!canMakeImmutable())('a draft to set aside in a file that cannot be written: the others are still read', async () => {
    const first = await Store.open({ dir: dir.path });
    const good = await first.createDraft({ incident: { name: 'good' } });
    const bad = await first.createDraft({ incident: { name: 'bad' } });
    const file = join(dir.path, STORE_FILE_NAME);
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { drafts: Record<string, { revision: unknown }> };
    (raw.drafts[bad.id] as { revision: unknown }).revision = -1;
    writeFileSync(file, JSON.stringify(raw));
    await immutable(file, async () => {
      const store = await Store.open({ dir: dir.path });
      expect((await store.listDrafts()).map((d) => d.id)).toEqual([good.id]);
      expect(store.warnings().map((w) => w.code).sort()).toEqual(['draft-quarantined', 'store-not-writable']);
    });
  });
});

describe('Store: the folder', () => {
  it('refuses a file in place of its folder with StoreFolderError, saying what the path is', async () => {
    const notAFolder = join(dir.path, 'a-file');
    writeFileSync(notAFolder, 'x');
    const error = await Store.open({ dir: notAFolder }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreFolderError);
    expect(error).toMatchObject({ dir: notAFolder, problem: 'is a file' });
    await expect(Store.open({ dir: join(notAFolder, 'inside') })).rejects.toMatchObject({ problem: expect.stringMatching(/inside a file/) });
  });
});

