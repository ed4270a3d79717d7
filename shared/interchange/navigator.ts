/**
 * Layers for the DISARM Navigator, the ATT&CK Navigator's fork that reads DISARM.json: layer
 * format 4.5, domain `DISARM` (the identifier of the domain in the DISARM Navigator's config).
 * One incident's techniques with its quotes as comments, or a heat map over incidents where a
 * technique's score is the number of incidents that used it.
 */
import type { DisarmAttackPattern } from './disarm-stix';
import type { InterchangeIncident } from './incident';

/** The DISARM Navigator's domain identifier and the data version its config names. */
export const NAVIGATOR_DOMAIN = 'DISARM';
export const NAVIGATOR_VERSIONS = { layer: '4.5', navigator: '4.9.1', attack: '1' } as const;

export interface LayerTechnique {
  readonly techniqueID: string;
  /** The tactic's short name, so the Navigator shows the technique in its column only. */
  readonly tactic?: string;
  readonly score?: number;
  readonly comment?: string;
  readonly enabled: boolean;
}

export interface NavigatorLayer {
  readonly name: string;
  readonly versions: typeof NAVIGATOR_VERSIONS;
  readonly domain: typeof NAVIGATOR_DOMAIN;
  readonly description: string;
  readonly techniques: LayerTechnique[];
  readonly gradient?: { readonly colors: string[]; readonly minValue: number; readonly maxValue: number };
  readonly legendItems?: { readonly label: string; readonly color: string }[];
}

function tacticOf(techniqueId: string, patterns: ReadonlyMap<string, DisarmAttackPattern>): { tactic?: string } {
  const tactic = patterns.get(techniqueId)?.tacticShortName;
  return tactic ? { tactic } : {};
}

/** One incident: each technique once, its quotes (with explanations) as the comment. */
export function incidentLayer(incident: InterchangeIncident, patterns: ReadonlyMap<string, DisarmAttackPattern>): NavigatorLayer {
  const comments = new Map<string, string[]>();
  for (const use of incident.uses) {
    const text = [use.quote.trim() ? `“${use.quote.trim()}”` : '', use.explanation.trim()].filter((s) => s !== '').join(' ');
    const list = comments.get(use.techniqueId) ?? [];
    if (text) list.push(text);
    comments.set(use.techniqueId, list);
  }
  const label = [incident.incidentId, incident.name].filter((s) => s.trim() !== '').join(': ');
  return {
    name: label || incident.key,
    versions: NAVIGATOR_VERSIONS,
    domain: NAVIGATOR_DOMAIN,
    description: incident.summary,
    techniques: [...comments].map(([techniqueID, texts]) => ({ techniqueID, ...tacticOf(techniqueID, patterns), score: 1, ...(texts.length ? { comment: texts.join('\n\n') } : {}), enabled: true })),
  };
}

/** A heat map: `incidentsByTechnique` maps a technique id to the incidents that used it. */
export function heatMapLayer(name: string, incidentsByTechnique: ReadonlyMap<string, readonly string[]>, patterns: ReadonlyMap<string, DisarmAttackPattern>): NavigatorLayer {
  const techniques = [...incidentsByTechnique]
    .filter(([, incidents]) => incidents.length > 0)
    .map(([techniqueID, incidents]) => ({ techniqueID, ...tacticOf(techniqueID, patterns), score: incidents.length, comment: `${incidents.length} incident(s): ${incidents.join(', ')}`, enabled: true }));
  const maxValue = Math.max(1, ...techniques.map((t) => t.score));
  return {
    name,
    versions: NAVIGATOR_VERSIONS,
    domain: NAVIGATOR_DOMAIN,
    description: 'Score: the number of incidents that used the technique.',
    techniques,
    gradient: { colors: ['#ffffffff', '#ff6666ff'], minValue: 0, maxValue },
  };
}
