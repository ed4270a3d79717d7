/**
 * `disarm-workbench draft export|import`: drafts moving between machines, and the master-data
 * rows for the maintainers.
 *   draft export --repo DIR --id DRAFT --format xlsx|json --out FILE [--store DIR]
 *   draft import FILE [--store DIR]
 * The store is the app's own (its user data folder) unless --store names another. Exporting as
 * xlsx gives the draft its ids first if it has none (over DIR, its history and the other drafts).
 * Exit 0: done; 1: the draft is not ready (errors to fix); 2: bad usage or an input that is not
 * what was asked for.
 */
import { stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { draftToMasterRows, NotReadyError } from '../../../shared/drafts/master-rows';
import { DraftUuid } from '../../../shared/drafts/model';
import { validateDraft } from '../../../shared/validation';
import { loadCheckout } from '../../checkout/load-checkout';
import { allocateIds } from '../../drafts/draft-ids';
import { collectUsedIds } from '../../drafts/used-ids';
import { draftValidationContext } from '../../drafts/validation-context';
import { DraftFileError, readDraftFile, writeDraftFile } from '../../drafts/draft-file';
import { writeMasterRowsXlsx } from '../../drafts/master-data-xlsx';
import { openCheckout } from '../../git/open';
import { incidentFromDraft } from '../../../shared/interchange/incident';
import { InputError } from '../../interchange/read-inputs';
import { exportIncident, isInterchangeFormat, type InterchangeFormat } from '../../interchange/write-export';
import { defaultUserDataDir } from '../../shell/user-data';
import { Store, StoreFolderError } from '../../store/store';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, parseCommandArgs, type Command, type CommandIO } from '../command';

const USAGE = `Usage: disarm-workbench draft export --repo DIR --id DRAFT --format xlsx|json --out FILE [--store DIR]
       disarm-workbench draft export [--repo DIR] --id DRAFT --format stix|navigator|misp [--galaxy FILE] [--out FILE] [--store DIR]
       disarm-workbench draft import FILE [--store DIR]

  export   writes one draft: --format json as a draft file (to import on another machine), or
           --format xlsx as the rows of DISARM_DATA_MASTER.xlsx (sheets incidents, urls,
           incidenttechniques) for the maintainers; the draft gets its incident and IT ids
           first if it has none (over the checkout DIR, its history and the other drafts)
           --format stix|navigator|misp as for \`disarm-workbench export\` (see its --help): --repo
           for stix and navigator, --galaxy for misp; without --out to standard output
  import   adds a draft file to the store (a draft whose id is there already is added as a copy)
  --store DIR   the drafts store folder (default: the app's user data folder)

Exit status: 0 done, 1 the draft is not ready to export, 2 bad usage or unreadable input.`;

export const draftCommand: Command = {
  name: 'draft',
  summary: 'Export a draft (json, xlsx master-data rows, STIX, Navigator, MISP) or import a draft file.',
  usage: USAGE,
  async run(args, io) {
    const [verb, ...rest] = args;
    try {
      if (verb === 'export') return await exportDraft(rest, io);
      if (verb === 'import') return await importDraft(rest, io);
    } catch (error) {
      if (error instanceof ApiError) {
        io.stderr(`draft ${verb}: ${error.message}\n`);
        return error.code === 'not-found' || error.code === 'bad-request' || error.code === 'not-a-checkout' ? EXIT_USAGE : EXIT_PROBLEMS;
      }
      if (error instanceof DraftFileError) {
        io.stderr(`draft ${verb}: ${error.message}\n`);
        return EXIT_USAGE;
      }
      throw error;
    }
    throw new UsageError(verb === undefined ? 'say export or import' : `unknown action '${verb}': say export or import`);
  },
};

async function openStore(io: CommandIO, dir: string | undefined): Promise<Store> {
  let store: Store;
  try {
    store = await Store.open({ dir: resolve(io.cwd, dir ?? defaultUserDataDir()) });
  } catch (error) {
    if (error instanceof StoreFolderError) throw new UsageError(`--store must be a folder; ${error.dir} ${error.problem}.`);
    throw error;
  }
  for (const warning of store.warnings()) io.stderr(`draft: ${warning.message}\n`);
  return store;
}

