/**
 * The catalog of the open checkout as the renderer keeps it: every technique (for hovers, the
 * tagger's autocomplete, validation and the preview) and the tactics, loaded once per checkout
 * and reloaded when another checkout is opened; and the techniques earlier versions had and this
 * one does not (from the checkout's history), so that validation can say "retired" and since when.
 */
import type { ApiClient } from '../../../../shared/api/client';
import type { TacticInfo, TechniqueInfo } from '../../../../shared/api/ops/catalog';
import type { RetiredTechnique } from '../../../../shared/validation';
import { retiredById } from '../validation/back-end-context';
import { indexById } from './index-by-id';

/** What the catalog knows, by id. */
export class CatalogState {
  techniques = $state<TechniqueInfo[]>([]);
  tactics = $state<TacticInfo[]>([]);
  folder = $state<string | undefined>(undefined);
  loaded = $state(false);
  /** Retired techniques by id (empty until the history has been read, or when it cannot be). */
  retired = $state<ReadonlyMap<string, RetiredTechnique>>(retiredById([]));
  readonly byId = $derived(indexById(this.techniques));
  readonly tacticById = $derived(indexById(this.tactics));
  readonly #api: ApiClient;
  #loading: Promise<void> | undefined;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  /** The technique with `id`, if the checkout has it. */
  technique(id: string): TechniqueInfo | undefined {
    return this.byId.get(id);
  }

  /** Loads (once) the overview and the techniques of the open checkout. */
  load(): Promise<void> {
    this.#loading ??= this.#fetch().catch((error: unknown) => {
      this.#loading = undefined;
      throw error;
    });
    return this.#loading;
  }

  /** Forgets what was loaded (another checkout was opened) and loads again. */
  reload(): Promise<void> {
    this.#loading = undefined;
    this.loaded = false;
    this.retired = retiredById([]);
    return this.load();
  }

  async #fetch(): Promise<void> {
    const [overview, techniques] = await Promise.all([this.#api.call('catalog.overview', {}), this.#api.call('catalog.techniques', {})]);
    this.folder = overview.folder;
    this.tactics = overview.tactics;
    this.techniques = techniques;
    this.loaded = true;
    // The history scan can take a moment on a long history: the rest of the catalog does not wait.
    void this.#api.call('drafts.context', {}).then(
      (context) => (this.retired = retiredById(context.retired)),
      () => undefined,
    );
  }
}
