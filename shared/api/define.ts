/**
 * How an api operation is declared: a name, a runtime schema for its argument and one for its
 * result. Both transports (IPC in the desktop app, loopback HTTP for `serve`) validate every call
 * against these schemas, in and out, so a renderer can never hand a service a value of the wrong shape.
 */
import type { z } from 'zod';

/** One operation between the UI and the back end. */
export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** What the operation does, for the reader of the contract and for error messages. */
  readonly summary: string;
  readonly input: I;
  readonly output: O;
}

/** Declares an operation; keeps its schema types for the typed client and handlers. */
export function defineOperation<I extends z.ZodType, O extends z.ZodType>(spec: OperationSpec<I, O>): OperationSpec<I, O> {
  return spec;
}

/** One kind of event the back end pushes to the UI (clone progress, file changes...). */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly payload: P;
}

/** Declares an event kind. */
export function defineEvent<P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> {
  return spec;
}
