/**
 * The workbench's screens, in navigation order. Each screen is one component whose root element
 * carries `data-screen="<name>"`; the router shows the one the address names. Adding a screen is
 * one entry here.
 */
import type { Component } from 'svelte';
import StartScreen from './features/start/StartScreen.svelte';
import LibraryScreen from './features/library/LibraryScreen.svelte';
import EditorScreen from './features/editor/EditorScreen.svelte';
import TaggerScreen from './features/tagger/TaggerScreen.svelte';
import SettingsScreen from './features/settings/SettingsScreen.svelte';
import ReviewScreen from './features/review/ReviewScreen.svelte';
import NotesScreen from './features/notes-editor/NotesScreen.svelte';
import GridScreen from './features/grid/GridScreen.svelte';

/** What the props of every screen are: the route's argument (an id, a draft id, a path). */
export interface ScreenProps {
  readonly arg?: string | undefined;
}

/** One screen of the workbench. */
export interface ScreenDefinition {
  /** The route name and the `data-screen` value. */
  readonly name: string;
  /** The navigation label and the palette's "Go to …" command. */
  readonly label: string;
  readonly component: Component<ScreenProps>;
  /** Needs an open checkout (else the start screen shows). */
  readonly needsCheckout: boolean;
  /** Opens with the current draft as its argument (editor, tagger). */
  readonly draftScoped?: boolean;
  /** The shortcut of its "Go to" command (`Alt+1`; settings `Mod+,`). */
  readonly shortcut?: string;
}

/** Every screen, in the navigation's order. */
export const SCREENS: readonly ScreenDefinition[] = [
  { name: 'start', label: 'Start', component: StartScreen, needsCheckout: false, shortcut: 'Alt+1' },
  { name: 'library', label: 'Library', component: LibraryScreen, needsCheckout: true, shortcut: 'Alt+2' },
  { name: 'editor', label: 'Incident', component: EditorScreen, needsCheckout: true, draftScoped: true, shortcut: 'Alt+3' },
  { name: 'tagger', label: 'Quote tagger', component: TaggerScreen, needsCheckout: true, draftScoped: true, shortcut: 'Alt+4' },
  { name: 'review', label: 'Review and commit', component: ReviewScreen, needsCheckout: true, shortcut: 'Alt+5' },
  { name: 'notes', label: 'Notes editor', component: NotesScreen, needsCheckout: true, shortcut: 'Alt+6' },
  { name: 'grid', label: 'Framework grid', component: GridScreen, needsCheckout: true, shortcut: 'Alt+7' },
  { name: 'settings', label: 'Settings', component: SettingsScreen, needsCheckout: false, shortcut: 'Mod+,' },
];

/** The screen named `name`, if there is one. */
export function findScreen(name: string): ScreenDefinition | undefined {
  return SCREENS.find((s) => s.name === name);
}
