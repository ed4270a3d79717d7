/**
 * The DISARM Red framework as a grid, laid out the way the framework's own page
 * (generated_pages/disarm_red_framework.md) lays it out: one column per tactic that has
 * techniques, in tactic id order, each listing its techniques (parents, then their
 * sub-techniques) in id order. Built from the catalog api's tactics and techniques; pure, so the
 * layout is tested against the real page headless.
 */
import type { TacticInfo, TechniqueInfo } from '../../../../shared/api/ops/catalog';
import { compareIds } from '../../../../shared/ids';

/** One technique cell. */
export interface GridCell {
  readonly id: string;
  readonly name: string;
  readonly tacticId: string;
  /** True for a sub-technique (drawn indented under its parent). */
  readonly isSub: boolean;
}

/** One tactic column. */
export interface GridColumn {
  readonly tacticId: string;
  readonly tacticName: string;
  readonly cells: readonly GridCell[];
}

/** The framework grid. */
export interface FrameworkGrid {
  readonly columns: readonly GridColumn[];
  /** The height of the tallest column (the framework page's number of technique rows). */
  readonly rows: number;
}

/**
 * Builds the grid. Cells come from the techniques themselves (each names its tactic), not from a
 * tactic page's own list, which a retired tactic keeps stale (TA04 still lists T0013-T0019 under
 * their old names). A tactic no technique belongs to gets no column, as on the framework page.
 */
export function buildFrameworkGrid(tactics: readonly TacticInfo[], techniques: readonly TechniqueInfo[]): FrameworkGrid {
  const byTactic = new Map<string, TechniqueInfo[]>();
  for (const technique of techniques) {
    const list = byTactic.get(technique.tacticId) ?? [];
    list.push(technique);
    byTactic.set(technique.tacticId, list);
  }
  const columns = [...tactics]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((tactic) => ({
      tacticId: tactic.id,
      tacticName: tactic.name,
      cells: [...(byTactic.get(tactic.id) ?? [])]
        .sort((a, b) => compareIds(a.id, b.id))
        .map((technique) => ({ id: technique.id, name: technique.name, tacticId: tactic.id, isSub: technique.parentId !== undefined })),
    }))
    .filter((column) => column.cells.length > 0);
  return { columns, rows: Math.max(0, ...columns.map((c) => c.cells.length)) };
}

/** Where a technique sits in the grid (column and row), for keyboard focus and scrolling. */
export function findCell(grid: FrameworkGrid, techniqueId: string): { column: number; row: number } | undefined {
  for (let column = 0; column < grid.columns.length; column++) {
    const row = grid.columns[column]?.cells.findIndex((c) => c.id === techniqueId) ?? -1;
    if (row >= 0) return { column, row };
  }
  return undefined;
}

/**
 * The cell reached from (column, row) by an arrow key, the grid pattern of WAI-ARIA: left and
 * right move between columns keeping the row as far as the column reaches; Home and End go to the
 * first and last cell of the column.
 */
export function moveInGrid(grid: FrameworkGrid, from: { column: number; row: number }, key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End'): { column: number; row: number } {
  const heightOf = (column: number) => grid.columns[column]?.cells.length ?? 0;
  const clampRow = (column: number, row: number) => Math.max(0, Math.min(row, heightOf(column) - 1));
  switch (key) {
    case 'ArrowUp':
      return { column: from.column, row: clampRow(from.column, from.row - 1) };
    case 'ArrowDown':
      return { column: from.column, row: clampRow(from.column, from.row + 1) };
    case 'ArrowLeft': {
      const column = Math.max(0, from.column - 1);
      return { column, row: clampRow(column, from.row) };
    }
    case 'ArrowRight': {
      const column = Math.min(grid.columns.length - 1, from.column + 1);
      return { column, row: clampRow(column, from.row) };
    }
    case 'Home':
      return { column: from.column, row: 0 };
    case 'End':
      return { column: from.column, row: clampRow(from.column, Number.MAX_SAFE_INTEGER) };
  }
}

/**
 * Which techniques to highlight: the ids the open incident uses, plus, for a sub-technique, its
 * parent drawn as "contains a used sub-technique" so a collapsed reading of the grid still shows it.
 */
export function highlightOf(usedIds: Iterable<string>, techniques: readonly TechniqueInfo[]): { used: ReadonlySet<string>; parentOfUsed: ReadonlySet<string> } {
  const used = new Set(usedIds);
  const byId = new Map(techniques.map((t) => [t.id, t]));
  const parentOfUsed = new Set<string>();
  for (const id of used) {
    const parent = byId.get(id)?.parentId;
    if (parent !== undefined && !used.has(parent)) parentOfUsed.add(parent);
  }
  return { used, parentOfUsed };
}

/** The ids without repeats, in the order first seen (an incident tags a technique in several quotes). */
export function uniqueInOrder(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}
