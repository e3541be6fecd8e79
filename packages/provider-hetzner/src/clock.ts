/** A source of the current time in milliseconds since the epoch; injected so tests and benchmarks control time. */
export interface Clock {
  /** The current time in milliseconds. */
  now(): number;
}

/** Waits the given milliseconds; rejects early (with the signal's reason) when the signal aborts. */
export type Sleep = (milliseconds: number, signal?: AbortSignal) => Promise<void>;

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A real timer that honours an abort signal. */
export const systemSleep: Sleep = (milliseconds, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, milliseconds),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
