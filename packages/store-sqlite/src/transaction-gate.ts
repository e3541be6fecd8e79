/**
 * A first-in, first-out queue that is only engaged while a transaction is open or waiting.
 *
 * The store's operations run synchronously when the gate is idle (the hot path pays nothing). An open
 * transaction spans `await`s, so any operation started meanwhile must wait behind it instead of
 * running inside it; the gate holds those until the transaction has committed or rolled back.
 */
export class TransactionGate {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** True when nothing is queued or running through the gate. */
  get idle(): boolean {
    return this.#pending === 0;
  }

  /** Run `task` after everything queued before it has settled. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    this.#pending++;
    const result = this.#tail.then(task);
    this.#tail = result.then(
      () => this.#release(),
      () => this.#release(),
    );
    return result;
  }

  /** Resolves once everything queued so far has settled. */
  drained(): Promise<void> {
    return this.#tail.then(() => undefined);
  }

  #release(): void {
    this.#pending--;
  }
}
