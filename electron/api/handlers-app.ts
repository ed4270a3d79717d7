/** Handlers of shared/api/ops/app.ts. */
import { ApiError } from '../../shared/api/errors';
import type { Handler } from './dispatch';
import type { Services } from '../services/container';

export function appHandlers(services: Services): { 'app.info': Handler<'app.info'>; 'app.pickFolder': Handler<'app.pickFolder'> } {
  return {
    'app.info': (_input, context) => ({ version: services.version, transport: context.transport, canPickFolder: context.transport === 'ipc' && services.dialogs !== undefined }),
    'app.pickFolder': async ({ title }, context) => {
      // Only the desktop window may open a native dialog; a served page types its folder instead.
      if (context.transport !== 'ipc' || !services.dialogs) {
        throw new ApiError('bad-request', 'The folder picker is only in the desktop app. Type the folder of the checkout instead.');
      }
      return { folder: (await services.dialogs.pickFolder(title)) ?? null };
    },
  };
}
