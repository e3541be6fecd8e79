import { describe, expect, it } from 'vitest';
import { createAttemptThrottle } from './attempt-throttle.js';

describe('createAttemptThrottle', () => {
  it('lets a few failures pass, then doubles the wait per failure up to the limit', () => {
    let time = 0;
    const throttle = createAttemptThrottle({
      freeFailures: 2,
      baseDelayMs: 1_000,
      maxDelayMs: 8_000,
      now: () => time,
    });
    expect(throttle.fail('a').retryAfterSeconds).toBe(0);
    expect(throttle.fail('a').retryAfterSeconds).toBe(0);
    expect(throttle.fail('a').retryAfterSeconds).toBe(1);
    expect(throttle.check('a').retryAfterSeconds).toBe(1);
    expect(throttle.check('b').retryAfterSeconds).toBe(0);
    time += 1_000;
    expect(throttle.check('a').retryAfterSeconds).toBe(0);
    expect(throttle.fail('a').retryAfterSeconds).toBe(2);
    expect(throttle.fail('a').retryAfterSeconds).toBe(4);
    expect(throttle.fail('a').retryAfterSeconds).toBe(8);
    expect(throttle.fail('a').retryAfterSeconds).toBe(8);
    throttle.succeed('a');
    expect(throttle.check('a')).toEqual({ failures: 0, retryAfterSeconds: 0 });
  });

  it('forgets quiet addresses and never remembers more than its maximum', () => {
    let time = 0;
    const throttle = createAttemptThrottle({
      freeFailures: 0,
      forgetAfterMs: 10_000,
      maxAddresses: 3,
      now: () => time,
    });
    for (const address of ['a', 'b', 'c', 'd']) throttle.fail(address);
    expect(throttle.check('a').failures).toBe(0);
    expect(throttle.check('d').failures).toBe(1);
    time += 20_000;
    expect(throttle.check('d').failures).toBe(0);
  });
});
