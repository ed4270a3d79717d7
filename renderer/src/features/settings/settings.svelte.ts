/**
 * The settings screen's state: a copy of the analyst's settings being edited, saved as a whole
 * with Save (the theme applies at once, so its effect is visible before saving). The back end
 * validates each value (an e-mail address, a one-line edit line) and its message is shown.
 */
import type { Settings } from '../../../../shared/api/ops/settings';
import { messageOf } from '../../lib/app/notices.svelte';
import type { ThemeSetting } from '../../lib/app/theme.svelte';
import type { Workbench } from '../../lib/app/workbench.svelte';

export class SettingsState {
  form = $state<Settings | undefined>(undefined);
  error = $state<string | undefined>(undefined);
  saving = $state(false);
  readonly #workbench: Workbench;

  constructor(workbench: Workbench) {
    this.#workbench = workbench;
  }

  /** True when the form differs from what is saved. */
  readonly changed = $derived.by(() => this.form !== undefined && this.#workbench.settings !== undefined && JSON.stringify(this.form) !== JSON.stringify(this.#workbench.settings));

  /**
   * Fills the form from the settings the workbench read at start (and keeps up to date on every
   * save); it asks the back end only when that first read failed.
   */
  async load(): Promise<void> {
    const known = this.#workbench.settings;
    if (known) {
      this.form = { ...known };
      return;
    }
    try {
      const settings = await this.#workbench.api.call('settings.get', {});
      this.#workbench.settings = settings;
      this.form = { ...settings };
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Shows a theme at once (saved with the rest). */
  previewTheme(theme: ThemeSetting): void {
    if (this.form) this.form.theme = theme;
    this.#workbench.theme.setting = theme;
  }

  async save(): Promise<void> {
    if (!this.form) return;
    this.saving = true;
    this.error = undefined;
    try {
      const saved = await this.#workbench.api.call('settings.update', { ...this.form });
      this.#workbench.settings = saved;
      this.#workbench.theme.setting = saved.theme;
      this.form = { ...saved };
      this.#workbench.notices.success('Settings saved.');
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.saving = false;
    }
  }

  /** Puts the form back as saved (and the theme). */
  revert(): void {
    const saved = this.#workbench.settings;
    if (!saved) return;
    this.form = { ...saved };
    this.#workbench.theme.setting = saved.theme;
  }
}
