/**
 * The catalog of the open checkout, loaded when a checkout is opened and reloaded when its files
 * change (after applying a draft, a pull, a repair). Operations wait for a load in progress
 * rather than seeing a half-built catalog.
 */
import { ApiError } from '../../shared/api/errors';
import { EDIT_LINE } from '../../shared/edit-line';
import { loadCheckout, type LoadedCheckout } from '../checkout/load-checkout';
import type { Workspace } from './workspace';

export class CatalogService {
  /** The load of the open checkout; dropped whenever the workspace opens another (or the same again). */
  private loading: Promise<LoadedCheckout> | undefined;

  constructor(
    private readonly workspace: Workspace,
    private readonly editLine: () => Promise<string> = async () => EDIT_LINE,
  ) {
    workspace.onChange((folder) => {
      this.loading = undefined;
      if (folder) void this.current().catch(() => undefined);
    });
  }

  /** The loaded checkout; loads it if needed. Fails with `no-repository` when none is open. */
  async current(): Promise<LoadedCheckout> {
    const folder = this.workspace.require();
    if (!this.loading) {
      const promise = this.editLine().then((marker) => loadCheckout(folder, marker));
      this.loading = promise;
      promise.catch(() => {
        if (this.loading === promise) this.loading = undefined;
      });
    }
    try {
      return await this.loading;
    } catch (error) {
      throw new ApiError('internal', `The checkout could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Forgets the loaded catalog; the next call reloads the files. */
  invalidate(): void {
    this.loading = undefined;
  }
}
