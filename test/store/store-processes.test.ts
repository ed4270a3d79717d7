import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store, STORE_FILE_NAME } from '../../electron/store/store';
import { StoreData } from '../../electron/store/store-schema';
import { PROJECT_ROOT, tempDir } from '../helpers/fixtures';

const WORKER = join(PROJECT_ROOT, 'test', 'store', 'helpers', 'store-worker.ts');

let dir: { path: string; dispose: () => void };
beforeEach(() => {
  dir = tempDir('disarm-store-');
});
afterEach(() => dir.dispose());

function startWorker(...args: string[]): { child: ChildProcess; output: () => string; done: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dir.path, ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void done.then((code) => {
    if (code !== 0 && code !== null) console.error(`worker failed (${code}): ${err}`);
  });
  return { child, output: () => out, done };
}

describe('two processes on the same store', () => {
  it('lose none of each other’s writes: every draft created, every update, each one’s setting', async () => {
    const COUNT = 25;
    const a = startWorker('hammer', 'a', String(COUNT));
    const b = startWorker('hammer', 'b', String(COUNT));
    expect(await a.done).toBe(0);
    expect(await b.done).toBe(0);
    const resultA = JSON.parse(a.output()) as { own: string; created: string[] };
    const resultB = JSON.parse(b.output()) as { own: string; created: string[] };

    const data = StoreData.parse(JSON.parse(readFileSync(join(dir.path, STORE_FILE_NAME), 'utf8')));
    const ids = Object.keys(data.drafts);
    expect(ids).toHaveLength(2 * (COUNT + 1));
    for (const id of [...resultA.created, ...resultB.created]) expect(ids).toContain(id);
    // Both processes updated their own draft COUNT times, interleaved, and each kept every edit.
    expect(data.drafts[resultA.own]).toMatchObject({ revision: COUNT, incident: { summary: `a edit ${COUNT}` } });
    expect(data.drafts[resultB.own]).toMatchObject({ revision: COUNT, incident: { summary: `b edit ${COUNT}` } });
    // Settings merge field by field: a's author and b's theme are both there.
    expect(data.settings.authorName).toBe(`Analyst ${COUNT - 1}`);
    expect(data.settings.theme).toBe((COUNT - 1) % 2 ? 'dark' : 'light');
    expect(readdirSync(dir.path).sort()).toEqual([STORE_FILE_NAME]);
  });
});

describe('a process killed in the middle of writing', () => {
  it('leaves a store that opens cleanly with every write it reported as done', async () => {
    let killedMidWrite = 0;
    for (let round = 0; round < 4; round++) {
      const before = new Set(readdirSync(dir.path));
      const worker = startWorker('write-forever', `round${round}`, '0');
      // Let it get into its write loop (several 350 KB writes), then kill it without warning.
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if ((worker.output().match(/^saved /gm) ?? []).length >= 2 + round) {
            clearInterval(check);
            resolve();
          }
        }, 5);
      });
      // Then wait for it to be in the middle of a write (its temporary file exists) and kill it.
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (readdirSync(dir.path).some((n) => n.endsWith('.tmp') && !before.has(n))) {
            clearInterval(check);
            resolve();
          }
        }, 1);
      });
      worker.child.kill('SIGKILL');
      await worker.done;

      if (readdirSync(dir.path).some((n) => n.endsWith('.tmp') && !before.has(n))) killedMidWrite++;
      const saved = [...worker.output().matchAll(/^saved (\S+)$/gm)].map((m) => m[1] as string);
      const store = await Store.open({ dir: dir.path, lock: { staleMs: 2_000, waitMs: 30_000 } });
      expect(store.warnings()).toEqual([]);
      const ids = (await store.listDrafts()).map((d) => d.id);
      for (const id of saved) expect(ids).toContain(id);
    }
    // The kill landed between the temporary file's creation and its rename at least once.
    expect(killedMidWrite).toBeGreaterThan(0);

    // Temporary files of killed processes are cleaned up once they are old.
    const leftovers = readdirSync(dir.path).filter((n) => n.endsWith('.tmp'));
    expect(leftovers.length).toBeGreaterThanOrEqual(killedMidWrite);
    const old = new Date(Date.now() - 5 * 60_000);
    for (const name of leftovers) utimesSync(join(dir.path, name), old, old);
    const store = await Store.open({ dir: dir.path });
    await store.createDraft();
    expect(readdirSync(dir.path).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
