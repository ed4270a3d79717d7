/**
 * Events from services to whoever listens (the IPC transport forwards them to the window, the
 * HTTP transport to the browser). Payloads are checked against the contract's schemas before they
 * leave, like results.
 */
import { events, type EventName, type EventPayload } from '../../shared/api/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/** A small typed publish/subscribe hub. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Publishes an event; a payload that fails its schema is a bug and throws. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const spec = events[event] as { payload: { parse(value: unknown): unknown } };
    const checked = spec.payload.parse(payload);
    for (const listener of this.listeners) listener(event, checked);
  }

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
