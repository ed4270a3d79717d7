/** The catalog operations through the dispatcher, as both transports call them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/api/handlers';
import { createServices, type Services } from '../../electron/services/container';
import { cloneHistory, tempDir, type HistoryClone } from '../helpers/fixtures';

let clone: HistoryClone;
let userData: { path: string; dispose: () => void };
let services: Services;
let dispatch: Dispatch;
const context = { transport: 'http' } as const;

beforeAll(async () => {
  clone = cloneHistory();
  userData = tempDir();
  services = await createServices({ userDataDir: userData.path, version: 'test' });
  dispatch = createDispatcher(createHandlers(services), () => undefined);
});
afterAll(() => {
  clone?.dispose();
  userData?.dispose();
});

describe('catalog operations', () => {
  it('say clearly that no checkout is open', async () => {
    const result = await dispatch('catalog.search', { query: 'encrypted' }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'no-repository' } });
  });

  it('search with the tactic of each technique once a checkout is open', async () => {
    services.workspace.set(clone.path);
    const result = await dispatch('catalog.search', { query: 'encrypted', kinds: ['technique'], limit: 3 }, context);
    expect(result.ok).toBe(true);
    const hits = (result as { result: { id: string; tacticName?: string }[] }).result;
    expect(hits.map((h) => h.id)).toContain('T0155.007');
    expect(hits.find((h) => h.id === 'T0155.007')?.tacticName).toBe('Select Channels and Affordances');
  });

  it('describe an object with the incidents that used it', async () => {
    const result = await dispatch('catalog.object', { id: 'T0155.007' }, context);
    expect(result).toMatchObject({ ok: true, result: { object: { kind: 'technique', path: 'generated_pages/techniques/T0155.007.md' }, technique: { parentId: 'T0155' } } });
  });

  it('refuse malformed arguments and unknown ids', async () => {
    expect(await dispatch('catalog.search', { query: 42 }, context)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch('catalog.object', { id: '../../etc/passwd' }, context)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch('catalog.object', { id: 'T9999' }, context)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('give the overview of the checkout', async () => {
    const result = await dispatch('catalog.overview', {}, context);
    expect(result).toMatchObject({ ok: true, result: { counts: { technique: 391, incident: 130 }, failures: [] } });
  });
});
