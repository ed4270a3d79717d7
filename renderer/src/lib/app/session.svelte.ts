/**
 * Starting the workbench and keeping it in step with the back end: how the page is connected,
 * which checkout is open (and its catalog), the analyst's settings (the theme among them), and
 * the desktop menu's commands. App.svelte makes one and calls `boot()` once.
 */
import { ApiError } from '../../../../shared/api/errors';
import { NO_TOKEN_MESSAGE } from '../api';
import type { ShellCommand } from '../../../../shared/api/ops/shell';
import { SHARED_COMMANDS } from './frame-commands';
import type { ThemeSetting } from './theme.svelte';
import type { Workbench } from './workbench.svelte';

export class Session {
  booted = $state(false);
  readonly #workbench: Workbench;
  readonly #unsubscribe: (() => void)[] = [];

  constructor(workbench: Workbench) {
    this.#workbench = workbench;
  }

  /** Connects, finds the open checkout and the settings, and starts following menu commands. */
  async boot(): Promise<void> {
    const wb = this.#workbench;
    if (wb.transport === 'none') wb.notices.show('error', NO_TOKEN_MESSAGE);
    this.#unsubscribe.push(wb.api.on('shell.command', ({ command }) => this.#onShellCommand(command)));
    await Promise.all([this.loadSettings(), wb.refreshCheckout(), this.showStoreWarnings()]);
    this.booted = true;
  }

  /**
   * What the store had to repair at start (a corrupted file moved aside, a file of a newer
   * version left alone): shown until dismissed, then cleared on the back end.
   */
  async showStoreWarnings(): Promise<void> {
    const wb = this.#workbench;
    try {
      const warnings = await wb.api.call('store.warnings', {});
      for (const warning of warnings) wb.notices.show('error', warning.file ? `${warning.message} (${warning.file})` : warning.message);
      if (warnings.length) await wb.api.call('store.dismissWarnings', {});
    } catch {
      // Without a token nothing answers; the token notice already says what to do.
    }
  }

  /** Reads the analyst's settings and applies the theme. */
  async loadSettings(): Promise<void> {
    try {
      const settings = await this.#workbench.api.call('settings.get', {});
      this.#workbench.settings = settings;
      this.#workbench.theme.setting = settings.theme;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'unauthorized')) this.#workbench.notices.error(error, 'Could not read the settings');
    }
  }

  /** Applies a theme now and keeps it in the settings. */
  async setTheme(theme: ThemeSetting): Promise<void> {
    this.#workbench.theme.setting = theme;
    try {
      this.#workbench.settings = await this.#workbench.api.call('settings.update', { theme });
    } catch (error) {
      this.#workbench.notices.error(error, 'Could not save the theme');
    }
  }

  async #onShellCommand(command: ShellCommand): Promise<void> {
    const wb = this.#workbench;
    switch (command) {
      case 'reload':
        await wb.refreshCheckout();
        if (wb.checkout) wb.go('library');
        return;
      case 'search':
        wb.paletteOpen = true;
        return;
      case 'settings':
        wb.go('settings');
        return;
      case 'review':
        wb.commands.run(SHARED_COMMANDS.review);
        return;
      case 'new-incident':
        wb.commands.run(SHARED_COMMANDS.newIncident);
        return;
    }
  }

  dispose(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
  }
}
