/**
 * One incident in one interchange format, as the CLI writes it: the document and the lines of
 * its summary (what was left out of it and why), shared by `export` and `draft export`.
 */
import { compareIds } from '../../shared/ids';
import { techniqueIdsOf, type InterchangeIncident } from '../../shared/interchange/incident';
import { incidentToMisp } from '../../shared/interchange/misp';
import { heatMapLayer, incidentLayer, type NavigatorLayer } from '../../shared/interchange/navigator';
import { incidentToStix } from '../../shared/interchange/stix';
import { readDisarmStix, readGalaxyCluster, InputError } from './read-inputs';
import { checkStixBundle } from './stix-schema';
import type { LoadedCheckout } from '../checkout/load-checkout';

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
  if (format === 'navigator') {
    // The layer keeps them (the id is the analyst's), but the DISARM Navigator shows only what DISARM.json has.
    const unknown = techniqueIdsOf(incident).filter((id) => !patterns.has(id));
    const summary = unknown.length > 0 ? [`${unknown.length} technique(s) not in DISARM.json, kept in the layer but not shown by the Navigator: ${unknown.join(', ')}`] : [];
    return { json: incidentLayer(incident, patterns), summary };
  }
  const { bundle, missingTechniques } = incidentToStix(incident, patterns, now.toISOString());
  // A bundle the schemas refuse is the exporter's fault, never written for another tool to choke on.
  const problems = checkStixBundle(bundle);
  if (problems.length > 0) throw new Error(`the STIX export of ${incident.key} is not valid STIX 2.1: ${problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`);
  const summary = missingTechniques.length > 0 ? [`${missingTechniques.length} technique(s) not in DISARM.json, left out (no id is made up for them): ${missingTechniques.join(', ')}`] : [];
  return { json: bundle, summary };
}

/** The heat map over every incident of a loaded checkout (`export-layer --all`, `interchange.heatmap`). */
export async function exportHeatMap(checkout: string, catalog: LoadedCheckout['catalog']): Promise<NavigatorLayer> {
  const patterns = await readDisarmStix(checkout);
  // The catalog's own incidents per technique (incident pages and technique pages' tables).
  const incidentsByTechnique = new Map<string, string[]>();
  for (const technique of catalog.techniques()) {
    const incidents = [...new Set(catalog.usesOf(technique.id).map((u) => u.incidentId))].sort(compareIds);
    if (incidents.length > 0) incidentsByTechnique.set(technique.id, incidents);
  }
  return heatMapLayer(`DISARM incidents (${catalog.incidents().length})`, incidentsByTechnique, patterns);
}
