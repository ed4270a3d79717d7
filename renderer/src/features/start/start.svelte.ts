/**
 * The start screen's state: opening a checkout by its folder, cloning one (from an address or a
 * bundle file) with progress, and the recent checkouts (a gone folder marked so, and removable). A
 * folder that is not a checkout gets the back end's message (what is missing and what to do) next
 * to the field.
 */
import type { ApiOutput } from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/errors';
import type { RecentCheckout } from '../../../../shared/api/ops/settings';
import { messageOf } from '../../lib/app/notices.svelte';
import type { Workbench } from '../../lib/app/workbench.svelte';

export type CheckoutInfo = ApiOutput<'repo.open'>;

export class StartState {
  folder = $state('');
  openError = $state<string | undefined>(undefined);
  opening = $state(false);
  cloneSource = $state('');
  cloneDestination = $state('');
  cloneError = $state<string | undefined>(undefined);
  cloning = $state(false);
  /** True from a click on Cancel until the clone ends. */
  cancelling = $state(false);
  progress = $state<{ phase: string; percent: number } | undefined>(undefined);
  /** The recent checkouts; a gone folder is marked `missing` by the back end. */
  recent = $state<RecentCheckout[]>([]);
  readonly #workbench: Workbench;

  constructor(workbench: Workbench) {
    this.#workbench = workbench;
  }

  /** Reads the recent checkouts. */
  async loadRecent(): Promise<void> {
    try {
      this.recent = await this.#workbench.api.call('recent.list', {});
    } catch (error) {
      this.#workbench.notices.error(error, 'Could not read the recent checkouts');
    }
  }

  /** Opens the checkout in `folder` (the field's, or a recent one); true when it opened. */
  async open(folder = this.folder): Promise<boolean> {
    const wanted = folder.trim();
    if (wanted === '') {
      this.openError = 'Type the folder of a DISARM framework checkout (a git clone of DISARMframeworks).';
      return false;
    }
    this.opening = true;
    this.openError = undefined;
    try {
      const info = await this.#workbench.api.call('repo.open', { folder: wanted });
      await this.#opened(info);
      return true;
    } catch (error) {
      this.openError = messageOf(error);
      return false;
    } finally {
      this.opening = false;
    }
  }

  /** Desktop app: the system's folder picker fills the field and opens the chosen checkout. */
  async pickAndOpen(): Promise<boolean> {
    try {
      const { folder } = await this.#workbench.api.call('app.pickFolder', { title: 'Open a DISARM framework checkout' });
      if (folder === null) return false;
      this.folder = folder;
      return await this.open(folder);
    } catch (error) {
      this.openError = messageOf(error);
      return false;
    }
  }

  /** Desktop app: the system's folder picker chooses where a clone goes. */
  async pickCloneDestination(): Promise<void> {
    try {
      const { folder } = await this.#workbench.api.call('app.pickFolder', { title: 'Choose the folder to clone into (it must not exist yet: pick its parent and add a name)' });
      if (folder !== null) this.cloneDestination = folder;
    } catch (error) {
      this.cloneError = messageOf(error);
    }
  }

  /** Clones and opens; progress arrives as repo.cloneProgress events. */
  async clone(): Promise<boolean> {
    const source = this.cloneSource.trim();
    const destination = this.cloneDestination.trim();
    if (source === '' || destination === '') {
      this.cloneError = 'Give both the address (or bundle file) to clone from and the new folder to clone into.';
      return false;
    }
    this.cloning = true;
    this.cloneError = undefined;
    this.progress = { phase: 'Starting', percent: 0 };
    const stop = this.#workbench.api.on('repo.cloneProgress', (event) => {
      if (event.destination === destination || destination.endsWith(event.destination) || event.destination.endsWith(destination)) this.progress = { phase: event.phase, percent: event.percent };
    });
    try {
      const info = await this.#workbench.api.call('repo.clone', { source, destination });
      this.progress = { phase: 'Done', percent: 100 };
      await this.#opened(info);
      return true;
    } catch (error) {
      this.cloneError = error instanceof ApiError && error.code === 'cancelled' ? 'Cancelled: nothing was cloned, and the new folder was removed again.' : messageOf(error);
      this.progress = undefined;
      return false;
    } finally {
      stop();
      this.cloning = false;
      this.cancelling = false;
    }
  }

  /** Cancels the clone under way (repo.cancel); the clone then ends as cancelled. */
  async cancelClone(): Promise<void> {
    if (!this.cloning || this.cancelling) return;
    this.cancelling = true;
    try {
      await this.#workbench.api.call('repo.cancel', {});
    } catch (error) {
      this.#workbench.notices.error(error, 'Could not cancel the clone');
    }
  }

  /** Forgets a recent checkout (the folder itself is untouched). */
  async forget(path: string): Promise<void> {
    try {
      this.recent = await this.#workbench.api.call('recent.remove', { path });
    } catch (error) {
      this.#workbench.notices.error(error, 'Could not update the recent checkouts');
    }
  }

  async #opened(info: CheckoutInfo): Promise<void> {
    // The recent list is not read again here: the library replaces this screen at once, and the
    // start screen reads the list whenever it shows.
    await this.#workbench.refreshCheckout();
    const branch = info.head.kind === 'branch' ? ` on branch ${info.head.name}` : '';
    this.#workbench.notices.success(`Opened ${info.path}${branch}.`);
    this.#workbench.go('library');
  }
}
