/**
 * The one place an api call is checked and run, whatever transport brought it: the operation must
 * exist, its argument must pass the operation's schema, and so must the handler's result (a
 * service bug is caught here, not in the UI). Both transports call `dispatch` and send back the
 * envelope it returns.
 */
import { ZodError } from 'zod';
import { isOperationName, operations, type ApiOutput, type ApiParsedInput, type OperationName } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { describeIssues } from '../../shared/api/issues';
import type { Envelope } from '../../shared/api/wire';

/** Who is calling; transports fill it in, handlers may use it (e.g. to choose a folder picker). */
export interface CallContext {
  readonly transport: 'ipc' | 'http';
}

/** The implementation of one operation. */
export type Handler<N extends OperationName> = (input: ApiParsedInput<N>, context: CallContext) => Promise<ApiOutput<N>> | ApiOutput<N>;

/** Implementations of every operation of the contract. */
export type Handlers = { readonly [N in OperationName]: Handler<N> };

/** Logs what the analyst should not see (stack traces of internal errors). */
export type ErrorLogger = (operation: string, error: unknown) => void;

/** Builds the dispatcher over a set of handlers. */
export function createDispatcher(handlers: Handlers, logError: ErrorLogger = defaultLogger) {
  return async function dispatch(operation: unknown, args: unknown, context: CallContext): Promise<Envelope> {
    if (!isOperationName(operation)) {
      return fail(new ApiError('unknown-operation', `There is no operation called ${JSON.stringify(String(operation)).slice(0, 80)}.`));
    }
    const spec = operations[operation];
    const parsed = spec.input.safeParse(args ?? {});
    if (!parsed.success) {
      return fail(new ApiError('bad-request', `${operation}: ${describeIssues(parsed.error)}`, { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) }));
    }
    try {
      const handler = handlers[operation] as Handler<typeof operation>;
      const result = await handler(parsed.data as never, context);
      const checked = spec.output.safeParse(result);
      if (!checked.success) {
        logError(operation, new Error(`result failed its schema: ${describeIssues(checked.error)}`));
        return fail(new ApiError('internal', `${operation} produced a result the app could not use. This is a bug; please report it.`));
      }
      return { ok: true, result: checked.data };
    } catch (error) {
      if (error instanceof ApiError) return fail(error);
      if (error instanceof ZodError) return fail(new ApiError('bad-request', `${operation}: ${describeIssues(error)}`));
      logError(operation, error);
      return fail(new ApiError('internal', `${operation} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`));
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

function fail(error: ApiError): Envelope {
  return { ok: false, error: error.toData() };
}

function defaultLogger(operation: string, error: unknown): void {
  console.error(`[api] ${operation}:`, error);
}
