import type { ErrorCode } from '../errors/error-codes.js';
import type { JsonObject } from './json.js';

/** Where a job is in its life; transitions are in `jobTransitions`. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A unit of background work, claimed by one worker at a time under a lease. */
export interface JobRecord {
  /** Stable id (`job_…`). */
  readonly id: string;
  /** The job kind, such as `node_provision`; it selects the handler. */
  readonly kind: string;
  /** Where the job is in its life. */
  readonly status: JobStatus;
  /** The node the job works on, if any. */
  readonly nodeId: string | null;
  /** The handler's input. */
  readonly payload: JsonObject;
  /** Attempts started so far; counted when a worker claims the job. */
  readonly attempts: number;
  /** Attempts allowed before a retryable failure becomes final. */
  readonly maxAttempts: number;
  /** The earliest time the job may be claimed (ms since the epoch). */
  readonly runAt: number;
  /** The worker holding the lease while running. */
  readonly leaseOwner: string | null;
  /** The token that fences every write of the current attempt. */
  readonly leaseToken: string | null;
  /** When the lease ends unless renewed (ms since the epoch). */
  readonly leaseExpiresAt: number | null;
  /** The handler's saved progress, so that a retry resumes instead of starting over. */
  readonly checkpoint: JsonObject | null;
  /** The name of the step in progress or last reached. */
  readonly currentStep: string | null;
  /** The code of the last failure. */
  readonly lastErrorCode: ErrorCode | null;
  /** The message of the last failure, scrubbed of secrets. */
  readonly lastErrorMessage: string | null;
  /** Enqueueing again with the same key returns this job while it is not finished. */
  readonly dedupeKey: string | null;
  /** Set when cancellation was asked for while the job runs; the worker aborts the handler. */
  readonly cancelRequested: boolean;
  /** When the job was enqueued (ms since the epoch). */
  readonly createdAt: number;
  /** When the job last changed (ms since the epoch). */
  readonly updatedAt: number;
  /** When the job reached a final status (ms since the epoch). */
  readonly finishedAt: number | null;
}

/** The types of job events; noun-verb, in the order they usually happen. */
export type JobEventType =
  | 'job-queued'
  | 'job-started'
  | 'step-started'
  | 'step-succeeded'
  | 'step-progress'
  | 'provision-event'
  | 'job-retry-scheduled'
  | 'job-released'
  | 'job-succeeded'
  | 'job-failed'
  | 'job-cancelled';

/** The event types after which a job has no more events. */
export const terminalJobEventTypes: ReadonlySet<JobEventType> = new Set([
  'job-succeeded',
  'job-failed',
  'job-cancelled',
]);

/** One entry of a job's append-only event log. */
export interface JobEvent {
  /** The job the event belongs to. */
  readonly jobId: string;
  /** The position in the job's log, from 1, without gaps. */
  readonly seq: number;
  /** What happened. */
  readonly type: JobEventType;
  /** When it happened (ms since the epoch). */
  readonly at: number;
  /** Facts about the event (step name, attempt, error code, Ansible task); never secrets. */
  readonly data: JsonObject;
}
