// The framework grid built from the catalog api of a real clone, compared cell for cell with the
// framework's own page generated_pages/disarm_red_framework.md in that clone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFrameworkGrid, findCell, highlightOf, moveInGrid, type FrameworkGrid } from '../../../renderer/src/features/grid/grid-model';
import type { TechniqueInfo } from '../../../shared/api/ops/catalog';
import { startInProcessApi, type InProcessApi } from '../helpers/in-process-api';

let backEnd: InProcessApi;
let grid: FrameworkGrid;
let techniques: TechniqueInfo[];

beforeAll(async () => {
  backEnd = await startInProcessApi();
  const overview = await backEnd.api.call('catalog.overview', {});
  techniques = await backEnd.api.call('catalog.techniques', {});
  grid = buildFrameworkGrid(overview.tactics, techniques);
});
afterAll(async () => {
  await backEnd?.dispose();
});

/** The framework page's table as columns of link texts (`T0073 Determine Target Audiences`). */
function frameworkPageColumns(text: string): string[][] {
  const rows = [...text.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...(row[1] ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) => (cell[1] ?? '').replace(/<[^>]+>/g, '').trim()));
  const table = rows.filter((row) => row.length > 0);
  const width = table[0]?.length ?? 0;
  return Array.from({ length: width }, (_, column) => table.map((row) => row[column] ?? '').filter((cell) => cell !== ''));
}

describe('framework grid', () => {
  it('has the columns and cells of the framework page, in its order', () => {
    const page = readFileSync(join(backEnd.clone.path, 'generated_pages', 'disarm_red_framework.md'), 'utf8');
    const expected = frameworkPageColumns(page);
    expect(expected.length).toBe(16);
    const actual = grid.columns.map((column) => [`${column.tacticId} ${column.tacticName}`, ...column.cells.map((cell) => `${cell.id} ${cell.name}`)]);
    expect(actual).toEqual(expected);
    expect(grid.rows).toBe(Math.max(...expected.map((c) => c.length - 1)));
  });

  it('marks sub-techniques and finds a cell', () => {
    const at = findCell(grid, 'T0155.007');
    expect(at).toBeDefined();
    const column = grid.columns[at?.column ?? -1];
    expect(column?.tacticId).toBe('TA07');
    expect(column?.cells[at?.row ?? -1]).toMatchObject({ id: 'T0155.007', isSub: true });
    expect(findCell(grid, 'T9999')).toBeUndefined();
  });

  it('moves by arrow keys within the ragged columns', () => {
    const last = grid.columns.length - 1;
    expect(moveInGrid(grid, { column: 0, row: 0 }, 'ArrowUp')).toEqual({ column: 0, row: 0 });
    expect(moveInGrid(grid, { column: 0, row: 0 }, 'ArrowLeft')).toEqual({ column: 0, row: 0 });
    expect(moveInGrid(grid, { column: last, row: 0 }, 'ArrowRight')).toEqual({ column: last, row: 0 });
    const tall = grid.columns.findIndex((c) => c.cells.length === grid.rows);
    const short = grid.columns.findIndex((c) => c.cells.length < grid.rows);
    const bottom = moveInGrid(grid, { column: tall, row: 0 }, 'End');
    expect(bottom.row).toBe(grid.rows - 1);
    const across = moveInGrid(grid, { column: short - 1 === tall ? short - 1 : short + 1, row: grid.rows - 1 }, short - 1 === tall ? 'ArrowRight' : 'ArrowLeft');
    expect(across).toEqual({ column: short, row: (grid.columns[short]?.cells.length ?? 0) - 1 });
  });

  it("highlights an incident's techniques and the parents of its sub-techniques", async () => {
    const incident = await backEnd.api.call('catalog.object', { id: 'I00068' });
    expect(incident.object.kind).toBe('incident');
    const highlight = highlightOf(['T0088.001', 'T0097.100', 'T0155.007'], techniques);
    expect([...highlight.used]).toEqual(['T0088.001', 'T0097.100', 'T0155.007']);
    expect([...highlight.parentOfUsed].sort()).toEqual(['T0088', 'T0097', 'T0155']);
  });
});
