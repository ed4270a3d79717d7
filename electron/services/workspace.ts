/**
 * Which checkout is open. The back end works on one checkout at a time (one window, one
 * `serve`); services ask this one for it rather than taking a folder from the UI on every call.
 */
import { ApiError } from '../../shared/api/errors';

export class Workspace {
  private checkout: string | undefined;
  private readonly listeners = new Set<(folder: string | undefined) => void>();

  /** The open checkout's absolute folder, if any. */
  current(): string | undefined {
    return this.checkout;
  }

  /** The open checkout, or a clear error for an operation that needs one. */
  require(): string {
    if (this.checkout === undefined) throw new ApiError('no-repository', 'No checkout is open. Open a DISARM framework checkout first.');
    return this.checkout;
  }

  /** Records the open checkout (the caller has checked that it is one) and tells the listeners. */
  set(folder: string | undefined): void {
    this.checkout = folder;
    for (const listener of this.listeners) listener(folder);
  }

  /** Calls `listener` whenever another checkout is opened (services that cache per checkout). */
  onChange(listener: (folder: string | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
