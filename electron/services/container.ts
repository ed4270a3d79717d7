/**
 * The running back end: every service, created in dependency order in one place and handed its
 * dependencies (no singletons imported from everywhere). The desktop app and `serve` both build
 * one container; tests build one over temporary folders.
 */
import { CatalogService } from './catalog-service';
import { EventBus } from './event-bus';
import { Workspace } from './workspace';
import { RepositoryService } from '../git/repository-service';
import { Store } from '../store/store';

/** Where the back end keeps its own files. */
export interface ContainerOptions {
  /** Folder for the drafts/settings store (Electron's userData, or a folder for `serve` and tests). */
  readonly userDataDir: string;
  readonly version: string;
  /** Native dialogs of the desktop app (absent for `serve` and tests). */
  readonly dialogs?: Dialogs;
}

/** The system dialogs the desktop shell offers to the api. */
export interface Dialogs {
  /** Shows a folder picker; resolves with the chosen folder, or undefined when cancelled. */
  pickFolder(title: string): Promise<string | undefined>;
}

/** All services of the back end. Domains add theirs here. */
export interface Services {
  readonly version: string;
  readonly userDataDir: string;
  /** Events for the UI (progress, changes). */
  readonly events: EventBus;
  /** The open checkout. */
  readonly workspace: Workspace;
  /** The framework catalog of the open checkout. */
  readonly catalog: CatalogService;
  /** Git on checkouts (one operation at a time per checkout) and the edit-line guard. */
  readonly repository: RepositoryService;
  /** Drafts, settings and recent repositories (a lowdb file in userDataDir). */
  readonly store: Store;
  /** Native dialogs, in the desktop app only. */
  readonly dialogs: Dialogs | undefined;
}

/** Creates the services. */
export async function createServices(options: ContainerOptions): Promise<Services> {
  const events = new EventBus();
  const workspace = new Workspace();
  const store = await Store.open({ dir: options.userDataDir });
  // A fork of the framework may name another edit line in the settings.
  const catalog = new CatalogService(workspace, async () => (await store.getSettings()).editLine);
  const repository = new RepositoryService({
    progress: { clone: (p) => events.emit('repo.cloneProgress', p), push: (p) => events.emit('repo.pushProgress', p), fetch: (p) => events.emit('repo.fetchProgress', p) },
  });
  return { version: options.version, userDataDir: options.userDataDir, events, workspace, catalog, store, repository, dialogs: options.dialogs };
}

/** Stops the services: waits for git operations under way (a commit, a pull) to finish. */
export async function shutdownServices(services: Services): Promise<void> {
  await services.repository.drain();
}
