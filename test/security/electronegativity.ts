/**
 * Runs @doyensec/electronegativity over the Electron code and reads its CSV report: the tool exits
 * 0 whatever it finds, so the verdict is ours. It scans a staged copy of what it can read: the
 * main-process and preload TypeScript (electron/), the page (renderer/index.html), and
 * package.json (from which it learns the Electron version).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { PROJECT_ROOT, tempDir } from '../helpers/fixtures';

/** One row of the report. */
export interface ScanFinding {
  readonly check: string;
  readonly severity: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
  readonly confidence: string;
  readonly file: string;
  readonly location: string;
  readonly sample: string;
  readonly description: string;
}

const Severity = z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']);

/**
 * Checks left out, with the reason: AvailableSecurityFixesGlobalCheck downloads Electron's release
 * list from GitHub on every run (no network here; the pinned version is kept current through
 * package.json like every dependency).
 */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

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
    const report = join(stage.path, 'report.csv');
    const cli = join(PROJECT_ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
    // LANG: its messages exist in en-US; it tries to fetch newer translations and falls back quietly.
    await promisify(execFile)(process.execPath, [cli, '-i', input, '-o', report, '-r', '-e', electronVersion, '-x', EXCLUDED_CHECKS.join(',')], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, LANG: 'en-US' } });
    return parseReport(readFileSync(report, 'utf8'));
  } finally {
    stage.dispose();
  }
}

/** Parses the CSV report (RFC 4180 quoting). */
export function parseReport(csv: string): ScanFinding[] {
  const rows = parseCsv(csv).filter((row) => row.length > 1);
  const [header, ...body] = rows;
  if (!header || header[0]?.trim() !== 'issue' || header[1]?.trim() !== 'severity') throw new Error(`unexpected report header: ${JSON.stringify(header)}`);
  return body.map((row) => ({
    check: row[0] ?? '',
    severity: Severity.parse(row[1]),
    confidence: row[2] ?? '',
    file: row[3] ?? '',
    location: row[4] ?? '',
    sample: row[5] ?? '',
    description: row[6] ?? '',
  }));
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
