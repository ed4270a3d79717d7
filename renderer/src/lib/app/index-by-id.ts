/** A read-only lookup by id, rebuilt whole whenever its list changes (so it needs no reactivity of its own). */
export function indexById<T extends { readonly id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}
