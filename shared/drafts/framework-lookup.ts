/**
 * What rendering and validation need to know about the checked-out framework: its techniques'
 * ids and names. A small interface rather than the whole catalog, so rules can be tested on a
 * handful of techniques; shared/catalog's Catalog satisfies it as is.
 */

/** A technique's id and name. */
export interface TechniqueRef {
  readonly id: string;
  readonly name: string;
}

/** The framework's techniques. */
export interface FrameworkLookup {
  technique(id: string): TechniqueRef | undefined;
  /** Every technique, for did-you-mean suggestions. */
  techniques(): readonly TechniqueRef[];
}

/** A lookup over a fixed list (tests, or a catalog snapshot). */
export function lookupFromList(list: readonly TechniqueRef[]): FrameworkLookup {
  const byId = new Map(list.map((t) => [t.id, t]));
  return { technique: (id) => byId.get(id), techniques: () => list };
}
