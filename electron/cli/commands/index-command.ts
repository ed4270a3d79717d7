/** `disarm-workbench index --repo DIR [--json]`: placeholder until the checkout loader lands. */
import { EXIT_USAGE, UsageError, parseCommandArgs, type Command } from '../command';

export const indexCommand: Command = {
  name: 'index',
  summary: 'Load a DISARM checkout and report its objects and any page that fails to parse.',
  usage: 'Usage: disarm-workbench index --repo DIR [--json]',
  async run(args, io) {
    const { values } = parseCommandArgs(args, { repo: { type: 'string' }, json: { type: 'boolean' } });
    if (!values.repo) throw new UsageError('--repo DIR is required');
    io.stderr('index: not implemented yet\n');
    return EXIT_USAGE;
  },
};
