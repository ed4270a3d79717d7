/**
 * `disarm-workbench tidy --repo DIR [--dry-run] [--json]`: removes the workbench blocks that are
 * redundant now that the maintainers took their incident (shared/drafts/block-lifecycle.ts).
 * Exit 0: done (blocks whose rows differ are listed, kept); 2: bad usage, or DIR is not a
 * DISARM checkout.
 */
import { resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { tidyCheckout, type TidyBlock } from '../../drafts/tidy-blocks';
import { openCheckout } from '../../git/open';
import { EXIT_OK, EXIT_USAGE, UsageError, parseCommandArgs, type Command } from '../command';

const USAGE = `Usage: disarm-workbench tidy --repo DIR [--dry-run] [--json]

Removes, from the technique pages of the checkout's work tree, each block the workbench wrote
below the edit line for an incident that the page's generated part now lists with the same rows
(the maintainers pasted its master rows and regenerated, and you pulled): the block only repeats
it. It never removes a block whose rows differ from the generated ones (listed: decide yourself),
a block for an incident the generated part does not list yet, the notes of an incident page, or
any other note. The removal is a change below the line, which \`check\` accepts.
  --repo DIR     the DISARM framework checkout
  --dry-run      only list what would be removed
  --json         a machine-readable report on standard output

Exit status: 0 done, 2 bad usage or DIR is not a DISARM checkout.`;

export const tidyCommand: Command = {
  name: 'tidy',
  summary: 'Remove workbench blocks that the generated part now repeats (never one that differs).',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { repo: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } });
    if (!values.repo) throw new UsageError('--repo DIR is required');
    const dryRun = values['dry-run'] === true;
    let checkout: string;
    try {
      checkout = (await openCheckout(resolve(io.cwd, values.repo))).path;
    } catch (error) {
      if (error instanceof ApiError) {
        io.stderr(`tidy: ${error.message}\n`);
        return EXIT_USAGE;
      }
      throw error;
    }
    const report = await tidyCheckout(checkout, { dryRun });
    if (values.json) {
      io.stdout(JSON.stringify({ ok: true, dryRun, ...report }, null, 2) + '\n');
      return EXIT_OK;
    }
    const where = (b: TidyBlock) => `${b.file}:${b.line}: ${b.incidentId}`;
    for (const b of report.removed) io.stdout(`${where(b)}: ${dryRun ? 'would remove' : 'removed'} the redundant block\n`);
    for (const b of report.differing) io.stdout(`${where(b)}: kept: the block's rows differ from the generated ones; remove it or re-apply the draft yourself\n`);
    const pages = new Set(report.removed.map((b) => b.file)).size;
    io.stdout(
      report.removed.length === 0
        ? 'tidy: no redundant block.\n'
        : `tidy: ${dryRun ? 'would remove' : 'removed'} ${report.removed.length} redundant block${report.removed.length === 1 ? '' : 's'} from ${pages} page${pages === 1 ? '' : 's'}.\n`,
    );
    return EXIT_OK;
  },
};
