/**
 * One incident in one interchange format, as the CLI writes it: the document and the lines of
 * its summary (what was left out of it and why), shared by `export` and `draft export`.
 */
import type { InterchangeIncident } from '../../shared/interchange/incident';
import { incidentToMisp } from '../../shared/interchange/misp';
import { incidentLayer } from '../../shared/interchange/navigator';
import { incidentToStix } from '../../shared/interchange/stix';
import { readDisarmStix, readGalaxyCluster, InputError } from './read-inputs';
import { checkStixBundle } from './stix-schema';

export const INTERCHANGE_FORMATS = ['stix', 'navigator', 'misp'] as const;
export type InterchangeFormat = (typeof INTERCHANGE_FORMATS)[number];

export function isInterchangeFormat(format: string | undefined): format is InterchangeFormat {
  return (INTERCHANGE_FORMATS as readonly string[]).includes(format ?? '');
}

export interface ExportedDocument {
  readonly json: unknown;
  /** Lines for stderr: techniques left as plain ids, or left out. */
  readonly summary: string[];
}

/** Builds the document; `checkout` gives DISARM.json (stix, navigator), `galaxy` the cluster (misp). */
export async function exportIncident(incident: InterchangeIncident, format: InterchangeFormat, inputs: { checkout?: string; galaxy?: string }, now = new Date()): Promise<ExportedDocument> {
  if (format === 'misp') {
    if (!inputs.galaxy) throw new InputError('--galaxy FILE is required for --format misp (the MISP galaxy\'s clusters/disarm-techniques.json)');
    const { event, missingFromGalaxy } = incidentToMisp(incident, await readGalaxyCluster(inputs.galaxy), now.toISOString().slice(0, 10));
    const summary = missingFromGalaxy.length > 0 ? [`${missingFromGalaxy.length} technique(s) not in the galaxy, tagged disarm:technique="<id>": ${missingFromGalaxy.join(', ')}`] : [];
    return { json: event, summary };
  }
  if (!inputs.checkout) throw new InputError(`--repo DIR is required for --format ${format} (its generated_files/DISARM_STIX/DISARM.json gives the techniques' STIX ids)`);
  const patterns = await readDisarmStix(inputs.checkout);
  if (format === 'navigator') return { json: incidentLayer(incident, patterns), summary: [] };
  const { bundle, missingTechniques } = incidentToStix(incident, patterns, now.toISOString());
  // A bundle the schemas refuse is the exporter's fault, never written for another tool to choke on.
  const problems = checkStixBundle(bundle);
  if (problems.length > 0) throw new Error(`the STIX export of ${incident.key} is not valid STIX 2.1: ${problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`);
  const summary = missingTechniques.length > 0 ? [`${missingTechniques.length} technique(s) not in DISARM.json, left out (no id is made up for them): ${missingTechniques.join(', ')}`] : [];
  return { json: bundle, summary };
}
