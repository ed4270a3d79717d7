/**
 * The grammar of DISARM ids: a prefix and a fixed number of zero-padded digits per object kind
 * (from the master spreadsheet's `FRAMEWORK_ADMIN CODES` sheet), plus the sub-technique form
 * `T0155.007`. Every other module asks this one whether a string is an id and of which kind.
 */

/** Object kinds that have ids. `page` kinds have a folder under generated_pages/. */
export type IdKind =
  | 'phase'
  | 'tactic'
  | 'technique'
  | 'task'
  | 'incident'
  | 'counter'
  | 'actortype'
  | 'metatechnique'
  | 'responsetype'
  | 'detection'
  | 'sector'
  | 'incidenttechnique';

interface KindGrammar {
  readonly prefix: string;
  readonly digits: number;
}

/** Prefix and digit count per kind. Every kind has its own prefix. */
export const ID_GRAMMAR: Readonly<Record<IdKind, KindGrammar>> = {
  phase: { prefix: 'P', digits: 2 },
  tactic: { prefix: 'TA', digits: 2 },
  technique: { prefix: 'T', digits: 4 },
  task: { prefix: 'TK', digits: 4 },
  incident: { prefix: 'I', digits: 5 },
  counter: { prefix: 'C', digits: 5 },
  actortype: { prefix: 'A', digits: 3 },
  metatechnique: { prefix: 'M', digits: 3 },
  responsetype: { prefix: 'D', digits: 2 },
  detection: { prefix: 'F', digits: 5 },
  sector: { prefix: 'S', digits: 3 },
  incidenttechnique: { prefix: 'IT', digits: 8 },
};

/** Digits of a sub-technique's suffix: `T0155.007`. */
export const SUBTECHNIQUE_DIGITS = 3;

/** A parsed id. `sub` is set only for sub-techniques. */
export interface DisarmId {
  readonly kind: IdKind;
  /** The number after the prefix (155 for T0155.007). */
  readonly number: number;
  /** The sub-technique number (7 for T0155.007), or undefined. */
  readonly sub?: number;
  /** The canonical text, e.g. `T0155.007`. */
  readonly text: string;
}

/** The kind of each prefix. ID_PATTERN takes all of an id's letters, so a prefix is matched whole (TA is never read as T). */
const KIND_BY_PREFIX = new Map((Object.keys(ID_GRAMMAR) as IdKind[]).map((kind) => [ID_GRAMMAR[kind].prefix, kind]));

const ID_PATTERN = /^([A-Z]{1,2})(\d+)(?:\.(\d+))?$/;

/** Parses a canonical id (`T0155.007`, `I00068`, `TA07`...). Returns undefined for anything else. */
export function parseId(text: string): DisarmId | undefined {
  const match = ID_PATTERN.exec(text);
  if (!match) return undefined;
  const [, prefix, digits, subDigits] = match as unknown as [string, string, string, string | undefined];
  const kind = KIND_BY_PREFIX.get(prefix);
  if (kind === undefined || ID_GRAMMAR[kind].digits !== digits.length) return undefined;
  if (subDigits !== undefined) {
    if (kind !== 'technique' || subDigits.length !== SUBTECHNIQUE_DIGITS) return undefined;
    return { kind, number: Number(digits), sub: Number(subDigits), text };
  }
  return { kind, number: Number(digits), text };
}

/** True when `text` is a well-formed id, of `kind` if given. */
export function isId(text: string, kind?: IdKind): boolean {
  const id = parseId(text);
  return id !== undefined && (kind === undefined || id.kind === kind);
}

