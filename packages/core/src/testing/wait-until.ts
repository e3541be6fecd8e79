/**
 * Poll until the probe returns a value other than `undefined`, and return it; fails naming `what` after
 * `timeoutMs`. For tests that wait on background work (a job settling, a node changing status) by its
 * observable state instead of a fixed sleep.
 */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  options: { readonly timeoutMs?: number; readonly intervalMs?: number } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 10));
  }
}
