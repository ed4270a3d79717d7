/**
 * Runs @doyensec/electronegativity over the Electron code and returns its findings: the tool exits
 * 0 whatever it finds, so the verdict is ours. It scans a staged copy of what it can read: the
 * main-process and preload TypeScript (electron/), the page (renderer/index.html), and
 * package.json (from which it learns the Electron version).
 *
 * It is called through its programmatic api (the package's main, `run(options)`, which returns the
 * issues) in a child process, not asked for a CSV report: its CSV writer starts two fs.writeFile
 * calls at once, the header's and the rows', and when the header lands second it overwrites the
 * start of the first row (seen in CI: a row beginning "ne'; script-src ..."). Its SARIF report
 * carries no severity. The child keeps its i18n set-up and globals out of the test process.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { PROJECT_ROOT, tempDir } from '../helpers/fixtures';

const Severity = z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']);

const ScanFindingSchema = z.object({
  check: z.string(),
  severity: Severity,
  confidence: z.string(),
  file: z.string(),
  location: z.string(),
  sample: z.string(),
  description: z.string(),
});

/** One finding of the scan. */
export type ScanFinding = z.infer<typeof ScanFindingSchema>;

/**
 * Checks left out, with the reason: AvailableSecurityFixesGlobalCheck downloads Electron's release
 * list from GitHub on every run (no network here; the pinned version is kept current through
 * package.json like every dependency).
 */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/**
 * The child: runs the scanner with the options its CLI would build and writes the issues as JSON
 * to a file in one synchronous write (its stdout carries the scanner's own chatter).
 */
const CHILD = `
const [runner, input, electronVersion, excluded, output] = process.argv.slice(1);
require(runner)({
  input, isRelative: true, isSarif: false, customScan: [], parserPlugins: [],
  excludeFromScan: excluded.split(',').map((c) => c.trim().toLowerCase()),
  electronVersionOverride: electronVersion, isVerbose: false, electronUpgrade: undefined,
}).then((result) => {
  require('node:fs').writeFileSync(output, JSON.stringify(result.issues.map((i) => ({
    check: i.id, severity: i.severity.name, confidence: i.confidence.name, file: i.file,
    location: i.location.line + ':' + i.location.column, sample: i.sample ?? '', description: i.description ?? '',
  }))));
}, (error) => { console.error(error); process.exit(1); });
`;

/** Runs the scanner on `root` (a project-shaped folder) and returns its findings. */
export async function runElectronegativity(root: string = PROJECT_ROOT): Promise<ScanFinding[]> {
  const stage = tempDir('disarm-scan-');
  try {
    const input = join(stage.path, 'app');
    mkdirSync(join(input, 'renderer'), { recursive: true });
    cpSync(join(root, 'electron'), join(input, 'electron'), { recursive: true });
    cpSync(join(root, 'renderer', 'index.html'), join(input, 'renderer', 'index.html'));
    cpSync(join(root, 'package.json'), join(input, 'package.json'));
    const electronVersion = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'))).version;
    const runner = join(PROJECT_ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'runner.js');
    // LANG: its messages exist in en-US; it tries to fetch newer translations and falls back quietly.
    const report = join(stage.path, 'findings.json');
    await promisify(execFile)(process.execPath, ['-e', CHILD, runner, input, electronVersion, EXCLUDED_CHECKS.join(','), report], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, LANG: 'en-US' },
    });
    return z.array(ScanFindingSchema).parse(JSON.parse(readFileSync(report, 'utf8')));
  } finally {
    stage.dispose();
  }
}