async function exportDraft(args: readonly string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, { repo: { type: 'string' }, id: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, store: { type: 'string' }, galaxy: { type: 'string' } });
  if (!values.id) throw new UsageError('--id DRAFT is required');
  if (!DraftUuid.safeParse(values.id).success) throw new UsageError(`--id must be a draft's id (a uuid, as the app shows it), not ${JSON.stringify(values.id)}`);
  if (isInterchangeFormat(values.format)) return exportDraftInterchange(values.format, values, io);
  if (values.format !== 'xlsx' && values.format !== 'json') throw new UsageError('--format must be xlsx, json, stix, navigator or misp');
  if (!values.out) throw new UsageError('--out FILE is required');
  if (values.format === 'xlsx' && !values.repo) throw new UsageError('--repo DIR is required for --format xlsx (ids are allocated over the checkout)');
  const out = resolve(io.cwd, values.out);
  await checkOutFile(out);
  const store = await openStore(io, values.store);
  let draft = await store.getDraft(values.id);
  if (values.format === 'json') {
    if (!(await written(io, out, () => writeDraftFile(draft, out)))) return EXIT_USAGE;
    io.stdout(`draft export: wrote ${out}\n`);
    return EXIT_OK;
  }
  const checkout = (await openCheckout(resolve(io.cwd, values.repo as string))).path;
  // The checkout's ids gathered once, for the allocation and for the check that follows it.
  const [used, { editLine: marker }] = await Promise.all([collectUsedIds(checkout), store.getSettings()]);
  draft = await allocateIds(store, checkout, draft.id, used);
  // The maintainers get rows only from a draft without errors (a taken id, an unknown technique...).
  const { catalog } = await loadCheckout(checkout);
  const errors = validateDraft(draft, await draftValidationContext(checkout, catalog, draft, await store.allDrafts(), { marker, used })).filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    for (const d of errors) io.stderr(`draft export: ${d.range.field}: ${d.code}: ${d.message}\n`);
    io.stderr(`draft export: the draft has ${errors.length} error(s); fix them (disarm-workbench lint shows them too) and export again.\n`);
    return EXIT_PROBLEMS;
  }
  let rows;
  try {
    rows = draftToMasterRows(draft, marker);
  } catch (error) {
    if (error instanceof NotReadyError) {
      io.stderr(`draft export: ${error.message}\n`);
      return EXIT_PROBLEMS;
    }
    throw error;
  }
  const ready = rows;
  if (!(await written(io, out, () => writeMasterRowsXlsx(ready, out)))) return EXIT_USAGE;
  io.stdout(`draft export: wrote ${out} (incident ${draft.incidentId})\n`);
  return EXIT_OK;
}

/** --out must name a file in a folder that exists: said before any work, not as a stack trace after it. */
async function checkOutFile(out: string): Promise<void> {
  const target = await stat(out).catch(() => undefined);
  if (target?.isDirectory()) throw new UsageError(`--out must name a file; ${out} is a folder`);
  const parent = await stat(dirname(out)).catch(() => undefined);
  if (!parent) throw new UsageError(`--out must name a file in a folder that exists; ${dirname(out)} does not exist`);
  if (!parent.isDirectory()) throw new UsageError(`--out must name a file in a folder; ${dirname(out)} is a file`);
}

/** Runs `write`; a system refusal (permissions, a full disk) is said in one line. False when it was refused. */
async function written(io: CommandIO, out: string, write: () => Promise<void>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    io.stderr(`draft export: ${out} cannot be written (${code}); choose another --out or make its folder writable.\n`);
    return false;
  }
}

/** stix, navigator or misp: the draft as `disarm-workbench export` writes a committed incident. */
async function exportDraftInterchange(format: InterchangeFormat, values: { id?: string; repo?: string; out?: string; store?: string; galaxy?: string }, io: CommandIO): Promise<number> {
  if (values.out !== undefined) await checkOutFile(resolve(io.cwd, values.out));
  const draft = await (await openStore(io, values.store)).getDraft(values.id as string);
  try {
    const checkout = values.repo === undefined ? undefined : (await openCheckout(resolve(io.cwd, values.repo))).path;
    const galaxy = values.galaxy === undefined ? undefined : resolve(io.cwd, values.galaxy);
    const { json, summary } = await exportIncident(incidentFromDraft(draft), format, { ...(checkout ? { checkout } : {}), ...(galaxy ? { galaxy } : {}) });
    for (const line of summary) io.stderr(`draft export: ${line}\n`);
    const text = `${JSON.stringify(json, null, 2)}\n`;
    if (values.out === undefined) {
      io.stdout(text);
      return EXIT_OK;
    }
    const out = resolve(io.cwd, values.out);
    if (!(await written(io, out, () => writeFile(out, text)))) return EXIT_USAGE;
    io.stderr(`draft export: wrote ${out}\n`);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stderr(`draft export: ${error.message}\n`);
    return EXIT_USAGE;
  }
}

async function importDraft(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { store: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new UsageError('name exactly one draft FILE to import');
  const file = await readDraftFile(resolve(io.cwd, positionals[0] as string));
  const store = await openStore(io, values.store);
  const { draft, copied } = await store.importDraft(file.draft);
  io.stdout(`draft import: ${copied ? 'added as a copy (the store had a draft with the same id)' : 'added'}: ${draft.id} ${JSON.stringify(draft.incident.name)}\n`);
  return EXIT_OK;
}
