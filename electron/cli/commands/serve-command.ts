/**
 * `disarm-workbench serve --repo DIR [--port N] [--data DIR]`: the workbench in a browser on this
 * machine. Opens DIR as the checkout, serves the built renderer and the api on 127.0.0.1, prints
 * one line with the address to open (it carries this launch's access token), and runs until
 * Ctrl+C. See electron/transports/http-server.ts for the rules that keep other pages out.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { createDispatcher } from '../../api/dispatch';
import { createHandlers } from '../../api/handlers';
import { createServices, shutdownServices } from '../../services/container';
import { openCheckout } from '../../shell/open-checkout';
import { findPackageRoot } from '../../shell/package-root';
import { StoreFolderError } from '../../store/store';
import { defaultUserDataDir } from '../../shell/user-data';
import { startHttpServer } from '../../transports/http-server';
import { EXIT_OK, EXIT_USAGE, UsageError, parseCommandArgs, type Command } from '../command';

const USAGE = `Usage: disarm-workbench serve --repo DIR [--port N] [--data DIR]

Serves the workbench to a browser on this machine, at http://127.0.0.1 only.
  --repo DIR   the DISARM framework checkout to open
  --port N     the port to listen on (default: any free port)
  --data DIR   where drafts and settings live (default: the desktop app's folder, ${defaultUserDataDir()})

It prints the address to open, with a per-launch access token after '#'. Anyone who has that
address can use the workbench as you while it runs; do not share it. Ctrl+C stops the server.`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the workbench to a browser on this machine (127.0.0.1, per-launch token).',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { repo: { type: 'string' }, port: { type: 'string' }, data: { type: 'string' } });
    if (!values.repo) throw new UsageError('--repo DIR is required');
    const port = parsePort(values.port);
    const { root, version } = findPackageRoot();
    const rendererDir = join(root, 'dist', 'renderer');
    if (!existsSync(join(rendererDir, 'index.html'))) {
      io.stderr(`serve: the app is not built (${rendererDir} has no index.html). Run \`npm run build\` first.\n`);
      return EXIT_USAGE;
    }
    // The store creates its folder itself, readable by this user only.
    const userDataDir = resolve(io.cwd, values.data ?? defaultUserDataDir());
    let services;
    try {
      services = await createServices({ userDataDir, version });
    } catch (error) {
      if (error instanceof StoreFolderError) throw new UsageError(`--data must be a folder; ${error.dir} ${error.problem}. Name a folder (it is created if it does not exist).`);
      throw error;
    }
    const dispatch = createDispatcher(createHandlers(services));
    let checkout: string;
    try {
      checkout = await openCheckout(dispatch, values.repo, { cwd: io.cwd, transport: 'http' });
    } catch (error) {
      await shutdownServices(services);
      if (error instanceof ApiError) {
        io.stderr(`serve: ${error.message}\n`);
        return EXIT_USAGE;
      }
      throw error;
    }

    let server;
    try {
      server = await startHttpServer({ dispatch, events: services.events, rendererDir, port });
    } catch (error) {
      await shutdownServices(services);
      io.stderr(`serve: cannot listen on 127.0.0.1:${port}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_USAGE;
    }
    // What the store had to repair or cannot do (a file that cannot be written, a draft set
    // aside), said at start too: the page shows it, but the person who started serve reads here.
    for (const warning of services.store.warnings()) io.stderr(`serve: ${warning.message}\n`);
    io.stdout(`DISARM Workbench is serving ${checkout} at ${server.url}  (Ctrl+C to stop)\n`);

    await io.stopped;
    await server.close();
    await shutdownServices(services);
    io.stderr('serve: stopped.\n');
    return EXIT_OK;
  },
};

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not ${JSON.stringify(text)}`);
  return Number(text);
}
