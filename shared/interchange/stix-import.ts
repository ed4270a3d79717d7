/**
 * A STIX 2.1 bundle (from OpenCTI, or the workbench's own export) as the content of a new draft:
 * the report's (or the campaign's) name and description, its external references as the draft's
 * references (an `archive` reference as the archive URL of the one before it), and an annotation
 * for each technique its `uses` relationships name, with the quote and explanation of the note on
 * that relationship when there is one. Techniques are known by DISARM.json's attack-pattern ids, or
 * by the technique id an attack-pattern in the bundle carries; anything else is listed, not guessed.
 * A bundle that cannot be read this way is refused whole: no draft is half made.
 */
import type { DraftInput } from '../drafts/changes';
import type { Annotation, Reference } from '../drafts/model';
import type { DisarmAttackPattern } from './disarm-stix';

export class StixImportError extends Error {}

export interface StixImport {
  readonly input: DraftInput;
  /** The techniques found, in the order of their relationships. */
  readonly techniqueIds: string[];
  /** `uses` targets that are no DISARM technique: the attack-pattern's id, name or technique id. */
  readonly unknown: string[];
}

type Obj = Record<string, unknown> & { type: string; id: string };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Reads `bundle` (already parsed JSON) against the framework's attack-patterns. */
export function stixToDraft(bundle: unknown, attackPatterns: ReadonlyMap<string, DisarmAttackPattern>, newId: () => string): StixImport {
  const top = bundle as { type?: unknown; objects?: unknown; spec_version?: unknown } | null;
  if (typeof top !== 'object' || top === null || top.type !== 'bundle' || !Array.isArray(top.objects)) throw new StixImportError('not a STIX bundle: it needs "type": "bundle" and an "objects" list');
  // STIX 2.0 bundles carry spec_version themselves; 2.1 objects carry it one by one.
  if (top.spec_version !== undefined) throw new StixImportError(`not STIX 2.1: the bundle says spec_version ${JSON.stringify(top.spec_version)} (a STIX 2.0 bundle)`);
  const objects = top.objects.filter((o): o is Obj => typeof (o as Obj)?.type === 'string' && typeof (o as Obj)?.id === 'string');
  if (objects.length !== top.objects.length) throw new StixImportError('not a STIX bundle: some objects have no type or id');
  const other = objects.find((o) => o.spec_version !== '2.1' && o.type !== 'marking-definition');
  if (other) throw new StixImportError(`not STIX 2.1: ${other.id} has spec_version ${JSON.stringify(other.spec_version ?? null)}`);
  const byId = new Map(objects.map((o) => [o.id, o]));

  const reports = objects.filter((o) => o.type === 'report');
  if (reports.length > 1) throw new StixImportError(`the bundle holds ${reports.length} reports; import a bundle of one incident`);
  const report = reports[0];
  const campaigns = objects.filter((o) => o.type === 'campaign');
  const subject = report ?? (campaigns.length === 1 ? campaigns[0] : undefined);
  if (!subject) throw new StixImportError(campaigns.length > 1 ? `the bundle holds ${campaigns.length} campaigns and no report; import a bundle of one incident` : 'the bundle holds no report and no campaign: nothing says what the incident is');

  const patternsByStixId = new Map([...attackPatterns.values()].map((p) => [p.stixId, p]));
  const known = (id: string) => byId.has(id) || patternsByStixId.has(id);
  const dangling = list(report?.object_refs).filter((ref) => typeof ref !== 'string' || !known(ref));
  if (dangling.length > 0) throw new StixImportError(`the report refers to ${dangling.length} object(s) that are neither in the bundle nor DISARM techniques: ${dangling.slice(0, 5).map(String).join(', ')}${dangling.length > 5 ? ', ...' : ''}`);

  // What the incident is: the report and what it names, or the lone campaign.
  const members = new Set<string>([subject.id, ...list(report?.object_refs).map(String)]);
  const uses = objects.filter((o) => o.type === 'relationship' && o.relationship_type === 'uses' && members.has(str(o.source_ref)));
  const techniqueIds: string[] = [];
  const unknown: string[] = [];
  const techniqueOfRelationship = new Map<string, string>();
  for (const relationship of uses) {
    const target = str(relationship.target_ref);
    const techniqueId = techniqueOf(target, byId.get(target), patternsByStixId, attackPatterns);
    if (techniqueId === undefined) {
      const named = byId.get(target);
      unknown.push(named ? `${target} (${str(named.name) || 'unnamed'})` : target);
      continue;
    }
    techniqueOfRelationship.set(relationship.id, techniqueId);
    if (!techniqueIds.includes(techniqueId)) techniqueIds.push(techniqueId);
  }

  const annotations: Annotation[] = [];
  const explained = new Set<string>();
  for (const note of objects.filter((o) => o.type === 'note')) {
    const techniques = [...new Set(list(note.object_refs).map((ref) => techniqueOfRelationship.get(String(ref))).filter((t): t is string => t !== undefined))];
    if (techniques.length === 0) continue;
    const quote = str(note.abstract).trim();
    annotations.push({ id: newId(), quote, techniqueIds: techniques, explanation: explanationOf(str(note.content), quote), review: 'draft' });
    for (const t of techniques) explained.add(t);
  }
  for (const techniqueId of techniqueIds) if (!explained.has(techniqueId)) annotations.push({ id: newId(), quote: '', techniqueIds: [techniqueId], explanation: '', review: 'draft' });

  return {
    input: {
      incident: { name: str(subject.name), summary: str(subject.description) },
      references: referencesOf(list(subject.external_references), newId),
      annotations,
    },
    techniqueIds,
    unknown,
  };
}

/** DISARM.json's id, or an attack-pattern in the bundle whose technique id DISARM.json has. */
function techniqueOf(target: string, object: Obj | undefined, patternsByStixId: ReadonlyMap<string, DisarmAttackPattern>, attackPatterns: ReadonlyMap<string, DisarmAttackPattern>): string | undefined {
  const direct = patternsByStixId.get(target);
  if (direct) return direct.techniqueId;
  if (object?.type !== 'attack-pattern') return undefined;
  for (const ref of list(object.external_references) as { external_id?: unknown }[]) {
    const id = str(ref?.external_id);
    if (attackPatterns.has(id)) return id;
  }
  return undefined;
}

/** The note's content less the quote the export puts before the explanation. */
function explanationOf(content: string, quote: string): string {
  const quoted = `“${quote}”`;
  const text = quote && content.startsWith(quoted) ? content.slice(quoted.length) : content;
  return text.trim();
}

/** External references with a URL, the framework's own link left out, archives joined to their source. */
function referencesOf(refs: unknown[], newId: () => string): Reference[] {
  const references: Reference[] = [];
  for (const ref of refs as { source_name?: unknown; url?: unknown; external_id?: unknown }[]) {
    const url = str(ref?.url);
    const source = str(ref?.source_name);
    if (!url || source === 'DISARM') continue;
    const last = references[references.length - 1];
    if (source === 'archive' && last && last.archiveUrl === '') {
      references[references.length - 1] = { ...last, archiveUrl: url };
      continue;
    }
    references.push({ id: newId(), url, pubDate: '', authors: '', org: source === 'source' ? '' : source, archiveUrl: '' });
  }
  return references;
}
