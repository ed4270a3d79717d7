/**
 * The framework's own STIX 2.1 bundle (generated_files/DISARM_STIX/DISARM.json): the attack-pattern
 * ids every STIX consumer already knows for DISARM's techniques. Exports point at these ids and
 * never make new ones for a technique that has one.
 */

/** Where a checkout keeps the framework's STIX bundle. */
export const DISARM_STIX_PATH = 'generated_files/DISARM_STIX/DISARM.json';

export interface DisarmAttackPattern {
  /** `attack-pattern--70717452-...` */
  readonly stixId: string;
  readonly techniqueId: string;
  readonly name: string;
  /** The tactic's short name (`plan-objectives`), as the Navigator places techniques. */
  readonly tacticShortName: string;
}

export class DisarmStixError extends Error {}

/** Indexes DISARM.json's attack-patterns by technique id (the external_id of their external reference). */
export function indexDisarmStix(bundle: unknown): Map<string, DisarmAttackPattern> {
  const objects = (bundle as { objects?: unknown } | null)?.objects;
  if (!Array.isArray(objects)) throw new DisarmStixError(`${DISARM_STIX_PATH} is not a STIX bundle (it has no objects list)`);
  const index = new Map<string, DisarmAttackPattern>();
  for (const object of objects as { type?: unknown; id?: unknown; name?: unknown; external_references?: { external_id?: unknown }[]; kill_chain_phases?: { phase_name?: unknown }[] }[]) {
    if (object?.type !== 'attack-pattern' || typeof object.id !== 'string') continue;
    const techniqueId = object.external_references?.find((r) => typeof r.external_id === 'string')?.external_id;
    if (typeof techniqueId !== 'string') continue;
    const phase = object.kill_chain_phases?.[0]?.phase_name;
    index.set(techniqueId, { stixId: object.id, techniqueId, name: typeof object.name === 'string' ? object.name : '', tacticShortName: typeof phase === 'string' ? phase : '' });
  }
  return index;
}
