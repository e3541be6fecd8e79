import type { ProvisionEvent } from '@pressluft/core';

/**
 * Collects the failed tasks of a readiness run as findings. A readiness playbook may report the way
 * Ansible users already write checks: a failed `assert` (its `fail_msg`) or any failed task is a
 * finding with its message, whether it ended the play or was ignored (`ignore_errors: true`), not a
 * crashed run. Each finding reads `<task name>: <message>`.
 */
export class ReadinessFailureCollector {
  readonly #findings: string[] = [];

  /** Take one (already scrubbed) event into account. */
  add(event: ProvisionEvent): void {
    if (event.type !== 'task-failed') return;
    const message = (event.message ?? 'failed').replace(/^ignored: /, '');
    this.#findings.push(event.name === undefined ? message : `${event.name}: ${message}`);
  }

  /** The findings so far, in the order the tasks failed. */
  get findings(): readonly string[] {
    return this.#findings;
  }
}
