/**
 * The implementations of the contract, gathered from one module per domain. Each domain module
 * exports a function that takes the services it needs and returns its handlers.
 */
import type { Handlers } from './dispatch';
import { appHandlers } from './handlers-app';
import { catalogHandlers } from './handlers-catalog';
import { draftsHandlers, settingsHandlers } from './handlers-drafts';
import { filesHandlers } from './handlers-files';
import { interchangeHandlers } from './handlers-interchange';
import { pagesHandlers } from './handlers-pages';
import { repositoryHandlers } from './handlers-repository';
import { suggestionsHandlers } from './handlers-suggestions';
import type { Services } from '../services/container';

/** Every operation of the contract, bound to the running services. */
export function createHandlers(services: Services): Handlers {
  return {
    ...appHandlers(services),
    ...catalogHandlers(services),
    ...filesHandlers(services),
    ...pagesHandlers(services),
    ...repositoryHandlers(services),
    ...draftsHandlers(services),
    ...settingsHandlers(services),
    ...suggestionsHandlers(services),
    ...interchangeHandlers(services),
  };
}
