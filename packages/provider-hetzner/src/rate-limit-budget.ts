import type { Clock, Sleep } from './clock.js';

/** Hetzner keeps two budgets per token: one for action polling, one for everything else. */
export type RateLimitBucketName = 'general' | 'actions';

/** Which budget a request path counts against. */
export function bucketForPath(path: string): RateLimitBucketName {
  return /(^|\/)actions(\/|$)/.test(path) ? 'actions' : 'general';
}

/** A snapshot of what one bucket believes about its budget. */
export interface RateLimitSnapshot {
  /** Requests per hour, once a response has told us. */
  readonly limit: number | null;
  /** The estimated requests left now (fractional while refilling; negative while callers queue). */
  readonly remaining: number;
  /** Requests sent and not yet answered. */
  readonly inFlight: number;
  /** Requests that waited for the budget before being sent. */
  readonly pacedRequests: number;
  /** 429 answers seen. */
  readonly exhaustedAnswers: number;
}

const hourMs = 3_600_000;

/**
 * One leaky bucket mirroring Hetzner's: `limit` per hour, refilling evenly (one per second at 3600/h).
 *
 * Every response's `RateLimit-Remaining` resets the estimate (minus the requests still in flight, which
 * Hetzner may not have counted yet); between responses the estimate refills at the documented rate and
 * each request takes one. When taking one would leave fewer than `reserve`, the caller waits for the
 * refill instead of sending: the budget is a queue of debt, so concurrent callers line up one refill
 * interval apart rather than all sending into a 429.
 */
export class RateLimitBucket {
  #limit: number | null = null;
  #remaining = 0;
  #updatedAt = 0;
  #inFlight = 0;
  #paced = 0;
  #exhausted = 0;
  #queued = 0;
  readonly #reserve: number;

  /** Create a bucket that keeps `reserve` requests spare (for other tools sharing the project). */
  constructor(reserve: number) {
    this.#reserve = reserve;
  }

  #refill(now: number): void {
    if (this.#limit === null) return;
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#remaining = Math.min(this.#limit, this.#remaining + (elapsed * this.#limit) / hourMs);
    this.#updatedAt = now;
  }

  /** Take one request from the budget, waiting for the refill first when the budget is low. */
  async acquire(clock: Clock, sleep: Sleep, signal?: AbortSignal): Promise<void> {
    const limit = this.#limit;
    if (limit === null) {
      this.#inFlight += 1;
      return;
    }
    this.#refill(clock.now());
    this.#remaining -= 1;
    if (this.#remaining < this.#reserve) {
      const waitMs = Math.ceil(((this.#reserve - this.#remaining) * hourMs) / limit);
      this.#paced += 1;
      this.#queued += 1;
      try {
        await sleep(waitMs, signal);
      } catch (error) {
        this.#remaining += 1;
        throw error;
      } finally {
        this.#queued -= 1;
      }
    }
    this.#inFlight += 1;
  }

  /** Record the answer to a request taken with {@link RateLimitBucket.acquire} (null headers: no answer). */
  observe(headers: Headers | null, status: number | null, now: number): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    if (status === 429) this.#exhausted += 1;
    const limitText = headers?.get('RateLimit-Limit') ?? null;
    const remainingText = headers?.get('RateLimit-Remaining') ?? null;
    const limit = Number(limitText);
    const remaining = Number(remainingText);
    // Requests in flight or waiting may not be counted by Hetzner yet: subtract them so the estimate never runs ahead.
    const pending = this.#inFlight + this.#queued;
    if (limitText !== null && remainingText !== null && limit > 0 && Number.isFinite(remaining)) {
      this.#limit = limit;
      this.#remaining = (status === 429 ? Math.min(remaining, 0) : remaining) - pending;
      this.#updatedAt = now;
    } else if (status === 429 && this.#limit !== null) {
      this.#refill(now);
      this.#remaining = Math.min(this.#remaining, -pending);
    }
  }

  /** Milliseconds until one request fits the budget again (0 when it fits now). */
  millisecondsUntilAvailable(now: number): number {
    if (this.#limit === null) return 0;
    this.#refill(now);
    const missing = this.#reserve + 1 - this.#remaining;
    return missing <= 0 ? 0 : Math.ceil((missing * hourMs) / this.#limit);
  }

  /** What the bucket believes now. */
  snapshot(now: number): RateLimitSnapshot {
    this.#refill(now);
    return {
      limit: this.#limit,
      remaining: this.#remaining,
      inFlight: this.#inFlight,
      pacedRequests: this.#paced,
      exhaustedAnswers: this.#exhausted,
    };
  }
}

/** The two buckets of one token. */
export interface RateLimitBudget {
  /** Everything except action polling. */
  readonly general: RateLimitBucket;
  /** `GET /actions…`, which Hetzner budgets separately. */
  readonly actions: RateLimitBucket;
}

/** Create the two buckets of one token. */
export function createRateLimitBudget(reserve: number): RateLimitBudget {
  return { general: new RateLimitBucket(reserve), actions: new RateLimitBucket(reserve) };
}
