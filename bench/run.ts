/**
 * `npm run bench [-- --json] [--only 4,5]`: every speed and memory figure of the workbench, side by side in
 * one run, each with its baseline measured in the same run, against the targets of the design.
 * Prints a table (or JSON with --json) and writes bench-results.json; exits 1 when a figure could
 * not be measured or failed its own check (a missed target is reported, not an error). Figures run in child
 * processes from bundles built here, so they measure plain Node running the workbench's code.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, freemem, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT, cloneHistory, tempDir } from '../test/helpers/fixtures';
import { makeSyntheticCheckout, type SyntheticCheckout } from './synthetic-checkout';
import { ensureAppBuilt, type AppBuild } from './app-build';
import { figures } from './figures';
import { resultOf, type BenchContext, type FigureResult } from './figures/figure';

const json = process.argv.includes('--json');
/** `--only 4,5`: just those figures (while working on them); the README's table comes from a full run. */
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? '').split(',') : undefined;
const unknown = only?.filter((id) => !figures.some((f) => f.id === id)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(`bench: --only ${unknown.map((id) => JSON.stringify(id)).join(', ')}: no such figure; the figures are ${figures.map((f) => f.id).join(', ')} (a part such as 5a runs with its figure).\n`);
  process.exit(2);
}
const selected = figures.filter((f) => !only || only.includes(f.id));
const log = (line: string) => {
  if (!json) process.stdout.write(line + '\n');
};

async function main(): Promise<void> {
  const started = performance.now();
  const bundles = join(PROJECT_ROOT, 'dist', 'bench');
  await build({
    entryPoints: { catalog: 'bench/figures/catalog.ts', validation: 'bench/figures/validation.ts', guard: 'bench/figures/guard.ts', commit: 'bench/figures/commit.ts', ui: 'bench/figures/ui.ts', meaning: 'bench/figures/meaning.ts' },
    outdir: bundles,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const clone = cloneHistory();
  const scratch = tempDir('disarm-bench-');
  // Made when the first figure that needs them asks, once.
  let synthetic: Promise<SyntheticCheckout> | undefined;
  let syntheticPages: number | undefined;
  let appBuild: AppBuild | undefined;
  async function make50x(): Promise<SyntheticCheckout> {
    log('Making the 50x synthetic checkout...');
    const made = await makeSyntheticCheckout(clone.path, join(scratch.path, 'synthetic-50x'), 50);
    syntheticPages = made.pages;
    return made;
  }
  try {
    const context: BenchContext = {
      bundles,
      checkout1x: clone.path,
      scratch: scratch.path,
      log,
      checkout50x: () => (synthetic ??= make50x()),
      builtApp: () => (appBuild ??= ensureAppBuilt(PROJECT_ROOT, log)),
    };
    const results: FigureResult[] = [];
    for (const figure of selected) {
      log(`Measuring ${figure.id}. ${figure.title}...`);
      try {
        results.push(...(await figure.run(context)).map((measured) => resultOf(figure, measured)));
      } catch (error) {
        results.push(resultOf(figure, { value: 'failed', met: false, detail: { error: error instanceof Error ? error.message : String(error) } }));
      }
    }
    const report = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 1e9), freeMemoryGb: Math.round(freemem() / 1e9), platform: `${platform()} ${release()}`, node: process.version, git: execFileSync('git', ['--version'], { encoding: 'utf8' }).trim() },
      syntheticPages,
      appBuild,
      seconds: Math.round((performance.now() - started) / 1000),
      figures: results,
    };
    writeFileSync(join(PROJECT_ROOT, 'bench-results.json'), JSON.stringify(report, null, 2) + '\n');
    if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else {
      log('');
      log(table(results));
      log('');
      log(`${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGb} GB, ${report.machine.platform}, Node ${report.machine.node}; ${report.seconds} s in all. Written to bench-results.json.`);
    }
    // A missed target is a figure; a figure that could not be measured (or failed its own check) is an error.
    const failed = results.filter((r) => r.value === 'failed');
    if (failed.length > 0) {
      process.stderr.write(`bench: ${failed.map((r) => `${r.id} failed: ${JSON.stringify(r.detail)}`).join('; ')}\n`);
      process.exitCode = 1;
    }
  } finally {
    clone.dispose();
    scratch.dispose();
  }
}

/** A markdown table, so the README can take it as it is. */
function table(results: readonly FigureResult[]): string {
  const rows = results.map((r) => `| ${r.id} | ${r.title} | ${r.value} | ${r.target} | ${r.met === undefined ? '–' : r.met ? 'yes' : 'no'} |`);
  return ['| # | figure | measured | target | met |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

await main();
