/**
 * The DISARM maintainers' page generator (../shared/fixtures/disarm-generator, see its UPSTREAM.md),
 * run for real over a checkout: what happens to an analyst's contribution once the maintainers
 * take it. The generator uses paths relative to its working directory, so it runs in a temporary
 * upstream layout: a copy of the generator as `CODE/`, the checkout's `generated_pages/` linked in
 * (so it rewrites the checkout's pages, and git shows what it did), and copies of
 * `generated_files/` and `DISARM_MASTER_DATA/` (the master a test may paste rows into without
 * touching the checkout).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../helpers/fixtures';

/** The generator, as copied unchanged from upstream. */
export const GENERATOR_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'fixtures', 'disarm-generator');

/** What the generator imports (numpy comes with pandas). */
const NEEDED_MODULES = 'import pandas, openpyxl, sklearn';

function hasModules(python: string): boolean {
  return spawnSync(python, ['-c', NEEDED_MODULES], { stdio: 'ignore' }).status === 0;
}

/**
 * The Python to run the generator with: DISARM_GENERATOR_PYTHON if set, else `python3` if it has
 * pandas, openpyxl and scikit-learn, else Debian's /usr/bin/python3 (a pyenv `python3` first on
 * PATH often lacks them); undefined when none has them, so the tests can say why they skip.
 */
export function findGeneratorPython(): string | undefined {
  const chosen = process.env.DISARM_GENERATOR_PYTHON;
  if (chosen) {
    if (!hasModules(chosen)) throw new Error(`DISARM_GENERATOR_PYTHON=${chosen} cannot ${NEEDED_MODULES}; the generator needs them.`);
    return chosen;
  }
  return ['python3', '/usr/bin/python3'].find(hasModules);
}

/** Why the generator tests skip, when they do. */
export const NO_PYTHON_REASON = `no Python with pandas, openpyxl and scikit-learn (set DISARM_GENERATOR_PYTHON, or apt-get install python3-pandas python3-openpyxl python3-sklearn)`;

/** An upstream layout around a checkout. */
export interface UpstreamLayout {
  /** The layout's folder. */
  readonly root: string;
  /** The copy of DISARM_MASTER_DATA the generator reads (edit it to paste rows). */
  readonly masterData: string;
  /** Runs the generator; returns how long it took, in milliseconds. */
  readonly run: () => number;
  readonly dispose: () => void;
}

/** Lays out `checkout` (a DISARMframeworks checkout) for the generator run with `python`. */
export function upstreamLayout(checkout: string, python: string): UpstreamLayout {
  const root = mkdtempSync(join(tmpdir(), 'disarm-upstream-'));
  cpSync(GENERATOR_DIR, join(root, 'CODE'), { recursive: true });
  cpSync(join(checkout, 'DISARM_MASTER_DATA'), join(root, 'DISARM_MASTER_DATA'), { recursive: true });
  symlinkSync(join(checkout, 'generated_pages'), join(root, 'generated_pages'), 'dir');
  // Its other outputs (framework grids, id lists) are not kept in the repository: they stay here.
  cpSync(join(checkout, 'generated_files'), join(root, 'generated_files'), { recursive: true });
  return {
    root,
    masterData: join(root, 'DISARM_MASTER_DATA'),
    run() {
      const started = performance.now();
      try {
        execFileSync(python, ['generate_DISARM_pages.py'], { cwd: join(root, 'CODE'), stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
      } catch (error) {
        const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8') ?? '';
        throw new Error(`The generator failed: ${stderr.slice(-2000)}`, { cause: error });
      }
      return performance.now() - started;
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
