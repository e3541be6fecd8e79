import { describe, expect, it } from 'vitest';
import { type BackoffPolicy, backoffDelay, defaultBackoff } from './backoff.js';

describe('backoffDelay', () => {
  it('grows by the factor from the base', () => {
    const policy: BackoffPolicy = { baseMs: 100, factor: 3, capMs: 1_000_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt))).toEqual([
      100, 300, 900, 2_700, 8_100,
    ]);
  });

  it('follows the default schedule: 1 s doubling, capped at 5 minutes', () => {
    const delays = Array.from({ length: 12 }, (_, index) => backoffDelay(defaultBackoff, index + 1));
    expect(delays).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000,
    ]);
  });

  it('never exceeds the cap, even for huge attempt numbers', () => {
    expect(backoffDelay(defaultBackoff, 10_000)).toBe(defaultBackoff.capMs);
    expect(backoffDelay({ baseMs: 10, factor: 10, capMs: 5_000 }, 4)).toBe(5_000);
  });

  it('is deterministic: the same inputs give the same delay', () => {
    const first = Array.from({ length: 20 }, (_, index) => backoffDelay(defaultBackoff, index));
    const second = Array.from({ length: 20 }, (_, index) => backoffDelay(defaultBackoff, index));
    expect(second).toEqual(first);
  });

  it('treats attempt 0 and negatives as the first attempt', () => {
    expect(backoffDelay(defaultBackoff, 0)).toBe(1_000);
    expect(backoffDelay(defaultBackoff, -3)).toBe(1_000);
  });

  it('rounds fractional delays to whole milliseconds', () => {
    expect(backoffDelay({ baseMs: 100, factor: 1.5, capMs: 10_000 }, 3)).toBe(225);
    expect(backoffDelay({ baseMs: 333, factor: 1.1, capMs: 10_000 }, 2)).toBe(366);
  });
});
