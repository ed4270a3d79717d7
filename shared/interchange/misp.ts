/**
 * An incident as a MISP event (MISP's core JSON format): the source and archive URLs as `link`
 * attributes and the techniques as tags of the MISP galaxy's DISARM techniques cluster,
 * `misp-galaxy:disarm-techniques="<value>"`. The galaxy is older than the framework: a technique
 * it lacks is tagged `disarm:technique="<id>"` and listed, so none is dropped without a word.
 */
import { v5 as uuidv5 } from 'uuid';
import { techniqueIdsOf, type InterchangeIncident } from './incident';
import { WORKBENCH_STIX_NAMESPACE } from './stix';

export interface MispTag {
  readonly name: string;
}

export interface MispAttribute {
  readonly uuid: string;
  readonly type: 'link';
  readonly category: 'External analysis';
  readonly value: string;
  readonly comment: string;
  readonly to_ids: false;
}

export interface MispEvent {
  readonly Event: {
    readonly uuid: string;
    readonly info: string;
    readonly date: string;
    readonly threat_level_id: '4';
    readonly analysis: '2';
    readonly distribution: '0';
    readonly Attribute: MispAttribute[];
    readonly Tag: MispTag[];
  };
}

export interface MispExport {
  readonly event: MispEvent;
  /** Techniques that the galaxy's cluster has no value for (tagged `disarm:technique=`). */
  readonly missingFromGalaxy: string[];
}

export class GalaxyError extends Error {}

/** The techniques cluster's values by DISARM id (`meta.external_id`). */
export function indexGalaxyCluster(cluster: unknown): { type: string; valueById: Map<string, string> } {
  const { type, values } = (cluster ?? {}) as { type?: unknown; values?: unknown };
  if (typeof type !== 'string' || !Array.isArray(values)) throw new GalaxyError('not a MISP galaxy cluster (it needs a "type" and a "values" list)');
  const valueById = new Map<string, string>();
  for (const entry of values as { value?: unknown; meta?: { external_id?: unknown } }[]) {
    const id = entry?.meta?.external_id;
    if (typeof id === 'string' && typeof entry.value === 'string') valueById.set(id, entry.value);
  }
  return { type, valueById };
}

/** The event for `incident`; `today` is `YYYY-MM-DD`, used when the incident has no date added. */
export function incidentToMisp(incident: InterchangeIncident, galaxy: { type: string; valueById: ReadonlyMap<string, string> }, today: string): MispExport {
  const missingFromGalaxy: string[] = [];
  const tags: MispTag[] = [];
  for (const techniqueId of techniqueIdsOf(incident)) {
    const value = galaxy.valueById.get(techniqueId);
    if (value === undefined) {
      missingFromGalaxy.push(techniqueId);
      tags.push({ name: `disarm:technique="${techniqueId}"` });
    } else tags.push({ name: `misp-galaxy:${galaxy.type}="${value}"` });
  }
  const attribute = (value: string, comment: string): MispAttribute => ({ uuid: uuidv5(`misp-attribute\u001f${incident.key}\u001f${value}`, WORKBENCH_STIX_NAMESPACE), type: 'link', category: 'External analysis', value, comment, to_ids: false });
  const attributes = incident.references.flatMap((r) => [
    ...(r.url ? [attribute(r.url, [r.org, r.authors, r.pubDate].filter((s) => s.trim() !== '').join(', '))] : []),
    ...(r.archiveUrl ? [attribute(r.archiveUrl, `archived copy of ${r.url}`)] : []),
  ]);
  const label = [incident.incidentId, incident.name].filter((s) => s.trim() !== '').join(': ');
  return {
    event: {
      Event: {
        uuid: uuidv5(`misp-event\u001f${incident.key}`, WORKBENCH_STIX_NAMESPACE),
        info: label || incident.key,
        date: /^\d{4}-\d{2}-\d{2}$/.test(incident.dateAdded) ? incident.dateAdded : today,
        threat_level_id: '4',
        analysis: '2',
        distribution: '0',
        Attribute: attributes,
        Tag: tags,
      },
    },
    missingFromGalaxy,
  };
}
