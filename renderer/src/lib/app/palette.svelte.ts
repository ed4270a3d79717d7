/**
 * The command palette's state: what was typed, what matches (commands, and framework objects from
 * the catalog search so that `T0155` or `encrypted` opens a page), which item is active. The
 * component (components/CommandPalette.svelte) only draws it.
 */
import type { SearchResultInfo } from '../../../../shared/api/ops/catalog';
import type { Command } from './commands.svelte';
import { fuzzyScore } from './fuzzy';
import type { Workbench } from './workbench.svelte';

/** One row of the palette. */
export interface PaletteItem {
  readonly key: string;
  readonly title: string;
  readonly detail: string;
  readonly group: string;
  readonly shortcut?: string | undefined;
  run(): void | Promise<void>;
}

/** Objects shown at most from the catalog. */
const OBJECT_LIMIT = 8;

export class PaletteState {
  query = $state('');
  active = $state(0);
  objects = $state<SearchResultInfo[]>([]);
  readonly #workbench: Workbench;
  #searchSeq = 0;

  constructor(workbench: Workbench) {
    this.#workbench = workbench;
  }

  /** The rows for the current query: matching commands first, then framework objects. */
  readonly items = $derived.by((): PaletteItem[] => {
    const commands = this.#workbench.commands.all
      .map((command) => ({ command, score: fuzzyScore(this.query, `${command.title} ${command.group} ${command.keywords ?? ''}`) }))
      .filter((m): m is { command: Command; score: number } => m.score !== undefined)
      .sort((a, b) => b.score - a.score)
      .map(({ command }): PaletteItem => ({ key: `c:${command.id}`, title: command.title, detail: '', group: command.group, shortcut: command.shortcut, run: () => command.run() }));
    const objects = this.objects.map(
      (o): PaletteItem => ({
        key: `o:${o.id}`,
        title: `${o.id} ${o.name}`,
        // A match by meaning says why (`like I00068: …`), since its name may not hold the words.
        detail: [o.tacticName ? `${o.kind} · ${o.tacticId} ${o.tacticName}` : o.kind, o.reason].filter(Boolean).join(' — '),
        group: 'Framework',
        run: () => this.#workbench.go('library', o.id),
      }),
    );
    return [...commands, ...objects];
  });

  /** Clears the palette for a fresh opening. */
  reset(): void {
    this.query = '';
    this.active = 0;
    this.objects = [];
  }

  /** The analyst typed: update the query and look up framework objects. */
  async setQuery(query: string): Promise<void> {
    this.query = query;
    this.active = 0;
    const seq = ++this.#searchSeq;
    if (query.trim().length < 2 || !this.#workbench.checkout) {
      this.objects = [];
      return;
    }
    try {
      const results = await this.#workbench.api.call('catalog.search', { query: query.trim(), limit: OBJECT_LIMIT });
      if (seq === this.#searchSeq) this.objects = results;
    } catch {
      // The palette still lists commands when the catalog cannot answer (no checkout open).
      if (seq === this.#searchSeq) this.objects = [];
    }
  }

  /** Moves the active row by `delta`, wrapping around. */
  move(delta: number): void {
    const count = this.items.length;
    if (count === 0) return;
    this.active = (this.active + delta + count) % count;
  }

  /** The active row. */
  get current(): PaletteItem | undefined {
    return this.items[this.active];
  }
}
