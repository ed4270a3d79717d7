/**
 * Figure 5: the edit-line guard over 1,000 modified pages against `git diff --numstat` over the
 * same work tree. The 50x synthetic checkout is made a git repository (one commit, packed as a
 * clone is), then 1,000 pages get a note below their line and five incident pages a change above
 * it, so the check has violations to report (exactly those five, or the figure fails). Compared twice, like with like: as whole processes (`disarm-workbench
 * check --repo DIR`, the built CLI, against `git diff --numstat`) and in one warm Node process
 * (checkTarget against git diff spawned from it). The folder is put back as it was afterwards.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { EDIT_LINE } from '../../shared/edit-line';
import { PROJECT_ROOT } from '../../test/helpers/fixtures';
import { summarize, type Summary } from '../stats';
import { ms, runChild, type Figure } from './figure';

/** How many pages change below the line, and how many above it. */
const BELOW = 1000;
const ABOVE = 5;
const PAIRED_RUNS = 7;
const CLI = join(PROJECT_ROOT, 'bin', 'disarm-workbench.js');

interface InProcess {
  guardMs: Summary;
  diffMs: Summary;
  ratio: Summary;
  collectMs: Summary;
  judgeMs: Summary;
  changes: number;
  violationFiles: string[];
  numstatFiles: number;
}

/**
 * Runs git in `cwd`, failing loudly unless it exits with one of `ok`. Without automatic gc: the
 * commit of 35,000 new files would otherwise start a detached `git gc` that packs them while the
 * figure is measured (and writes into .git as the figure removes it); prepare packs them itself.
 */
function git(cwd: string, args: readonly string[], ok: readonly number[] = [0]): string {
  const result = spawnSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', '-c', 'gc.auto=0', '-c', 'maintenance.auto=false', ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (!ok.includes(result.status ?? -1)) throw new Error(`git ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/**
 * Commits the folder as it is and packs it, as a clone is, then changes BELOW pages below their
 * line and ABOVE above it (listed: the violations the guard must find).
 */
function prepare(folder: string): { below: number; above: string[]; commitSeconds: number } {
  const t = performance.now();
  git(folder, ['init', '-q', '-b', 'main']);
  git(folder, ['add', '-A']);
  git(folder, ['commit', '-q', '-m', 'bench: the synthetic checkout']);
  git(folder, ['repack', '-adq']);
  const commitSeconds = (performance.now() - t) / 1000;
  const pages = ['techniques', 'incidents'].flatMap((sub) => readdirSync(join(folder, 'generated_pages', sub)).sort().map((name) => join(folder, 'generated_pages', sub, name)));
  const withLine = pages.filter((file) => readFileSync(file, 'utf8').includes(EDIT_LINE));
  if (withLine.length < BELOW + ABOVE) throw new Error(`only ${withLine.length} pages with an edit line`);
  // Spread the changes over the whole checkout, as a regenerated framework or a long branch would.
  const step = withLine.length / (BELOW + ABOVE);
  const chosen = Array.from({ length: BELOW + ABOVE }, (_, i) => withLine[Math.floor(i * step)] as string);
  chosen.slice(0, BELOW).forEach((file, i) => appendFileSync(file, `\n\nSeen again in campaign ${i} (T0155.007: Encrypted Communication Channel).\n`));
  for (const file of chosen.slice(BELOW)) {
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^# /, '# Changed above the line: '));
  }
  // Record the stat data of the untouched files, as any earlier `git status` would have.
  git(folder, ['update-index', '-q', '--refresh'], [0, 1]);
  return { below: BELOW, above: chosen.slice(BELOW).map((file) => relative(folder, file).split(sep).join('/')).sort(), commitSeconds };
}

function timed(command: string, args: readonly string[], cwd: string): { ms: number; status: number | null; stdout: string } {
  const t = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ms: performance.now() - t, status: result.status, stdout: result.stdout };
}

