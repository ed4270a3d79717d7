/** Handlers of shared/api/ops/app.ts. */
import type { Handler } from './dispatch';
import type { Services } from '../services/container';

export function appHandlers(services: Services): { 'app.info': Handler<'app.info'> } {
  return {
    'app.info': (_input, context) => ({ version: services.version, transport: context.transport }),
  };
}
