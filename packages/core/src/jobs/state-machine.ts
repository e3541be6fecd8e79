import { err, ok, type Result } from 'neverthrow';
import { JobError } from '../errors/error-families.js';

/** A state machine as data: for each state, the states it may move to. */
export interface StateMachine<S extends string> {
  /** What the machine describes, for error messages (`job`, `node`). */
  readonly subject: string;
  /** Every state and the states reachable from it in one step. */
  readonly transitions: { readonly [From in S]: readonly S[] };
  /** States with no way out. */
  readonly terminal: ReadonlySet<S>;
}

/** Whether the machine allows moving from one state to another. */
export function canTransition<S extends string>(machine: StateMachine<S>, from: S, to: S): boolean {
  return machine.transitions[from].includes(to);
}

/** Check a move: `Ok(to)` when allowed, otherwise `JOB_INVALID_TRANSITION` naming both states. */
export function checkTransition<S extends string>(
  machine: StateMachine<S>,
  from: S,
  to: S,
): Result<S, JobError> {
  if (canTransition(machine, from, to)) return ok(to);
  return err(
    new JobError({
      code: 'JOB_INVALID_TRANSITION',
      message: `A ${machine.subject} cannot move from ${from} to ${to}.`,
      details: { subject: machine.subject, from, to },
    }),
  );
}
