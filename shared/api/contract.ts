/**
 * The contract: every operation between the UI and the back end, and every event the back end
 * pushes. One file per domain under ops/ declares its operations; this file only gathers them.
 * Services in electron/ implement exactly these (see electron/api/handlers.ts); the renderer calls
 * them through shared/api/client.ts.
 */
import type { z } from 'zod';
import type { EventSpec, OperationSpec } from './define';
import { appOperations } from './ops/app';
import { catalogOperations } from './ops/catalog';
import { draftsOperations } from './ops/drafts';
import { filesOperations } from './ops/files';
import { interchangeOperations } from './ops/interchange';
import { pagesOperations } from './ops/pages';
import { repositoryEvents, repositoryOperations } from './ops/repository';
import { settingsOperations } from './ops/settings';
import { shellEvents } from './ops/shell';
import { suggestionsOperations } from './ops/suggestions';

/** All operations, by name (`domain.verb`). */
export const operations = {
  ...appOperations,
  ...catalogOperations,
  ...filesOperations,
  ...pagesOperations,
  ...repositoryOperations,
  ...draftsOperations,
  ...settingsOperations,
  ...suggestionsOperations,
  ...interchangeOperations,
} as const satisfies Record<string, OperationSpec>;

/** All event kinds, by name. */
export const events = {
  ...shellEvents,
  ...repositoryEvents,
} as const satisfies Record<string, EventSpec>;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type ApiInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type ApiParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type ApiOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

/** True when `name` is an operation of the contract (not an inherited property). */
export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);
}
