/**
 * What the exports read from disk: the checkout's own DISARM.json, a committed incident page, the
 * MISP galaxy's techniques cluster. Each failure is said in one line that names the file, never a
 * stack trace.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isId } from '../../shared/ids';
import { DISARM_STIX_PATH, DisarmStixError, indexDisarmStix, type DisarmAttackPattern } from '../../shared/interchange/disarm-stix';
import { incidentFromPage, type InterchangeIncident } from '../../shared/interchange/incident';
import { GalaxyError, indexGalaxyCluster } from '../../shared/interchange/misp';
import { parseIncidentPage } from '../../shared/pages';

/** An input that is missing or not what it should be; the CLI exits 2 with its message. */
export class InputError extends Error {}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${what} ${file} is not JSON: ${(error as Error).message}`);
  }
}

/** The checkout's attack-patterns by technique id. */
export async function readDisarmStix(checkout: string): Promise<Map<string, DisarmAttackPattern>> {
  const file = join(checkout, DISARM_STIX_PATH);
  try {
    return indexDisarmStix(await readJson(file, "the framework's STIX bundle"));
  } catch (error) {
    if (error instanceof DisarmStixError) throw new InputError(error.message);
    throw error;
  }
}

/** A committed incident page of the checkout, by id. */
export async function readIncident(checkout: string, incidentId: string): Promise<InterchangeIncident> {
  if (!isId(incidentId, 'incident')) throw new InputError(`--incident must be an incident id (I + 5 digits, e.g. I00068), not ${JSON.stringify(incidentId)}`);
  const file = join(checkout, 'generated_pages', 'incidents', `${incidentId}.md`);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) throw new InputError(`incident ${incidentId} has no page in this checkout (${file})`);
  const parsed = parseIncidentPage(text);
  if (!parsed.ok) throw new InputError(`${file} cannot be read as an incident page: ${parsed.reason}`);
  return incidentFromPage(parsed.page);
}

/** The MISP galaxy's DISARM techniques cluster (clusters/disarm-techniques.json). */
export async function readGalaxyCluster(file: string): Promise<ReturnType<typeof indexGalaxyCluster>> {
  const json = await readJson(file, 'the galaxy cluster');
  try {
    return indexGalaxyCluster(json);
  } catch (error) {
    if (error instanceof GalaxyError) throw new InputError(`${file} is ${error.message}`);
    throw error;
  }
}
