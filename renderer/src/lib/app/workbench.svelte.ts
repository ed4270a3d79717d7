/**
 * The workbench's shared state, made once by App.svelte and handed to every screen through
 * Svelte's context: the api client, where the app is (router), the theme, notices, commands and
 * the catalog. Screens keep their own state in their own rune classes and reach the rest here.
 */
import { getContext, setContext } from 'svelte';
import type { ApiClient } from '../../../../shared/api/client';
import { ApiError } from '../../../../shared/api/errors';
import type { Settings } from '../../../../shared/api/ops/settings';
import type { Connection } from '../api';
import { DraftStore } from '../../features/drafts/draft-store.svelte';
import { CatalogState } from './catalog.svelte';
import { CommandRegistry } from './commands.svelte';
import { Notices } from './notices.svelte';
import { Router, type RouterHost } from './router.svelte';
import type { Route } from './routes';
import { ThemeController } from './theme.svelte';

/** Everything a screen may need from the frame. */
export class Workbench {
  readonly api: ApiClient;
  readonly router: Router;
  readonly theme: ThemeController;
  readonly notices = new Notices();
  readonly commands: CommandRegistry;
  readonly catalog: CatalogState;
  /** The analyst's drafts and the open draft sessions. */
  readonly drafts: DraftStore;
  /** How the page is connected: `ipc` in the desktop app, `http` in a browser through `serve`. */
  readonly transport: Connection;
  /** The open checkout's folder, once known. */
  checkout = $state<string | undefined>(undefined);
  /** The analyst's settings, once read. */
  settings = $state<Settings | undefined>(undefined);
  /** The palette is open. */
  paletteOpen = $state(false);
  /** The draft the analyst last worked on (the editor and tagger links open it). */
  currentDraftId = $state<string | undefined>(undefined);
  /**
   * The passage selected in the quote tagger's source text, kept when the analyst moves on: the
   * framework grid's cells tag it. Undefined when nothing is selected.
   */
  selectedPassage = $state<{ readonly draftId: string; readonly sourceId: string; readonly from: number; readonly to: number; readonly text: string } | undefined>(undefined);

  constructor(options: { api: ApiClient; transport: Connection; host: RouterHost & { matchMedia?: (query: string) => MediaQueryList }; mac: boolean }) {
    this.api = options.api;
    this.transport = options.transport;
    this.router = new Router(options.host);
    this.theme = new ThemeController(options.host);
    this.catalog = new CatalogState(options.api);
    this.drafts = new DraftStore(options.api, { error: (error, context) => this.notices.error(error, context), info: (message) => this.notices.info(message) });
    this.commands = new CommandRegistry({ mac: options.mac, onError: (error, command) => this.notices.error(error, command.title) });
  }

  /** Shows another screen. */
  go(screen: string, arg?: string): void {
    const route: Route = arg ? { screen, arg } : { screen };
    this.router.go(route);
  }

  /** Asks the back end which checkout is open and (re)loads its catalog (after opening or cloning one). */
  async refreshCheckout(): Promise<void> {
    try {
      await this.catalog.reload();
      this.checkout = this.catalog.folder;
    } catch (error) {
      this.checkout = undefined;
      if (error instanceof ApiError && (error.code === 'no-repository' || error.code === 'unauthorized')) return;
      this.notices.error(error, 'Could not load the checkout');
    }
  }

  dispose(): void {
    this.router.dispose();
    this.theme.dispose();
  }
}

const KEY = Symbol('workbench');

/** Makes `workbench` the context of the component tree below the caller. */
export function provideWorkbench(workbench: Workbench): void {
  setContext(KEY, workbench);
}

/** The workbench of the component tree (call during component initialisation). */
export function useWorkbench(): Workbench {
  const workbench = getContext<Workbench | undefined>(KEY);
  if (!workbench) throw new Error('useWorkbench() outside the workbench frame');
  return workbench;
}
