/**
 * `disarm-workbench import-stix FILE --repo DIR [--store DIR]`: a STIX 2.1 bundle of one incident
 * (a report or campaign with `uses` relationships) as a new draft. The checkout's DISARM.json says
 * which attack-patterns are DISARM techniques; the others are listed. A file that is too large, not
 * JSON or not STIX 2.1 is refused before anything is stored.
 */
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { StixImportError, stixToDraft } from '../../../shared/interchange/stix-import';
import { openCheckout } from '../../git/open';
import { InputError, readDisarmStix } from '../../interchange/read-inputs';
import { defaultUserDataDir } from '../../shell/user-data';
import { Store, StoreFolderError } from '../../store/store';
import { EXIT_OK, EXIT_USAGE, UsageError, parseCommandArgs, type Command } from '../command';

/** Larger bundles are refused before they are read: one incident's bundle is kilobytes. */
export const STIX_IMPORT_MAX_BYTES = 50 * 1024 * 1024;

const USAGE = `Usage: disarm-workbench import-stix FILE --repo DIR [--store DIR]

  adds a new draft from a STIX 2.1 bundle holding one report (or campaign) and its uses
  relationships: name, description, references and an annotation per DISARM technique (with the
  quote and explanation of a note on the relationship). Techniques are matched to the checkout
  DIR's DISARM.json; anything else is listed on stderr, not guessed.
  --store DIR   the drafts store folder (default: the app's user data folder)

Exit status: 0 done, 2 bad usage or a file that is not a STIX 2.1 bundle of one incident.`;

export const importStixCommand: Command = {
  name: 'import-stix',
  summary: 'Add a draft from a STIX 2.1 bundle (a report or campaign with uses relationships).',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { repo: { type: 'string' }, store: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError('name exactly one bundle FILE to import');
    if (!values.repo) throw new UsageError("--repo DIR is required (its DISARM.json says which techniques are DISARM's)");
    const file = resolve(io.cwd, positionals[0] as string);
    const fail = (message: string) => {
      io.stderr(`import-stix: ${message}; no draft was made.\n`);
      return EXIT_USAGE;
    };
    try {
      const size = (await stat(file).catch(() => undefined))?.size;
      if (size === undefined) return fail(`${file} cannot be read`);
      if (size > STIX_IMPORT_MAX_BYTES) return fail(`${file} is ${size.toLocaleString('en')} bytes, over the 50 MB (${STIX_IMPORT_MAX_BYTES.toLocaleString('en')} bytes) a bundle of one incident may have`);
      let json: unknown;
      try {
        json = JSON.parse(await readFile(file, 'utf8')) as unknown;
      } catch (error) {
        return fail(`${file} is not JSON (${(error as Error).message})`);
      }
      const checkout = (await openCheckout(resolve(io.cwd, values.repo))).path;
      const result = stixToDraft(json, await readDisarmStix(checkout), randomUUID);
      let store: Store;
      try {
        store = await Store.open({ dir: resolve(io.cwd, values.store ?? defaultUserDataDir()) });
      } catch (error) {
        if (error instanceof StoreFolderError) throw new UsageError(`--store must be a folder; ${error.dir} ${error.problem}.`);
        throw error;
      }
      const draft = await store.createDraft(result.input);
      if (result.unknown.length > 0) io.stderr(`import-stix: ${result.unknown.length} uses target(s) are no DISARM technique, left out: ${result.unknown.join(', ')}\n`);
      io.stdout(`import-stix: added ${draft.id} ${JSON.stringify(draft.incident.name)}: ${result.techniqueIds.length} technique(s) (${result.techniqueIds.join(', ')}), ${draft.references.length} reference(s)\n`);
      return EXIT_OK;
    } catch (error) {
      if (error instanceof StixImportError) return fail(`${file}: ${error.message}`);
      if (error instanceof InputError || error instanceof ApiError) return fail(error.message);
      throw error;
    }
  },
};