const guard: Figure = {
  id: '5',
  title: 'Guard check of 1,000 modified pages (50x checkout) vs `git diff --numstat`',
  target: 'ratio ≤ 2',
  async run(context) {
    context.builtApp();
    const { folder } = await context.checkout50x();
    try {
      const setup = prepare(folder);
      context.log(`  repository committed and packed in ${setup.commitSeconds.toFixed(1)} s; ${setup.below} pages changed below the line, ${setup.above.length} above`);
      // The figure stands only if both sides saw the work: every changed file, and exactly the pages changed above the line as violations.
      const expectViolations = (files: readonly string[], who: string) => {
        if (JSON.stringify([...files].sort()) !== JSON.stringify(setup.above)) throw new Error(`${who} reported violations in ${files.join(', ') || 'no file'}, not in the ${ABOVE} pages changed above the line (${setup.above.join(', ')})`);
      };
      const check = () => timed(process.execPath, [CLI, 'check', '--repo', folder], PROJECT_ROOT);
      const diff = () => timed('git', ['diff', '--numstat'], folder);
      const first = check();
      const firstDiff = diff();
      const files = firstDiff.stdout.split('\n').filter(Boolean).length;
      if (first.status !== 1) throw new Error(`check exited ${first.status}, not 1 (violations found): ${first.stdout.slice(0, 500)}`);
      // One line a violation: file:line: rule: message.
      expectViolations(first.stdout.split('\n').filter(Boolean).map((line) => line.split(':')[0] as string), '`disarm-workbench check`');
      if (files !== BELOW + ABOVE) throw new Error(`git diff --numstat listed ${files} files, not ${BELOW + ABOVE}`);
      const checks: number[] = [];
      const diffs: number[] = [];
      const ratios: number[] = [];
      for (let i = 0; i < PAIRED_RUNS; i++) {
        const c = check().ms;
        const d = diff().ms;
        checks.push(c);
        diffs.push(d);
        ratios.push(c / d);
      }
      const whole = { checkMs: summarize(checks), diffMs: summarize(diffs), ratio: summarize(ratios) };
      const inProcess = runChild<InProcess>(context, 'guard.js', [folder, String(PAIRED_RUNS)]);
      expectViolations(inProcess.violationFiles, 'checkTarget');
      if (inProcess.changes !== BELOW + ABOVE || inProcess.numstatFiles !== BELOW + ABOVE) throw new Error(`in one process the guard collected ${inProcess.changes} changes and git diff listed ${inProcess.numstatFiles} files, not ${BELOW + ABOVE}`);
      return [
        {
          id: '5a',
          title: `${this.title}, whole processes`,
          value: `ratio ${whole.ratio.median.toFixed(2)} (p95 ${whole.ratio.p95.toFixed(2)}): \`disarm-workbench check\` ${ms(whole.checkMs.median)} (p95 ${ms(whole.checkMs.p95)}), git diff ${ms(whole.diffMs.median)} (p95 ${ms(whole.diffMs.p95)}); medians of ${PAIRED_RUNS} paired runs, ${setup.above.length} violations found`,
          met: whole.ratio.median <= 2,
          detail: { ...whole, setup },
        },
        {
          id: '5b',
          title: `${this.title}, in one warm process`,
          value: `ratio ${inProcess.ratio.median.toFixed(2)} (p95 ${inProcess.ratio.p95.toFixed(2)}): checkTarget ${ms(inProcess.guardMs.median)} (collecting with git ${ms(inProcess.collectMs.median)}, judging ${ms(inProcess.judgeMs.median)}), git diff ${ms(inProcess.diffMs.median)}; medians of ${inProcess.ratio.n} paired runs`,
          met: inProcess.ratio.median <= 2,
          detail: inProcess,
        },
      ];
    } finally {
      // Put the synthetic checkout back as the other figures know it.
      spawnSync('git', ['checkout', '-q', '--', '.'], { cwd: folder });
      rmSync(join(folder, '.git'), { recursive: true, force: true });
    }
  },
};

export const guardFigures: readonly Figure[] = [guard];
