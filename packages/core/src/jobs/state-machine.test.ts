import { describe, expect, it } from 'vitest';
import { JobError } from '../errors/error-families.js';
import type { JobStatus } from '../model/job.js';
import type { NodeStatus } from '../model/node.js';
import { jobStatuses, jobTransitions } from './job-transitions.js';
import { nodeStatuses, nodeTransitions } from './node-transitions.js';
import { canTransition, checkTransition, type StateMachine } from './state-machine.js';

// The expected tables are written out by hand from the design (issue 2), not read from the
// implementation: a changed transition must change this file too. Rows are "from", columns "to".
const Y = true;
const N = false;

const expectedJobTable: Record<JobStatus, Record<JobStatus, boolean>> = {
  //          queued running succeeded failed cancelled
  queued: { queued: N, running: Y, succeeded: N, failed: N, cancelled: Y },
  running: { queued: Y, running: N, succeeded: Y, failed: Y, cancelled: Y },
  succeeded: { queued: N, running: N, succeeded: N, failed: N, cancelled: N },
  failed: { queued: N, running: N, succeeded: N, failed: N, cancelled: N },
  cancelled: { queued: N, running: N, succeeded: N, failed: N, cancelled: N },
};

const expectedNodeTable: Record<NodeStatus, Record<NodeStatus, boolean>> = {
  pending: {
    pending: N,
    acquiring: Y,
    provisioning: N,
    ready: N,
    failed: Y,
    deleting: Y,
    deleted: N,
  },
  acquiring: {
    pending: N,
    acquiring: N,
    provisioning: Y,
    ready: N,
    failed: Y,
    deleting: Y,
    deleted: N,
  },
  provisioning: {
    pending: N,
    acquiring: N,
    provisioning: N,
    ready: Y,
    failed: Y,
    deleting: Y,
    deleted: N,
  },
  ready: {
    pending: N,
    acquiring: N,
    provisioning: Y,
    ready: N,
    failed: N,
    deleting: Y,
    deleted: N,
  },
  failed: {
    pending: N,
    acquiring: Y,
    provisioning: Y,
    ready: N,
    failed: N,
    deleting: Y,
    deleted: N,
  },
  deleting: {
    pending: N,
    acquiring: N,
    provisioning: N,
    ready: N,
    failed: Y,
    deleting: N,
    deleted: Y,
  },
  deleted: {
    pending: N,
    acquiring: N,
    provisioning: N,
    ready: N,
    failed: N,
    deleting: N,
    deleted: N,
  },
};

function pairs<S extends string>(table: Record<S, Record<S, boolean>>): Array<[S, S, boolean]> {
  const result: Array<[S, S, boolean]> = [];
  for (const from of Object.keys(table) as S[]) {
    for (const to of Object.keys(table[from]) as S[]) result.push([from, to, table[from][to]]);
  }
  return result;
}

function describeMachine<S extends string>(
  name: string,
  machine: StateMachine<S>,
  statuses: readonly S[],
  expected: Record<S, Record<S, boolean>>,
  expectedTerminal: readonly S[],
): void {
  describe(name, () => {
    it('knows exactly the statuses of the expected table', () => {
      expect([...statuses].sort()).toEqual(Object.keys(expected).sort());
      expect(Object.keys(machine.transitions).sort()).toEqual(Object.keys(expected).sort());
    });

    it('covers every ordered pair of statuses', () => {
      expect(pairs(expected)).toHaveLength(statuses.length * statuses.length);
    });

    it.each(pairs(expected))('%s → %s allowed: %s', (from, to, allowed) => {
      expect(canTransition(machine, from, to)).toBe(allowed);
      const result = checkTransition(machine, from, to);
      if (allowed) {
        expect(result._unsafeUnwrap()).toBe(to);
      } else {
        const error = result._unsafeUnwrapErr();
        expect(error).toBeInstanceOf(JobError);
        expect(error.code).toBe('JOB_INVALID_TRANSITION');
        expect(error.retryable).toBe(false);
        expect(error.details).toEqual({ subject: machine.subject, from, to });
        expect(error.message).toContain(`from ${from} to ${to}`);
      }
    });

    it('has exactly the expected terminal statuses, and they have no exits', () => {
      expect([...machine.terminal].sort()).toEqual([...expectedTerminal].sort());
      for (const terminal of machine.terminal) {
        expect(machine.transitions[terminal]).toEqual([]);
        for (const to of statuses) expect(canTransition(machine, terminal, to)).toBe(false);
      }
    });

    it('lets every non-terminal status move somewhere', () => {
      for (const status of statuses) {
        if (!machine.terminal.has(status)) expect(machine.transitions[status].length).toBeGreaterThan(0);
      }
    });
  });
}

describeMachine('jobTransitions', jobTransitions, jobStatuses, expectedJobTable, [
  'succeeded',
  'failed',
  'cancelled',
]);
describeMachine('nodeTransitions', nodeTransitions, nodeStatuses, expectedNodeTable, ['deleted']);
