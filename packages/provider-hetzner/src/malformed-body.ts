/** Thrown by the convert layer when a success body lacks a field the adapter relies on. */
export class MalformedBodyError extends Error {
  /** Create the error; the message names the missing or wrong field. */
  constructor(reason: string) {
    super(reason);
    this.name = 'MalformedBodyError';
  }
}

/** Fail with {@link MalformedBodyError} unless the condition holds. */
export function expectBody(condition: boolean, reason: string): asserts condition {
  if (!condition) throw new MalformedBodyError(reason);
}
