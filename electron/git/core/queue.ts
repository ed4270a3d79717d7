/**
 * Git operations on one checkout run one at a time. Two git processes writing the same index at
 * once make the second fail on `.git/index.lock`; the queue makes the workbench's own operations
 * wait for each other instead (another program's git can still hold the lock: the runner reports
 * that clearly).
 */

/** A per-checkout FIFO of async tasks. */
export class CheckoutQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every task queued before it for `checkout`; resolves with its result. */
  run<T>(checkout: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(checkout) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(checkout, tail);
    void tail.then(() => {
      if (this.tails.get(checkout) === tail) this.tails.delete(checkout);
    });
    return next;
  }

  /** Resolves when every task queued so far has settled (shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}
