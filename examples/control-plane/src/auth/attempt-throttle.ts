/** What {@link createAttemptThrottle} takes. */
export interface AttemptThrottleOptions {
  /** Failures an address may make before it is made to wait. Default 5. */
  readonly freeFailures?: number;
  /** The first wait after the free failures; each further failure doubles it. Default 1 s. */
  readonly baseDelayMs?: number;
  /** The longest wait. Default 15 minutes. */
  readonly maxDelayMs?: number;
  /** A quiet address is forgotten this long after its last failure. Default 1 hour. */
  readonly forgetAfterMs?: number;
  /** Addresses remembered at most (the oldest is forgotten first), so a flood cannot exhaust memory. Default 10,000. */
  readonly maxAddresses?: number;
  /** The clock. */
  readonly now?: () => number;
}

/** What the throttle knows about one client address. */
export interface AttemptState {
  /** Failures counted so far. */
  readonly failures: number;
  /** Seconds to wait before the next attempt counts; 0 when it may go ahead now. */
  readonly retryAfterSeconds: number;
}

/**
 * Backoff for failed logins and wrong Bearer tokens, per client address: a few free failures, then a
 * wait that doubles with each further failure. While an address waits every attempt from it is refused,
 * the right token included, so the refusal tells a guesser nothing. A success forgets the address.
 */
export interface AttemptThrottle {
  /** Whether an attempt from this address must wait now (and how long). */
  check(address: string): AttemptState;
  /** Count a failure; returns the state after it. */
  fail(address: string): AttemptState;
  /** Forget the address after a successful attempt. */
  succeed(address: string): void;
}

interface Entry {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

/** Build an in-memory {@link AttemptThrottle} (one process; a restart forgets it, which is acceptable here). */
export function createAttemptThrottle(options: AttemptThrottleOptions = {}): AttemptThrottle {
  const freeFailures = options.freeFailures ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
  const forgetAfterMs = options.forgetAfterMs ?? 60 * 60_000;
  const maxAddresses = options.maxAddresses ?? 10_000;
  const now = options.now ?? Date.now;
  // Insertion order is age order: a failing address is re-inserted, so the first key is the stalest.
  const entries = new Map<string, Entry>();

  const live = (address: string, time: number): Entry | undefined => {
    const entry = entries.get(address);
    if (entry !== undefined && time - entry.lastFailure >= forgetAfterMs && time >= entry.blockedUntil) {
      entries.delete(address);
      return undefined;
    }
    return entry;
  };
  const state = (entry: Entry | undefined, time: number): AttemptState => ({
    failures: entry?.failures ?? 0,
    retryAfterSeconds:
      entry === undefined || entry.blockedUntil <= time ? 0 : Math.ceil((entry.blockedUntil - time) / 1000),
  });

  return {
    check(address) {
      const time = now();
      return state(live(address, time), time);
    },
    fail(address) {
      const time = now();
      const entry = live(address, time) ?? { failures: 0, blockedUntil: 0, lastFailure: time };
      entry.failures += 1;
      entry.lastFailure = time;
      if (entry.failures > freeFailures) {
        const delay = Math.min(
          maxDelayMs,
          baseDelayMs * 2 ** Math.min(30, entry.failures - freeFailures - 1),
        );
        entry.blockedUntil = time + delay;
      }
      entries.delete(address);
      entries.set(address, entry);
      while (entries.size > maxAddresses) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return state(entry, time);
    },
    succeed(address) {
      entries.delete(address);
    },
  };
}
