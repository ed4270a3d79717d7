/**
 * An incident as a STIX 2.1 bundle, the shape OpenCTI and ATT&CK tools read: a campaign with the
 * report that describes it, the workbench's identity as their author, an external reference for
 * each source and archive URL, a `uses` relationship from the campaign to DISARM.json's own
 * attack-pattern for each technique, and each quote with its explanation as a note on that
 * relationship. Every id is a UUIDv5 of the incident's key and what the object stands for, so a
 * second export of the same incident updates the objects a consumer has instead of duplicating them.
 */
import { v5 as uuidv5 } from 'uuid';
import type { DisarmAttackPattern } from './disarm-stix';
import { techniqueIdsOf, type InterchangeIncident } from './incident';

/** The namespace of every id the workbench makes (a fixed random UUID: changing it changes every id). */
export const WORKBENCH_STIX_NAMESPACE = '6f0c2f4e-5d2b-4e61-9a57-3b1f0f6a3c51';

/** A STIX object as written here (plain JSON; checked against a schema library in the tests). */
export type StixObject = Record<string, unknown> & { readonly type: string; readonly id: string };

export interface StixBundle {
  readonly type: 'bundle';
  readonly id: string;
  readonly objects: StixObject[];
}

export interface StixExport {
  readonly bundle: StixBundle;
  /** Techniques of the incident that DISARM.json does not have: reported, never given an id. */
  readonly missingTechniques: string[];
}

/** `type--uuidv5(parts)`: the same parts always give the same id. */
export function stixId(type: string, ...parts: string[]): string {
  return `${type}--${uuidv5([type, ...parts].join('\u001f'), WORKBENCH_STIX_NAMESPACE)}`;
}

const FRAMEWORK_PAGES = 'https://github.com/DISARMFoundation/DISARMframeworks/blob/main/generated_pages/incidents';

/** The bundle for `incident`; `now` is the objects' created/modified time (ISO, UTC). */
export function incidentToStix(incident: InterchangeIncident, attackPatterns: ReadonlyMap<string, DisarmAttackPattern>, now: string): StixExport {
  const common = { spec_version: '2.1', created: now, modified: now } as const;
  const identity: StixObject = { type: 'identity', id: stixId('identity', 'disarm-workbench'), ...common, name: 'DISARM Workbench', identity_class: 'system' };
  const author = { created_by_ref: identity.id };
  const incidentRef = incident.incidentId
    ? [{ source_name: 'DISARM', external_id: incident.incidentId, url: `${FRAMEWORK_PAGES}/${incident.incidentId}.md` }]
    : [];
  const sourceRefs = incident.references.flatMap((r) => {
    const description = [r.org, r.authors, r.pubDate].filter((s) => s.trim() !== '').join(', ');
    const source = r.url ? [{ source_name: r.org.trim() || 'source', url: r.url, ...(description ? { description } : {}) }] : [];
    const archive = r.archiveUrl ? [{ source_name: 'archive', url: r.archiveUrl, description: `archived copy of ${r.url}` }] : [];
    return [...source, ...archive];
  });
  const name = incident.name.trim() || incident.key;
  const description = incident.summary.trim();
  const campaign: StixObject = {
    type: 'campaign',
    id: stixId('campaign', incident.key),
    ...common,
    ...author,
    name,
    ...(description ? { description } : {}),
    ...(incidentRef.length > 0 ? { external_references: incidentRef } : {}),
  };

  const missingTechniques: string[] = [];
  const relationships: StixObject[] = [];
  const relationshipByTechnique = new Map<string, StixObject>();
  for (const techniqueId of techniqueIdsOf(incident)) {
    const pattern = attackPatterns.get(techniqueId);
    if (!pattern) {
      missingTechniques.push(techniqueId);
      continue;
    }
    const relationship: StixObject = { type: 'relationship', id: stixId('relationship', incident.key, 'uses', techniqueId), ...common, ...author, relationship_type: 'uses', source_ref: campaign.id, target_ref: pattern.stixId };
    relationships.push(relationship);
    relationshipByTechnique.set(techniqueId, relationship);
  }
  const notes: StixObject[] = [];
  // The same quote shown twice for one technique (two explanations) is two notes: the second and
  // later ones take their rank into the id, so no two objects share one.
  const seen = new Map<string, number>();
  for (const use of incident.uses) {
    const relationship = relationshipByTechnique.get(use.techniqueId);
    if (!relationship || (use.quote.trim() === '' && use.explanation.trim() === '')) continue;
    const parts = [incident.key, use.techniqueId, use.quote];
    const rank = seen.get(parts.join('\u001f')) ?? 0;
    seen.set(parts.join('\u001f'), rank + 1);
    notes.push({
      type: 'note',
      id: stixId('note', ...parts, ...(rank > 0 ? [String(rank)] : [])),
      ...common,
      ...author,
      ...(use.quote.trim() ? { abstract: use.quote.trim() } : {}),
      content: [use.quote.trim() ? `“${use.quote.trim()}”` : '', use.explanation.trim()].filter((s) => s !== '').join('\n\n'),
      object_refs: [relationship.id, relationship.target_ref as string],
    });
  }
  const report: StixObject = {
    type: 'report',
    id: stixId('report', incident.key),
    ...common,
    ...author,
    name,
    ...(description ? { description } : {}),
    report_types: ['campaign'],
    published: publishedOf(incident, now),
    object_refs: [campaign.id, ...relationships.map((r) => r.id), ...notes.map((n) => n.id)],
    ...(incidentRef.length + sourceRefs.length > 0 ? { external_references: [...incidentRef, ...sourceRefs] } : {}),
  };
  return {
    bundle: { type: 'bundle', id: stixId('bundle', incident.key), objects: [identity, report, campaign, ...relationships, ...notes] },
    missingTechniques,
  };
}

/** The report's publication time: the incident's date added when it has a valid one, else `now`. */
function publishedOf(incident: InterchangeIncident, now: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(incident.dateAdded) && !Number.isNaN(Date.parse(incident.dateAdded)) ? `${incident.dateAdded}T00:00:00.000Z` : now;
}
