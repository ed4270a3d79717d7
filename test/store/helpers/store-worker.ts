/**
 * A separate process working on a store, for the concurrency and crash tests. Usage:
 *   node --import tsx store-worker.ts DIR MODE LABEL COUNT
 * MODE hammer: creates COUNT drafts named LABEL-i and updates its own draft COUNT times, and sets
 *   the setting named by LABEL ('authorName' or 'theme'); prints one JSON line at the end.
 * MODE write-forever: creates big drafts until killed, printing `saved <id>` after each write.
 */
import { readFileSync } from 'node:fs';
import { Store } from '../../../electron/store/store';
import { SOURCE_ARTICLE } from '../../helpers/fixtures';

const [dir, mode, label, countText] = process.argv.slice(2);
if (!dir || !mode || !label) throw new Error('usage: store-worker.ts DIR MODE LABEL COUNT');
const count = Number(countText ?? '10');
const store = await Store.open({ dir, lock: { staleMs: 2_000, waitMs: 60_000 } });

if (mode === 'hammer') {
  const own = await store.createDraft({ incident: { name: `${label}-own` } });
  const created: string[] = [];
  for (let i = 0; i < count; i++) {
    created.push((await store.createDraft({ incident: { name: `${label}-${i}` } })).id);
    await store.updateDraft(own.id, { incident: { summary: `${label} edit ${i + 1}` } });
    if (label === 'a') await store.updateSettings({ authorName: `Analyst ${i}` });
    else await store.updateSettings({ theme: i % 2 ? 'dark' : 'light' });
  }
  process.stdout.write(JSON.stringify({ own: own.id, created }) + '\n');
} else if (mode === 'write-forever') {
  const article = readFileSync(SOURCE_ARTICLE, 'utf8');
  const big = article.repeat(40);
  for (let i = 0; ; i++) {
    const draft = await store.createDraft({ incident: { name: `${label}-${i}` }, sources: [{ id: crypto.randomUUID(), title: 'article', text: big }] });
    process.stdout.write(`saved ${draft.id}\n`);
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
