/** The catalog operations through the dispatcher, as both transports call them. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOverClone, type ApiOverClone } from '../helpers/api-over-clone';
import { tempDir } from '../helpers/fixtures';

let api: ApiOverClone;

beforeAll(async () => {
  api = await apiOverClone();
});
afterAll(() => api?.dispose());

describe('catalog operations', () => {
  it('say clearly that no checkout is open', async () => {
    const result = await api.dispatch('catalog.search', { query: 'encrypted' });
    expect(result).toMatchObject({ ok: false, error: { code: 'no-repository' } });
  });

  it('search with the tactic of each technique once a checkout is open', async () => {
    api.services.workspace.set(api.clone.path);
    const result = await api.dispatch('catalog.search', { query: 'encrypted', kinds: ['technique'], limit: 3 });
    expect(result.ok).toBe(true);
    const hits = (result as { result: { id: string; tacticName?: string }[] }).result;
    expect(hits.map((h) => h.id)).toContain('T0155.007');
    expect(hits.find((h) => h.id === 'T0155.007')?.tacticName).toBe('Select Channels and Affordances');
  });

  it('describe an object with the incidents that used it', async () => {
    const result = await api.dispatch('catalog.object', { id: 'T0155.007' });
    expect(result).toMatchObject({ ok: true, result: { object: { kind: 'technique', path: 'generated_pages/techniques/T0155.007.md' }, technique: { parentId: 'T0155' } } });
  });

  it('refuse malformed arguments and unknown ids', async () => {
    expect(await api.dispatch('catalog.search', { query: 42 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await api.dispatch('catalog.object', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await api.dispatch('catalog.object', { id: 'T9999' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('reload the checkout and say how many pages it read (every object page of the newest commit)', async () => {
    expect(await api.dispatch('catalog.reload', {})).toEqual({ ok: true, result: { pages: 772 } });
    // The same count would come from the catalog already loaded: a page added on disk shows that
    // a reload reads the files again (and its removal, that the next one does too).
    const added = join(api.clone.path, 'generated_pages/counters/C99999.md');
    writeFileSync(added, readFileSync(join(api.clone.path, 'generated_pages/counters/C00006.md'), 'utf8').replace('C00006', 'C99999'));
    try {
      expect(await api.dispatch('catalog.reload', {})).toEqual({ ok: true, result: { pages: 773 } });
    } finally {
      rmSync(added);
    }
    expect(await api.dispatch('catalog.reload', {})).toEqual({ ok: true, result: { pages: 772 } });
  });

  it('follow the workspace to another checkout and back', async () => {
    const other = tempDir();
    try {
      mkdirSync(join(other.path, 'generated_pages', 'techniques'), { recursive: true });
      const page = 'generated_pages/techniques/T0155.007.md';
      writeFileSync(join(other.path, page), readFileSync(join(api.clone.path, page)));
      api.services.workspace.set(other.path);
      expect(await api.dispatch('catalog.overview', {})).toMatchObject({ ok: true, result: { folder: other.path, counts: { technique: 1, incident: 0 } } });
    } finally {
      api.services.workspace.set(api.clone.path);
      other.dispose();
    }
    expect(await api.dispatch('catalog.overview', {})).toMatchObject({ ok: true, result: { folder: api.clone.path, counts: { technique: 391 } } });
  });

  it('give the overview of the checkout', async () => {
    const result = await api.dispatch('catalog.overview', {});
    expect(result).toMatchObject({ ok: true, result: { counts: { technique: 391, incident: 130 }, failures: [] } });
  });
});
