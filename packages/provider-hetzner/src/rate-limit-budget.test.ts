import { describe, expect, it } from 'vitest';
import { bucketForPath, RateLimitBucket } from './rate-limit-budget.js';

function harness() {
  let now = 0;
  const sleeps: number[] = [];
  const clock = { now: () => now };
  const sleep = async (milliseconds: number) => {
    sleeps.push(milliseconds);
    now += milliseconds;
  };
  return { clock, sleep, sleeps, advance: (milliseconds: number) => (now += milliseconds) };
}

const headers = (limit: number, remaining: number) =>
  new Headers({ 'RateLimit-Limit': String(limit), 'RateLimit-Remaining': String(remaining) });

describe('RateLimitBucket', () => {
  it('sends freely until it knows the limit', async () => {
    const { clock, sleep, sleeps } = harness();
    const bucket = new RateLimitBucket(10);
    for (let index = 0; index < 5; index++) await bucket.acquire(clock, sleep);
    expect(sleeps).toEqual([]);
    expect(bucket.snapshot(0).inFlight).toBe(5);
  });

  it('spaces requests one refill interval apart once the budget reaches the reserve', async () => {
    const { clock, sleep, sleeps } = harness();
    const bucket = new RateLimitBucket(2);
    await bucket.acquire(clock, sleep);
    bucket.observe(headers(3600, 4), 200, clock.now());
    for (let index = 0; index < 4; index++) {
      await bucket.acquire(clock, sleep);
      bucket.observe(null, 200, clock.now());
    }
    // 4 left: two go at once (down to the reserve of 2), the next two wait about 1 s each at 3600/h.
    expect(sleeps).toHaveLength(2);
    for (const milliseconds of sleeps) expect(milliseconds).toBeGreaterThanOrEqual(999);
    expect(bucket.snapshot(clock.now()).pacedRequests).toBe(2);
  });

  it('queues concurrent callers instead of letting them all through', async () => {
    const { clock } = harness();
    const sleeps: number[] = [];
    // Time stands still while the three wait, as when they arrive together.
    const sleep = async (milliseconds: number) => {
      sleeps.push(milliseconds);
    };
    const bucket = new RateLimitBucket(0);
    await bucket.acquire(clock, sleep);
    bucket.observe(headers(3600, 0), 200, clock.now());
    await Promise.all([
      bucket.acquire(clock, sleep),
      bucket.acquire(clock, sleep),
      bucket.acquire(clock, sleep),
    ]);
    expect([...sleeps].sort((a, b) => a - b)).toEqual([1000, 2000, 3000]);
  });

  it('subtracts requests still in flight from what Hetzner reports', async () => {
    const { clock, sleep } = harness();
    const bucket = new RateLimitBucket(0);
    for (let index = 0; index < 3; index++) await bucket.acquire(clock, sleep);
    bucket.observe(headers(3600, 100), 200, clock.now());
    expect(bucket.snapshot(clock.now()).remaining).toBe(98);
  });

  it('empties the budget for everyone on 429 and waits for the refill', async () => {
    const { clock, sleep, sleeps } = harness();
    const bucket = new RateLimitBucket(0);
    await bucket.acquire(clock, sleep);
    bucket.observe(headers(3600, 3000), 429, clock.now());
    expect(bucket.snapshot(clock.now()).exhaustedAnswers).toBe(1);
    expect(bucket.millisecondsUntilAvailable(clock.now())).toBe(1000);
    await bucket.acquire(clock, sleep);
    expect(sleeps).toEqual([1000]);
  });

  it('counts /actions paths against the action budget', () => {
    expect(bucketForPath('/actions')).toBe('actions');
    expect(bucketForPath('/actions/42')).toBe('actions');
    expect(bucketForPath('/servers/1/actions')).toBe('actions');
    expect(bucketForPath('/servers/1')).toBe('general');
  });
});
