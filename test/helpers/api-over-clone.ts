/**
 * The back end as both transports reach it, for tests: real services over a fresh user-data
 * folder and the one dispatcher that checks and runs every call. Only the wire (HTTP or IPC) is
 * left out, so a test sees exactly the envelopes a transport would send back.
 */
import { createDispatcher, type CallContext } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/api/handlers';
import { createServices, shutdownServices, type Services } from '../../electron/services/container';
import type { Envelope } from '../../shared/api/wire';
import { cloneHistory, tempDir, type HistoryClone } from './fixtures';

/** How the browser host calls: what a test's calls go as unless it names another transport. */
const HTTP_CALL: CallContext = { transport: 'http' };

/** Real services and their dispatcher; `dispose` waits for git work, then removes the user data. */
export interface TestBackEnd {
  readonly services: Services;
  /** Runs one call through the dispatcher (as the HTTP transport unless `context` says otherwise). */
  readonly dispatch: (operation: string, args: unknown, context?: CallContext) => Promise<Envelope>;
  readonly dispose: () => Promise<void>;
}

/** Starts the services on a user-data folder of their own, with no checkout open. */
export async function startBackEnd(): Promise<TestBackEnd> {
  const userData = tempDir('disarm-userdata-');
  const services = await createServices({ userDataDir: userData.path, version: 'test' });
  // Internal errors are part of what the tests assert; they need not be logged as well.
  const dispatcher = createDispatcher(createHandlers(services), () => undefined);
  return {
    services,
    dispatch: (operation, args, context = HTTP_CALL) => dispatcher(operation, args, context),
    async dispose() {
      await shutdownServices(services);
      userData.dispose();
    },
  };
}

/** A back end beside a fresh clone of the history bundle; `dispose` removes both. */
export interface ApiOverClone extends TestBackEnd {
  readonly clone: HistoryClone;
}

/**
 * A back end and a clone it has not opened yet: tests of the api start where the analyst starts,
 * with no checkout, and open the clone (`services.workspace.set`, `repo.open`) when they need it.
 */
export async function apiOverClone(): Promise<ApiOverClone> {
  const clone = cloneHistory();
  const backEnd = await startBackEnd().catch((error: unknown) => {
    clone.dispose();
    throw error;
  });
  return {
    ...backEnd,
    clone,
    async dispose() {
      await backEnd.dispose();
      clone.dispose();
    },
  };
}
