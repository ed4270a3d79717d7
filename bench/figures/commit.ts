/**
 * Figure 6, run in a child process of the bench (bundled, plain node):
 *   commit.js CHECKOUT SCRATCH RUNS ANNOTATIONS
 * applies and commits one incident draft (ANNOTATIONS tagged quotes from the fixture article)
 * through the back end exactly as the app calls it (the api dispatcher: drafts.apply, repo.stage
 * of the files written, repo.commit, which runs the edit-line guard), and commits the same files
 * from the shell (`git add` + `git commit` in one sh). Each run starts from fresh clones of
 * CHECKOUT made outside the timed part, one per side, always in the same two folders (an analyst's
 * checkout does not move); both commits must have the same tree. Before timing, each run opens
 * its clone and validates the draft once, as the analyst's screen does while they write (that
 * loads the catalog, and the retired techniques of the history the first time).
 * Prints one JSON object on stdout.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadCheckout } from '../../electron/checkout/load-checkout';
import { startBackEnd } from '../../test/helpers/api-over-clone';
import { git } from '../../test/helpers/fixtures';
import { makeBenchDraft } from '../incident-draft';
import { summarize } from '../stats';

const [checkout, scratch, runsArg, annotationsArg] = process.argv.slice(2);
if (!checkout || !scratch) throw new Error('usage: commit.js CHECKOUT SCRATCH [RUNS] [ANNOTATIONS]');
const runs = Number(runsArg ?? 9);
const annotations = Number(annotationsArg ?? 12);

/** A fresh clone of the checkout with an author, as an analyst's would be. */
function freshClone(name: string): string {
  const folder = join(scratch as string, name);
  rmSync(folder, { recursive: true, force: true });
  git(scratch as string, 'clone', '--quiet', checkout as string, folder);
  git(folder, 'config', 'user.name', 'Bench Analyst');
  git(folder, 'config', 'user.email', 'analyst@example.org');
  return folder;
}

// The back end the tests use (real services over their own user data, the one dispatcher), called as the desktop app calls it.
const backEnd = await startBackEnd();
async function call<T>(operation: string, args: unknown): Promise<T> {
  const envelope = await backEnd.dispatch(operation, args, { transport: 'ipc' });
  if (!envelope.ok) throw new Error(`${operation}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result as T;
}

const draft = makeBenchDraft((await loadCheckout(checkout)).catalog, { annotations, seed: 6 });
const { draft: stored } = await call<{ draft: { id: string } }>('drafts.import', { draft });
const id = stored.id;

const service: number[] = [];
const apply: number[] = [];
const stage: number[] = [];
const commit: number[] = [];
const shell: number[] = [];
const ratios: number[] = [];
let files = 0;
/** Rewrites the index of each clone once its files' second has passed (git then trusts their stat data). */
async function settle(cloned: number, ...folders: string[]): Promise<void> {
  const wait = 1100 - (performance.now() - cloned);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  for (const folder of folders) spawnSync('git', ['update-index', '-q', '--refresh'], { cwd: folder });
}

for (let i = 0; i < runs; i++) {
  const mine = freshClone('service');
  const theirs = freshClone('shell');
  const cloned = performance.now();
  await call('repo.open', { folder: mine });
  if (i === 0) await call('drafts.allocateIds', { id });
  await call('drafts.validate', { id });
  await settle(cloned, mine, theirs);

  let t = performance.now();
  const report = await call<{ written: string[]; incidentPage: string }>('drafts.apply', { id });
  const a = performance.now() - t;
  t = performance.now();
  await call('repo.stage', { paths: report.written });
  const s = performance.now() - t;
  t = performance.now();
  await call('repo.commit', { message: `Add incident ${report.incidentPage}` });
  const c = performance.now() - t;

  for (const path of report.written) {
    mkdirSync(dirname(join(theirs, path)), { recursive: true });
    copyFileSync(join(mine, path), join(theirs, path));
  }
  t = performance.now();
  const result = spawnSync('/bin/sh', ['-c', 'message=$1; shift; git add -- "$@" && git commit -q -m "$message"', 'sh', `Add incident ${report.incidentPage}`, ...report.written], { cwd: theirs, encoding: 'utf8' });
  const g = performance.now() - t;
  if (result.status !== 0) throw new Error(`git add + commit failed: ${result.stderr}`);
  if (git(mine, 'rev-parse', 'HEAD^{tree}') !== git(theirs, 'rev-parse', 'HEAD^{tree}')) throw new Error('the service and the shell committed different trees');

  apply.push(a);
  stage.push(s);
  commit.push(c);
  service.push(a + s + c);
  shell.push(g);
  ratios.push((a + s + c) / g);
  files = report.written.length;
}
await backEnd.dispose();
process.stdout.write(JSON.stringify({ serviceMs: summarize(service), applyMs: summarize(apply), stageMs: summarize(stage), commitMs: summarize(commit), shellMs: summarize(shell), ratio: summarize(ratios), files, annotations }) + '\n');
