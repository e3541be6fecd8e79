import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createHetznerProvider, createHetznerScope, type HetznerProviderOptions } from '../src/index.js';
import {
  createHetznerFake,
  type HetznerFake,
  type HetznerFakeOptions,
  hetznerFakeToken,
} from '../src/testing/index.js';
import { createHetznerFakeHandlers } from '../src/testing/msw.js';

/** Short actions and fast polling, so tests run in milliseconds of real time. */
export const fastActions: NonNullable<HetznerFakeOptions['actionDurations']> = {
  create_server: 40,
  start_server: 20,
  delete_server: 20,
};

/**
 * msw in front of a fresh fake for the whole file (`onUnhandledRequest: 'error'`), reset after each test.
 * `provider()` builds an adapter with its own scope (budget and poller), fast polling and fast retries.
 */
export function useHetznerFake(options: HetznerFakeOptions = {}) {
  // The fake's clock is real time plus an offset a test can move forward (see `advance`).
  let offset = 0;
  const clock = { now: () => Date.now() + offset };
  const advance = (milliseconds: number): void => {
    offset += milliseconds;
  };
  const fake: HetznerFake = createHetznerFake({ actionDurations: fastActions, clock, ...options });
  const server = setupServer(...createHetznerFakeHandlers(fake));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    fake.reset();
  });
  afterAll(() => server.close());
  const provider = (overrides: Partial<HetznerProviderOptions> = {}) =>
    createHetznerProvider({
      token: hetznerFakeToken,
      scope: createHetznerScope(),
      polling: { schedule: () => 10, deadlineMs: 5_000, deleteDeadlineMs: 5_000 },
      retry: { maxRetries: 2, baseMs: 1, capMs: 5 },
      requestTimeoutMs: 2_000,
      ...overrides,
    });
  return { fake, server, provider, clock, advance };
}
