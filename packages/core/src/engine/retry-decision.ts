import type { ErrorCode } from '../errors/error-codes.js';
import type { PressluftError } from '../errors/pressluft-error.js';
import { type BackoffPolicy, backoffDelay } from '../jobs/backoff.js';
import type { JobRecord } from '../model/job.js';
import type { JobOutcome } from '../spec/store.js';

/**
 * Codes whose cause does not clear in seconds: their retries wait at least this long, so a location
 * without capacity is not asked again in a hot loop.
 */
export const minimumRetryDelayMs: Partial<Record<ErrorCode, number>> = {
  PROVIDER_CAPACITY_UNAVAILABLE: 5 * 60_000,
  PROVIDER_RATE_LIMITED: 10_000,
};

/**
 * Decide how a failed attempt ends: back to the queue with a deterministic delay when the error is
 * retryable and attempts remain, otherwise failed (or cancelled for `*_CANCELLED` codes).
 */
export function decideOutcome(
  job: JobRecord,
  error: PressluftError,
  backoff: BackoffPolicy,
  now: number,
): JobOutcome {
  const errorCode = error.code;
  const errorMessage = error.message;
  if (errorCode === 'JOB_CANCELLED' || errorCode === 'PROVISION_CANCELLED') {
    return { status: 'cancelled', errorCode, errorMessage };
  }
  if (error.retryable && job.attempts < job.maxAttempts) {
    // ProviderError carries the provider's own retry-after (rate limits); read it structurally so that
    // errors from another copy of this package count too.
    const retryAfter = (error as { retryAfterMs?: unknown }).retryAfterMs;
    const providerDelay = typeof retryAfter === 'number' ? retryAfter : 0;
    const delay = Math.max(
      backoffDelay(backoff, job.attempts),
      minimumRetryDelayMs[errorCode] ?? 0,
      providerDelay,
    );
    return { status: 'queued', runAt: now + delay, errorCode, errorMessage };
  }
  const exhausted = error.retryable ? ` (gave up after ${job.attempts} attempts)` : '';
  return { status: 'failed', errorCode, errorMessage: `${errorMessage}${exhausted}` };
}
