/** How long to wait before the next attempt. */
export interface BackoffPolicy {
  /** The delay after the first failed attempt, in ms. */
  readonly baseMs: number;
  /** The growth per attempt. */
  readonly factor: number;
  /** The longest delay, in ms. */
  readonly capMs: number;
}

/** The default: 1 s, doubling, at most 5 minutes. */
export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, factor: 2, capMs: 5 * 60_000 };

/**
 * The delay before the attempt after `attempt` (1-based), deterministic: `min(cap, base·factor^(attempt-1))`.
 * No randomness, so a retry schedule can be reproduced and is computed once, then stored in `runAt`.
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  const delay = policy.baseMs * policy.factor ** exponent;
  return Math.min(policy.capMs, Math.round(delay));
}
