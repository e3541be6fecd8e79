/**
 * A wake-up signal for a loop that sleeps: `wait(ms)` resolves after `ms` or as soon as `notify()` is
 * called. A notify with nobody waiting is remembered, so a wake-up between two waits is never lost.
 */
export class Notifier {
  #pending = false;
  #waiters: Array<() => void> = [];

  /** Wake every waiter, or the next one to wait. */
  notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    if (waiters.length === 0) this.#pending = true;
    for (const wake of waiters) wake();
  }

  /** Sleep until notified or until `ms` passed. */
  wait(ms: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(wake, Math.max(0, ms));
      const waiters = this.#waiters;
      function wake(): void {
        clearTimeout(timer);
        const index = waiters.indexOf(wake);
        if (index >= 0) waiters.splice(index, 1);
        resolve();
      }
      this.#waiters.push(wake);
    });
  }
}
