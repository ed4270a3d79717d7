/** The desktop folder picker through the api: the desktop window may use it, a served page may not. */
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/api/handlers';
import { createServices } from '../../electron/services/container';
import { tempDir } from '../helpers/fixtures';

const userData = tempDir();
afterAll(() => userData.dispose());

describe('app.pickFolder', () => {
  it('asks the shell’s dialog in the desktop window and says when it is there', async () => {
    const titles: string[] = [];
    const services = await createServices({ userDataDir: userData.path, version: 'test', dialogs: { pickFolder: async (title) => (titles.push(title), '/home/analyst/DISARMframeworks') } });
    const dispatch = createDispatcher(createHandlers(services), () => undefined);
    expect(await dispatch('app.info', {}, { transport: 'ipc' })).toMatchObject({ ok: true, result: { canPickFolder: true } });
    expect(await dispatch('app.pickFolder', { title: 'Open a checkout' }, { transport: 'ipc' })).toEqual({ ok: true, result: { folder: '/home/analyst/DISARMframeworks' } });
    expect(titles).toEqual(['Open a checkout']);
  });

  it('gives null when the analyst cancels', async () => {
    const services = await createServices({ userDataDir: userData.path, version: 'test', dialogs: { pickFolder: async () => undefined } });
    const dispatch = createDispatcher(createHandlers(services), () => undefined);
    expect(await dispatch('app.pickFolder', { title: 'x' }, { transport: 'ipc' })).toEqual({ ok: true, result: { folder: null } });
  });

  it('is refused to a served page, which types its folder instead', async () => {
    const services = await createServices({ userDataDir: userData.path, version: 'test', dialogs: { pickFolder: async () => '/etc' } });
    const dispatch = createDispatcher(createHandlers(services), () => undefined);
    expect(await dispatch('app.info', {}, { transport: 'http' })).toMatchObject({ ok: true, result: { canPickFolder: false } });
    expect(await dispatch('app.pickFolder', { title: 'x' }, { transport: 'http' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/only in the desktop app/) } });
  });
});
