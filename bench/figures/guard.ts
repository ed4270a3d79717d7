/**
 * Figure 5 in-process, run in a child process of the bench (bundled, plain node):
 *   guard.js DIR RUNS
 * times the guard over DIR's work tree against HEAD (checkTarget, what `check --repo DIR` runs
 * after opening the checkout) and `git diff --numstat` spawned from the same warm process, paired
 * and alternating, then splits the guard into collecting (git) and judging (checkTarget's own judge).
 * Prints one JSON object on stdout.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { checkTarget, judge } from '../../electron/git/guard-check';
import { collectChanges } from '../../electron/git/guard-changes';
import { summarize } from '../stats';

const [folder, runsArg] = process.argv.slice(2);
if (!folder) throw new Error('usage: guard.js DIR [RUNS]');
const runs = Number(runsArg ?? 7);
const run = promisify(execFile);

async function numstat(): Promise<number> {
  const { stdout } = await run('git', ['diff', '--numstat'], { cwd: folder, maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\n').filter(Boolean).length;
}

// Warm the page cache and the JIT once each.
const violations = await checkTarget(folder, { kind: 'worktree' });
const files = await numstat();
const guard: number[] = [];
const diff: number[] = [];
const ratios: number[] = [];
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  await checkTarget(folder, { kind: 'worktree' });
  const g = performance.now() - t;
  t = performance.now();
  await numstat();
  const d = performance.now() - t;
  guard.push(g);
  diff.push(d);
  ratios.push(g / d);
}
const collecting: number[] = [];
const judging: number[] = [];
let changes = 0;
for (let i = 0; i < Math.min(runs, 3); i++) {
  let t = performance.now();
  const collected = await collectChanges(folder, { kind: 'worktree' });
  collecting.push(performance.now() - t);
  t = performance.now();
  const judged = await judge(collected, {});
  judging.push(performance.now() - t);
  // The split must judge what checkTarget judged, or its two parts are not checkTarget's.
  if (judged.length !== violations.length) throw new Error(`judging the collected changes found ${judged.length} violations, checkTarget ${violations.length}`);
  changes = collected.changes.length;
}
process.stdout.write(JSON.stringify({ guardMs: summarize(guard), diffMs: summarize(diff), ratio: summarize(ratios), collectMs: summarize(collecting), judgeMs: summarize(judging), changes, violationFiles: violations.map((v) => v.file), numstatFiles: files }) + '\n');
