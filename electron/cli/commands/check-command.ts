/**
 * `disarm-workbench check --repo DIR [--staged | --range A..B] [--json]`: the edit-line guard from
 * the command line, for the pre-commit hook (`--staged`) and for CI over a pull request's commits
 * (`--range`). By default it checks the work tree against HEAD, as git would commit it.
 * Exit 0: every change is confined below its page's edit line; 1: a report of what is not (file,
 * line, rule); 2: bad usage, or DIR is not a DISARM checkout.
 */
import { resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { EDIT_LINE } from '../../../shared/edit-line';
import { GUARD_RULES, type Violation } from '../../../shared/guard';
import { VALIDATION_RULES } from '../../../shared/validation/rules';
import { tidyCheckout } from '../../drafts/tidy-blocks';
import { checkRange, checkTarget, type CommitReport } from '../../git/guard-check';
import { openCheckout } from '../../git/open';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, parseCommandArgs, type Command, type CommandIO } from '../command';

const USAGE = `Usage: disarm-workbench check --repo DIR [--staged | --range A..B] [--json]

Checks that every change is confined below its page's edit line
("${EDIT_LINE}"): nothing above the line changed and nothing
written after it on the line itself, no index page or generated data file changed, no page
deleted, renamed or given another mode (made executable), no page made binary by a control
character, and every new file is a well-formed incident page with a free id.
  --repo DIR     the DISARM framework checkout
  (default)      the work tree against HEAD, as git would commit it
  --staged       the staged changes (what the pre-commit hook checks)
  --range A..B   every commit from A (excluded) to B, each against its first parent; a single
                 revision checks its whole history
  --json         a machine-readable report on standard output
Warnings, on standard error (the exit status does not change): redundant-block, a block the
workbench wrote below a technique page's line that its generated part now repeats (run tidy).

Exit status: 0 all changes allowed, 1 violations found (one line each: file:line: rule: message),
2 bad usage or DIR is not a DISARM checkout.`;

/** How many violations of one commit the human report lists (all are in --json). */
const SHOWN_PER_COMMIT = 10;

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check that changes stay below the edit line (work tree, --staged, or --range A..B).',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { repo: { type: 'string' }, staged: { type: 'boolean' }, range: { type: 'string' }, json: { type: 'boolean' } });
    if (!values.repo) throw new UsageError('--repo DIR is required');
    if (values.staged && values.range !== undefined) throw new UsageError('--staged and --range cannot be used together');
    const json = values.json === true;
    try {
      const { path } = await openCheckout(resolve(io.cwd, values.repo));
      if (values.range !== undefined) {
        const reports = await checkRange(path, values.range);
        return reportRange(io, values.range, reports, json);
      }
      // A pre-commit hook gets the index being committed in GIT_INDEX_FILE (a temporary one for `git commit -a`).
      const indexFile = values.staged ? process.env.GIT_INDEX_FILE : undefined;
      const target = values.staged ? { kind: 'staged' as const, ...(indexFile ? { indexFile: resolve(path, indexFile) } : {}) } : { kind: 'worktree' as const };
      const [violations, warnings] = await Promise.all([checkTarget(path, target), redundantBlockWarnings(path)]);
      return reportChanges(io, values.staged ? 'staged' : 'worktree', violations, json, warnings);
    } catch (error) {
      if (error instanceof ApiError) {
        if (json) io.stdout(JSON.stringify({ ok: false, error: { code: error.code, message: error.message } }) + '\n');
        io.stderr(`check: ${error.message}\n`);
        return EXIT_USAGE;
      }
      throw error;
    }
  },
};

function formatViolation(v: Violation): string {
  return `${v.file}${v.line > 0 ? `:${v.line}` : ''}: ${v.rule}: ${v.message}`;
}

/** A warning beside the guard's verdict (it never changes the exit status). */
interface CheckWarning {
  readonly file: string;
  readonly line: number;
  readonly code: 'redundant-block';
  readonly message: string;
}

/** The work tree's redundant workbench blocks (the same look as `tidy --dry-run`). */
async function redundantBlockWarnings(checkout: string): Promise<CheckWarning[]> {
  const { removed } = await tidyCheckout(checkout, { dryRun: true });
  return removed.map((b) => ({ file: b.file, line: b.line, code: 'redundant-block', message: `the generated part now lists ${b.incidentId} with the same row; ${VALIDATION_RULES['redundant-block'].fix}` }));
}

function reportChanges(io: CommandIO, mode: 'staged' | 'worktree', violations: readonly Violation[], json: boolean, warnings: readonly CheckWarning[]): number {
  if (json) {
    io.stdout(JSON.stringify({ ok: violations.length === 0, mode, violations, warnings }, null, 2) + '\n');
    return violations.length === 0 ? EXIT_OK : EXIT_PROBLEMS;
  }
  for (const w of warnings) io.stderr(`${w.file}:${w.line}: warning: ${w.code}: ${w.message}\n`);
  if (violations.length === 0) {
    io.stdout(`check: all ${mode === 'staged' ? 'staged ' : ''}changes are below the edit line.\n`);
  } else {
    io.stdout(violations.map(formatViolation).join('\n') + '\n');
    const rules = [...new Set(violations.map((v) => v.rule))];
    io.stderr(`\ncheck: ${violations.length} ${violations.length === 1 ? 'change breaks' : 'changes break'} the edit-line rule.\n${rules.map((r) => `  ${r}: ${GUARD_RULES[r].fix}`).join('\n')}\n`);
  }
  return violations.length === 0 ? EXIT_OK : EXIT_PROBLEMS;
}

function reportRange(io: CommandIO, range: string, reports: readonly CommitReport[], json: boolean): number {
  const offending = reports.filter((r) => r.violations.length > 0);
  if (json) {
    io.stdout(JSON.stringify({ ok: offending.length === 0, mode: 'range', range, commits: reports }, null, 2) + '\n');
    return offending.length === 0 ? EXIT_OK : EXIT_PROBLEMS;
  }
  for (const report of offending) {
    const counts = new Map<string, number>();
    for (const v of report.violations) counts.set(v.rule, (counts.get(v.rule) ?? 0) + 1);
    const summary = [...counts].map(([rule, n]) => `${rule} ${n}`).join(', ');
    io.stdout(`commit ${report.commit.slice(0, 12)} ${report.subject}\n  ${report.violations.length} violation${report.violations.length === 1 ? '' : 's'} (${summary})\n`);
    for (const v of report.violations.slice(0, SHOWN_PER_COMMIT)) io.stdout(`  ${formatViolation(v)}\n`);
    if (report.violations.length > SHOWN_PER_COMMIT) io.stdout(`  ...and ${report.violations.length - SHOWN_PER_COMMIT} more (--json lists all)\n`);
  }
  io.stdout(`check: ${reports.length} commit${reports.length === 1 ? '' : 's'} in ${range}, ${offending.length} with changes above the edit line.\n`);
  return offending.length === 0 ? EXIT_OK : EXIT_PROBLEMS;
}
