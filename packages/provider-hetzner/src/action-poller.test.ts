import { ProviderError } from '@pressluft/core';
import { errAsync, okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { ActionPoller } from './action-poller.js';
import type { ActionState } from './convert-action.js';
import { defaultPollSchedule } from './poll-schedule.js';

/** A poller over a scripted action table, on a manual clock that jumps to each sleep's end. */
function scripted(finishAt: Map<number, number>, failing: Set<number> = new Set()) {
  let now = 0;
  const requests: number[][] = [];
  const poller = new ActionPoller({
    clock: { now: () => now },
    sleep: async (milliseconds, signal) => {
      await Promise.resolve();
      if (signal?.aborted) throw signal.reason;
      now += milliseconds;
    },
    schedule: defaultPollSchedule,
    fetchActions: (ids) => {
      requests.push([...ids]);
      return okAsync(
        ids
          .filter((id) => finishAt.has(id))
          .map((id): ActionState => {
            const done = now >= (finishAt.get(id) ?? 0);
            const failed = done && failing.has(id);
            return {
              id: String(id),
              command: 'create_server',
              status: done ? (failed ? 'error' : 'success') : 'running',
              errorCode: failed ? 'unknown_error' : null,
              errorMessage: failed ? 'Unknown Error' : null,
            };
          }),
      );
    },
  });
  return { poller, requests, now: () => now };
}

describe('ActionPoller', () => {
  it('polls 60 actions of 30 callers in requests of at most 25 ids, all in the same rounds', async () => {
    const finishAt = new Map(Array.from({ length: 60 }, (_, index) => [index + 1, 10_000] as const));
    const { poller, requests, now } = scripted(finishAt);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        poller.wait([String(index * 2 + 1), String(index * 2 + 2)], 60_000),
      ),
    );
    expect(results.every((result) => result === null)).toBe(true);
    expect(requests.every((ids) => ids.length <= 25)).toBe(true);
    // 0.5 s for 5 s, then 1 s: 10 + 5 rounds of 3 requests until 10 s.
    expect(requests.length).toBe(3 * poller.stats.rounds);
    expect(poller.stats.rounds).toBe(15);
    expect(now()).toBe(10_000);
  });

  it('follows the documented schedule: 0.5 s, then 1 s after 5 s, 2.5 s after 60 s, 5 s after 180 s', () => {
    expect([0, 4_999, 5_000, 59_999, 60_000, 179_999, 180_000].map(defaultPollSchedule)).toEqual([
      500, 500, 1_000, 1_000, 2_500, 2_500, 5_000,
    ]);
  });

  it('fails a waiter with PROVIDER_ACTION_FAILED at the first action error, and others are unaffected', async () => {
    const { poller } = scripted(
      new Map([
        [1, 1_000],
        [2, 3_000],
        [3, 2_000],
      ]),
      new Set([1]),
    );
    const [first, second] = await Promise.all([poller.wait(['1', '2'], 60_000), poller.wait(['3'], 60_000)]);
    expect(first?.code).toBe('PROVIDER_ACTION_FAILED');
    expect(first?.details?.['hetznerCode']).toBe('unknown_error');
    expect(second).toBeNull();
  });

  it('gives PROVIDER_TIMEOUT at the deadline with the pending ids', async () => {
    const { poller, now } = scripted(new Map([[1, 100_000]]));
    const error = await poller.wait(['1'], 7_000);
    expect(error?.code).toBe('PROVIDER_TIMEOUT');
    expect(error?.details?.['pendingActionIds']).toEqual(['1']);
    expect(now()).toBe(7_000);
  });

  it('keeps polling through retryable request errors and stops on others', async () => {
    let calls = 0;
    let now = 0;
    const poller = new ActionPoller({
      clock: { now: () => now },
      sleep: async (milliseconds) => {
        now += milliseconds;
      },
      schedule: () => 100,
      fetchActions: (ids) => {
        calls += 1;
        if (calls === 1)
          return errAsync(new ProviderError({ code: 'PROVIDER_UNAVAILABLE', message: 'outage' }));
        if (calls === 2)
          return okAsync(
            ids.map((id) => ({
              id: String(id),
              command: 'x',
              status: 'success' as const,
              errorCode: null,
              errorMessage: null,
            })),
          );
        return errAsync(new ProviderError({ code: 'PROVIDER_AUTH_INVALID', message: 'revoked' }));
      },
    });
    expect(await poller.wait(['1'], 10_000)).toBeNull();
    expect((await poller.wait(['2'], 10_000))?.code).toBe('PROVIDER_AUTH_INVALID');
  });

  it('refuses ids that are not Hetzner action ids without a request', async () => {
    const { poller, requests } = scripted(new Map());
    expect((await poller.wait(['abc'], 1_000))?.code).toBe('PROVIDER_INVALID_REQUEST');
    expect(requests).toHaveLength(0);
  });
});
