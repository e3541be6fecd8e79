import type { JobStatus } from '../model/job.js';
import type { StateMachine } from './state-machine.js';

/**
 * The job state machine. `running → queued` is a retry (with a later `runAt`) or a release on shutdown;
 * a queued job can be cancelled at once, a running one once its handler stops.
 */
export const jobTransitions: StateMachine<JobStatus> = {
  subject: 'job',
  transitions: {
    queued: ['running', 'cancelled'],
    running: ['succeeded', 'failed', 'queued', 'cancelled'],
    succeeded: [],
    failed: [],
    cancelled: [],
  },
  terminal: new Set<JobStatus>(['succeeded', 'failed', 'cancelled']),
};

/** Every job status, in life order. */
export const jobStatuses: readonly JobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
