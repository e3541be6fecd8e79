/**
 * Runs tasks one after another, in the order they were queued. The in-memory store uses it so that an
 * open transaction holds off every other operation until it commits or rolls back.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queue a task; the promise settles with the task's outcome once it has run. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    // A failed task must not stall the tasks queued behind it.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
