/**
 * `disarm-workbench index --repo DIR [--json]`: loads a checkout and reports what it holds, and
 * every page that failed to parse. Exit 0 when every page parsed, 1 when some did not, 2 on bad
 * usage or a folder that is not a DISARM checkout. It only reads.
 */
import { resolve } from 'node:path';
import { PAGE_FOLDERS, PAGE_KINDS } from '../../../shared/ids';
import { checkDisarmFolder } from '../../checkout/checkout-folder';
import { loadCheckout } from '../../checkout/load-checkout';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, parseCommandArgs, type Command } from '../command';

export const indexCommand: Command = {
  name: 'index',
  summary: 'Load a DISARM checkout and report its objects and any page that fails to parse.',
  usage: [
    'Usage: disarm-workbench index --repo DIR [--json]',
    '',
    'Loads every object page under DIR/generated_pages and prints the number of pages of each kind',
    'and every page that failed to parse (file and reason).',
    '',
    '  --repo DIR   the DISARM framework checkout (a clone of DISARMframeworks)',
    '  --json       print one JSON object instead of text',
    '',
    'Exit status: 0 all pages parsed, 1 some failed, 2 bad usage or not a DISARM checkout.',
  ].join('\n'),
  async run(args, io) {
    const { values } = parseCommandArgs(args, { repo: { type: 'string' }, json: { type: 'boolean' } });
    if (!values.repo) throw new UsageError('--repo DIR is required');
    const folder = resolve(io.cwd, values.repo);
    const check = await checkDisarmFolder(folder);
    if (!check.ok) {
      io.stderr(`disarm-workbench index: ${check.reason}\n`);
      return EXIT_USAGE;
    }
    const loaded = await loadCheckout(folder);
    const counts = loaded.catalog.counts();
    if (values.json) {
      io.stdout(JSON.stringify({ repo: folder, counts, pages: loaded.catalog.pageCount() + loaded.failures.length, failures: loaded.failures, warnings: loaded.warnings }, null, 2) + '\n');
    } else {
      const lines = [`DISARM checkout ${folder}`];
      for (const kind of PAGE_KINDS) lines.push(`  ${PAGE_FOLDERS[kind].padEnd(15)} ${String(counts[kind]).padStart(5)}`);
      lines.push(`  ${'total'.padEnd(15)} ${String(loaded.catalog.pageCount()).padStart(5)} pages parsed`);
      if (loaded.warnings.length) {
        lines.push('', `Warnings (${loaded.warnings.length}):`);
        for (const w of loaded.warnings) lines.push(`  ${w.file}: ${w.message}`);
      }
      lines.push('', loaded.failures.length ? `Pages that failed to parse (${loaded.failures.length}):` : 'Every page parsed.');
      for (const f of loaded.failures) lines.push(`  ${f.file}: ${f.reason}`);
      io.stdout(lines.join('\n') + '\n');
    }
    return loaded.failures.length ? EXIT_PROBLEMS : EXIT_OK;
  },
};
