/**
 * The commands of the frame itself: go to each screen, the palette, the theme, and the shortcuts
 * every screen shares (save, review, commit), which a screen gives its own meaning to while it
 * shows by registering a command with the same id (the newest registration wins).
 */
import type { Command } from './commands.svelte';
import type { ThemeSetting } from './theme.svelte';
import type { Workbench } from './workbench.svelte';

/** Ids of the shared commands a screen may provide. */
export const SHARED_COMMANDS = {
  save: 'draft.save',
  tag: 'tagger.tag',
  review: 'review.open',
  commit: 'review.commit',
  newIncident: 'draft.new',
} as const;

/** Shortcuts of the shared commands, one table for the frame, the screens and the help text. */
export const SHARED_SHORTCUTS = {
  palette: 'Mod+K',
  save: 'Mod+S',
  tag: 'Mod+E',
  review: 'Mod+Shift+R',
  commit: 'Mod+Shift+Enter',
  newIncident: 'Mod+Alt+N',
  nextUnreviewed: 'Mod+J',
  acceptAnnotation: 'Mod+Shift+A',
} as const;

/** What the frame needs to know about the screens to make their commands. */
export interface ScreenEntry {
  readonly name: string;
  readonly label: string;
  readonly shortcut?: string;
  readonly draftScoped?: boolean;
}

/** The frame's commands. `setTheme` persists the choice (settings.update) as well as applying it. */
export function frameCommands(workbench: Workbench, screens: readonly ScreenEntry[], setTheme: (theme: ThemeSetting) => void): Command[] {
  const goTo = screens.map(
    (screen): Command => ({
      id: `screen.${screen.name}`,
      title: `Go to ${screen.label}`,
      group: 'Navigate',
      ...(screen.shortcut ? { shortcut: screen.shortcut } : {}),
      inEditable: true,
      run: () => workbench.go(screen.name, screen.draftScoped ? workbench.currentDraftId : undefined),
    }),
  );
  return [
    ...goTo,
    { id: 'palette.open', title: 'Command palette', group: 'General', shortcut: SHARED_SHORTCUTS.palette, inEditable: true, run: () => void (workbench.paletteOpen = true) },
    { id: 'theme.light', title: 'Theme: light', group: 'Appearance', keywords: 'colour color scheme', run: () => setTheme('light') },
    { id: 'theme.dark', title: 'Theme: dark', group: 'Appearance', keywords: 'colour color scheme', run: () => setTheme('dark') },
    { id: 'theme.system', title: 'Theme: follow the system', group: 'Appearance', keywords: 'colour color scheme auto', run: () => setTheme('system') },
    {
      id: SHARED_COMMANDS.newIncident,
      title: 'New incident',
      group: 'Draft',
      shortcut: SHARED_SHORTCUTS.newIncident,
      inEditable: true,
      keywords: 'draft create',
      run: async () => {
        const session = await workbench.drafts.create();
        workbench.currentDraftId = session.id;
        workbench.go('editor', session.id);
      },
    },
    { id: SHARED_COMMANDS.save, title: 'Save all drafts', group: 'Draft', shortcut: SHARED_SHORTCUTS.save, inEditable: true, run: () => workbench.drafts.saveAll() },
    { id: SHARED_COMMANDS.review, title: 'Review changes', group: 'Repository', shortcut: SHARED_SHORTCUTS.review, inEditable: true, run: () => workbench.go('review') },
    // The review screen commits; elsewhere the shortcut takes the analyst there.
    { id: SHARED_COMMANDS.commit, title: 'Commit…', group: 'Repository', shortcut: SHARED_SHORTCUTS.commit, inEditable: true, run: () => workbench.go('review') },
  ];
}
