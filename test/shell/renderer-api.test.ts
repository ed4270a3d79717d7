// The renderer's api client pieces that do not need a server: the token's way from the address
// into sessionStorage, the event-stream reader, and the IPC transport over a bridge.
import { describe, expect, it } from 'vitest';
import { createEventStreamParser } from '../../renderer/src/lib/api/event-stream';
import { pickTransport } from '../../renderer/src/lib/api/index';
import { createIpcTransport, isBridge } from '../../renderer/src/lib/api/ipc-transport';
import { TOKEN_STORAGE_KEY, takeToken, type TokenPlace } from '../../renderer/src/lib/api/token';
import { createApiClient } from '../../shared/api/client';
import { ApiError } from '../../shared/api/errors';
import { BRIDGE_GLOBAL, type Bridge } from '../../shared/api/wire';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd';

function place(hash: string, stored?: string) {
  const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const replaced: string[] = [];
  const where: TokenPlace = {
    location: { hash, pathname: '/', search: '' },
    history: { state: null, replaceState: (_d, _u, url) => replaced.push(url) },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { where, storage, replaced };
}

describe('the access token in the page', () => {
  it('moves from the address fragment into sessionStorage and out of the address bar', () => {
    const { where, storage, replaced } = place(`#token=${TOKEN}`);
    expect(takeToken(where)).toBe(TOKEN);
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe(TOKEN);
    expect(replaced).toEqual(['/']);
  });

  it('keeps other fragment parts and survives a reload', () => {
    const { where, replaced } = place(`#token=${TOKEN}&screen=library`);
    takeToken(where);
    expect(replaced).toEqual(['/#screen=library']);
    expect(takeToken(place('', TOKEN).where)).toBe(TOKEN);
  });

  it('ignores a malformed token and reports none when there is none', () => {
    const { where, storage, replaced } = place('#token=<script>');
    expect(takeToken(where)).toBeUndefined();
    expect(storage.size).toBe(0);
    expect(replaced).toEqual(['/']);
    expect(takeToken(place('').where)).toBeUndefined();
  });
});

describe('the event-stream reader', () => {
  it('assembles messages across chunks and skips comments', () => {
    const got: string[] = [];
    const feed = createEventStreamParser((data) => got.push(data));
    feed(': connected\n\nda');
    feed('ta: {"a":1}\n');
    expect(got).toEqual([]);
    feed('\r\ndata: line1\ndata: line2\n\n: heartbeat\n\n');
    expect(got).toEqual(['{"a":1}', 'line1\nline2']);
  });
});

describe('the IPC transport in the renderer', () => {
  const bridge = (answer: unknown): Bridge => ({ invoke: async () => answer, subscribe: () => () => {} });

  it('recognises the bridge and unwraps its envelopes', async () => {
    expect(isBridge(bridge(null))).toBe(true);
    expect(isBridge({ invoke: 'no' })).toBe(false);
    const ok = createApiClient(createIpcTransport(bridge({ ok: true, result: { version: '1', transport: 'ipc' } })));
    expect(await ok.call('app.info', {})).toEqual({ version: '1', transport: 'ipc' });
    const refused = createApiClient(createIpcTransport(bridge({ ok: false, error: { code: 'forbidden', message: 'no' } })));
    await expect(refused.call('app.info', {})).rejects.toEqual(new ApiError('forbidden', 'no'));
    const garbage = createApiClient(createIpcTransport(bridge('surprise')));
    await expect(garbage.call('app.info', {})).rejects.toMatchObject({ code: 'internal' });
  });

  it('is picked when the preload exposed the bridge; otherwise calls explain the missing token', async () => {
    expect(pickTransport({ [BRIDGE_GLOBAL]: bridge({ ok: true, result: {} }) }).connection).toBe('ipc');
    const none = pickTransport({});
    expect(none.connection).toBe('none');
    await expect(createApiClient(none.transport).call('app.info', {})).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringContaining('#token=') });
  });
});
