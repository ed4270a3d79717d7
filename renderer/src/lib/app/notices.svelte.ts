/**
 * The notice area: short messages that confirm an action ("Draft saved") or explain a failure
 * (what went wrong, what to do). Announced to screen readers through a live region; errors stay
 * until dismissed, the others fade after a few seconds.
 */
export type NoticeKind = 'info' | 'success' | 'error';

export interface Notice {
  readonly id: number;
  readonly kind: NoticeKind;
  readonly message: string;
}

/** How long a non-error notice stays. */
const NOTICE_MS = 5000;

/** The message to show for anything thrown (an ApiError is an Error, its message written for the analyst). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The list of notices showing. */
export class Notices {
  items = $state<Notice[]>([]);
  #next = 1;

  /** Shows a message; returns its id. */
  show(kind: NoticeKind, message: string): number {
    const id = this.#next++;
    this.items = [...this.items.slice(-4), { id, kind, message }];
    if (kind !== 'error') setTimeout(() => this.dismiss(id), NOTICE_MS);
    return id;
  }

  info(message: string): number {
    return this.show('info', message);
  }

  success(message: string): number {
    return this.show('success', message);
  }

  /** Shows a failure; `context` says what was being done ("Could not open the folder"). */
  error(error: unknown, context?: string): number {
    const message = messageOf(error);
    return this.show('error', context ? `${context}: ${message}` : message);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}
