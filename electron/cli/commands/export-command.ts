/**
 * `disarm-workbench export` and `export-layer`: committed incidents for other tools.
 *   export --repo DIR --incident ID --format stix|navigator|misp [--galaxy FILE] [--out FILE]
 *   export-layer --repo DIR --all [--out FILE]
 * Without --out the document goes to stdout; the summary (techniques left out or tagged plainly)
 * always goes to stderr. Exit 0: done; 2: bad usage or an input that is not what was asked for.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadCheckout } from '../../checkout/load-checkout';
import { openCheckout } from '../../git/open';
import { InputError, readIncident } from '../../interchange/read-inputs';
import { exportHeatMap, exportIncident, isInterchangeFormat } from '../../interchange/write-export';
import { ApiError } from '../../../shared/api/errors';
import { EXIT_OK, EXIT_USAGE, UsageError, parseCommandArgs, type Command, type CommandIO } from '../command';

const EXPORT_USAGE = `Usage: disarm-workbench export --repo DIR --incident ID --format stix|navigator|misp [--galaxy FILE] [--out FILE]

  writes one committed incident of the checkout DIR for other tools:
  --format stix        a STIX 2.1 bundle (report, campaign, uses relationships to DISARM.json's
                       attack-patterns, the quotes as notes); ids are the same on every export
  --format navigator   a DISARM Navigator layer (format 4.5) with the quotes as comments
  --format misp        a MISP event; --galaxy names the MISP galaxy's clusters/disarm-techniques.json
  --out FILE           where to write (default: standard output)

Exit status: 0 done, 2 bad usage or unreadable input.`;

const LAYER_USAGE = `Usage: disarm-workbench export-layer --repo DIR --all [--out FILE]

  writes a DISARM Navigator heat map (layer format 4.5) over every incident of the checkout DIR:
  a technique's score is the number of incidents that used it.

Exit status: 0 done, 2 bad usage or unreadable input.`;

/** Runs `body`; an unreadable input or checkout is one line on stderr and exit 2. */
async function guarded(name: string, io: CommandIO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof InputError || error instanceof ApiError) {
      io.stderr(`${name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

/** Writes `json` to --out, or to stdout without it. */
async function emit(name: string, io: CommandIO, json: unknown, out: string | undefined): Promise<number> {
  const text = `${JSON.stringify(json, null, 2)}\n`;
  if (out === undefined) {
    io.stdout(text);
    return EXIT_OK;
  }
  const file = resolve(io.cwd, out);
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new InputError(`${file} cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); choose another --out`);
  }
  io.stderr(`${name}: wrote ${file}\n`);
  return EXIT_OK;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a committed incident as STIX 2.1, a Navigator layer or a MISP event.',
  usage: EXPORT_USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { repo: { type: 'string' }, incident: { type: 'string' }, format: { type: 'string' }, galaxy: { type: 'string' }, out: { type: 'string' } }, true);
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (!values.repo) throw new UsageError('--repo DIR is required');
    if (!values.incident) throw new UsageError('--incident ID is required (e.g. I00068)');
    if (!isInterchangeFormat(values.format)) throw new UsageError('--format must be stix, navigator or misp');
    const format = values.format;
    return guarded('export', io, async () => {
      const checkout = (await openCheckout(resolve(io.cwd, values.repo as string))).path;
      const incident = await readIncident(checkout, values.incident as string);
      const galaxy = values.galaxy === undefined ? undefined : resolve(io.cwd, values.galaxy);
      const { json, summary } = await exportIncident(incident, format, { checkout, ...(galaxy ? { galaxy } : {}) });
      for (const line of summary) io.stderr(`export: ${line}\n`);
      return emit('export', io, json, values.out);
    });
  },
};

export const exportLayerCommand: Command = {
  name: 'export-layer',
  summary: 'Export a Navigator heat map of the techniques over all incidents.',
  usage: LAYER_USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { repo: { type: 'string' }, all: { type: 'boolean' }, out: { type: 'string' } }, true);
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (!values.repo) throw new UsageError('--repo DIR is required');
    if (!values.all) throw new UsageError('say --all (a heat map over every incident of the checkout)');
    return guarded('export-layer', io, async () => {
      const checkout = (await openCheckout(resolve(io.cwd, values.repo as string))).path;
      const { catalog } = await loadCheckout(checkout);
      return emit('export-layer', io, await exportHeatMap(checkout, catalog), values.out);
    });
  },
};
