/**
 * Light and dark themes. The analyst's setting is `system` (follow the operating system, the
 * default), `light` or `dark`; what is applied is written to `<html data-theme>` so the CSS custom
 * properties of styles/theme.css switch, and CodeMirror editors read `isDark` for their own theme.
 */
export type ThemeSetting = 'system' | 'light' | 'dark';

/** What a theme setting shows, given whether the system prefers dark. */
function appliedTheme(setting: ThemeSetting, systemDark: boolean): 'light' | 'dark' {
  if (setting === 'system') return systemDark ? 'dark' : 'light';
  return setting;
}

/** The theme as reactive state, applied to the document. */
export class ThemeController {
  setting = $state<ThemeSetting>('system');
  systemDark = $state(false);
  readonly applied = $derived(appliedTheme(this.setting, this.systemDark));
  readonly isDark = $derived(this.applied === 'dark');
  readonly #query: MediaQueryList | undefined;
  readonly #onChange = (event: MediaQueryListEvent) => {
    this.systemDark = event.matches;
  };

  constructor(scope: { matchMedia?: (query: string) => MediaQueryList } = globalThis) {
    this.#query = scope.matchMedia?.('(prefers-color-scheme: dark)');
    this.systemDark = this.#query?.matches ?? false;
    this.#query?.addEventListener('change', this.#onChange);
  }

  /** Writes the applied theme to `root` (call from an effect). */
  applyTo(root: HTMLElement): void {
    root.dataset.theme = this.applied;
  }

  dispose(): void {
    this.#query?.removeEventListener('change', this.#onChange);
  }
}