/** Formats an id from its kind and numbers: formatId('technique', 155, 7) === 'T0155.007'. */
export function formatId(kind: IdKind, number: number, sub?: number): string {
  const grammar = ID_GRAMMAR[kind];
  if (!Number.isInteger(number) || number < 0 || String(number).length > grammar.digits) {
    throw new RangeError(`${number} does not fit a ${kind} id (${grammar.digits} digits)`);
  }
  const base = grammar.prefix + String(number).padStart(grammar.digits, '0');
  if (sub === undefined) return base;
  if (kind !== 'technique') throw new RangeError(`only techniques have sub-ids, not ${kind}`);
  if (!Number.isInteger(sub) || sub < 0 || String(sub).length > SUBTECHNIQUE_DIGITS) {
    throw new RangeError(`${sub} does not fit a sub-technique suffix (${SUBTECHNIQUE_DIGITS} digits)`);
  }
  return `${base}.${String(sub).padStart(SUBTECHNIQUE_DIGITS, '0')}`;
}

/**
 * Orders ids the way the framework lists them: by kind prefix, then number, then sub-number
 * (a parent technique before its sub-techniques). Unparseable strings sort after ids, by text.
 */
export function compareIds(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Sort keys are cached: catalogs sort tens of thousands of ids, each compared many times. */
const SORT_KEYS = new Map<string, string>();
const MAX_CACHED_KEYS = 200_000;

/** A string whose plain order is compareIds' order: ids by prefix, number, sub; then the rest. */
function sortKey(id: string): string {
  let key = SORT_KEYS.get(id);
  if (key !== undefined) return key;
  const parsed = parseId(id);
  key = parsed
    ? `0${ID_GRAMMAR[parsed.kind].prefix.padEnd(2, ' ')}${String(parsed.number).padStart(10, '0')}${parsed.sub === undefined ? '' : '.' + String(parsed.sub).padStart(10, '0')}`
    : `1${id}`;
  if (SORT_KEYS.size >= MAX_CACHED_KEYS) SORT_KEYS.clear();
  SORT_KEYS.set(id, key);
  return key;
}

/** The parent of a sub-technique (`T0155.007` -> `T0155`); undefined for anything else. */
export function parentTechniqueId(id: string): string | undefined {
  const parsed = parseId(id);
  if (!parsed || parsed.kind !== 'technique' || parsed.sub === undefined) return undefined;
  return formatId('technique', parsed.number);
}

/** Folder under generated_pages/ for kinds that have object pages. */
export const PAGE_FOLDERS = {
  phase: 'phases',
  tactic: 'tactics',
  technique: 'techniques',
  task: 'tasks',
  incident: 'incidents',
  counter: 'counters',
  actortype: 'actortypes',
  metatechnique: 'metatechniques',
} as const satisfies Partial<Record<IdKind, string>>;

/** Kinds that have one page per object under generated_pages/<folder>/<ID>.md. */
export type PageKind = keyof typeof PAGE_FOLDERS;

/** All page kinds, in the order the framework lists them. */
export const PAGE_KINDS = Object.keys(PAGE_FOLDERS) as PageKind[];

/** The repository-relative path of an object page: pagePath('I00068') === 'generated_pages/incidents/I00068.md'. */
export function pagePath(id: string): string {
  const parsed = parseId(id);
  if (!parsed || !(parsed.kind in PAGE_FOLDERS)) throw new RangeError(`${id} is not the id of a page object`);
  return `generated_pages/${PAGE_FOLDERS[parsed.kind as PageKind]}/${id}.md`;
}

/**
 * Which object page a repository-relative path is, if any:
 * `generated_pages/techniques/T0155.007.md` -> { kind: 'technique', id: 'T0155.007' }.
 * Index pages and anything outside the page folders give undefined.
 */
export function pageOfPath(path: string): { kind: PageKind; id: string } | undefined {
  const match = /^generated_pages\/([a-z]+)\/([A-Z]{1,2}[0-9.]+)\.md$/.exec(path);
  if (!match) return undefined;
  const [, folder, id] = match as unknown as [string, string, string];
  const kind = PAGE_KINDS.find((k) => PAGE_FOLDERS[k] === folder);
  if (!kind || !isId(id, kind)) return undefined;
  return { kind, id };
}
