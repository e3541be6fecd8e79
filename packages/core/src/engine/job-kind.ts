import type { ResultAsync } from 'neverthrow';
import type { PressluftError } from '../errors/pressluft-error.js';
import type { BackoffPolicy } from '../jobs/backoff.js';
import type { JobEvent, JobEventType, JobRecord } from '../model/job.js';
import type { JsonObject } from '../model/json.js';
import type { FencedWriteError, JobOutcome, StoreOperations } from '../spec/store.js';

/** What a handler gets for one attempt of a job. */
export interface JobContext {
  /** The job as claimed (attempt already counted). */
  readonly job: JobRecord;
  /**
   * Aborted when the job is cancelled, times out, loses its lease, or the worker shuts down past its
   * grace period; `signal.reason` is the matching `JobError`.
   */
  readonly signal: AbortSignal;
  /** The current time. */
  now(): number;
  /**
   * Save progress, fenced by the lease, together with any store writes `alsoWrite` makes in the same
   * transaction (a node status change, say) and a `step-started`/`step-succeeded` event when given.
   */
  checkpoint(
    checkpoint: JsonObject,
    options?: {
      readonly step?: string | null;
      readonly event?: { readonly type: JobEventType; readonly data?: JsonObject };
      readonly alsoWrite?: (tx: StoreOperations) => ResultAsync<unknown, PressluftError>;
    },
  ): ResultAsync<JobRecord, FencedWriteError | PressluftError>;
  /** Append an event to the job's log (progress visible while the job runs). */
  emit(type: JobEventType, data?: JsonObject): ResultAsync<JobEvent, PressluftError>;
}

/** How an attempt is settled, as seen by a kind's settle hook. */
export type Settlement = JobOutcome & {
  /** The error behind a failed, cancelled or retried attempt. */
  readonly error?: PressluftError;
};

/** A job kind: its handler and its policies. */
export interface JobKindDefinition {
  /** The kind name stored on jobs, such as `node_provision`. */
  readonly kind: string;
  /** Run one attempt. An `Err` is retried when its error is retryable and attempts remain. */
  readonly run: (context: JobContext) => ResultAsync<void, PressluftError>;
  /** The longest one attempt may take before it is aborted with `JOB_TIMEOUT`. */
  readonly timeoutMs: number;
  /** Attempts allowed by default when enqueued without `maxAttempts`. */
  readonly maxAttempts: number;
  /** The retry schedule. */
  readonly backoff: BackoffPolicy;
  /**
   * Turn an error into the one to record, knowing how far the job got (for example a timeout during
   * provisioning is `PROVISION_TIMEOUT`, not `JOB_TIMEOUT`).
   */
  readonly classifyError?: (error: PressluftError, job: JobRecord) => PressluftError;
  /**
   * Writes that must happen in the same transaction as the job's settlement (for example the node's
   * status). Called for every settlement, including retries and reaped leases.
   */
  readonly onSettle?: (
    tx: StoreOperations,
    job: JobRecord,
    settlement: Settlement,
    now: number,
  ) => ResultAsync<unknown, PressluftError>;
  /**
   * Work outside the store after an attempt whose handler never got to finish (its worker died and the
   * lease was reaped) ended the job for good: the handler's own clean-up did not run, so the kind can do
   * it here (for example delete a half-acquired server). Best effort: failures are logged, not retried.
   */
  readonly afterReapedFailure?: (job: JobRecord) => Promise<void>;
}
