import { type ErrorDetails, ProvisionError } from '@pressluft/core';
import { truncateHeadTail } from './head-tail-buffer.js';
import type { RunSummary } from './run-summary.js';

/** Everything known about a finished ansible-playbook process. */
export interface RunOutcome {
  /** The playbook's file name, for messages. */
  readonly playbook: string;
  /** The exit code, or undefined when a signal ended the process. */
  readonly exitCode: number | undefined;
  /** The signal that ended the process, if any. */
  readonly signal: string | undefined;
  /** Whether the caller's AbortSignal stopped the run. */
  readonly cancelled: boolean;
  /** Whether the run's deadline stopped it. */
  readonly timedOut: boolean;
  /** The deadline, for the message. */
  readonly timeoutMs: number | undefined;
  /** What the events said. */
  readonly summary: RunSummary;
  /** Ansible's stderr (already bounded to its head and tail). */
  readonly stderr: string;
  /** Stdout lines that were not events (bounded). */
  readonly rawStdout: string;
}

/** How the SSH connection failed, read from ssh's own message. */
export type ConnectionFailure = 'host-key-mismatch' | 'auth-failed' | 'unreachable';

const hostKeyPattern =
  /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|host key for .* has changed/i;
const authPattern =
  /Permission denied|Too many authentication failures|UNPROTECTED PRIVATE KEY FILE|error in libcrypto|invalid format|Load key|Authentication failed/i;

/** Decide from ssh's message whether a host was unreachable, refused the key, or showed another host key. */
export function classifyConnectionFailure(message: string): ConnectionFailure {
  if (hostKeyPattern.test(message)) return 'host-key-mismatch';
  if (authPattern.test(message)) return 'auth-failed';
  return 'unreachable';
}

/**
 * Turn a finished run into its error, or `undefined` when it succeeded.
 *
 * The exit code alone is ambiguous (rc 4 is both "unreachable" and "the playbook did not parse", rc 2
 * both "a task failed" and "bad flag"), so the events decide: our own cancel and deadline first, then
 * unreachable hosts, then failed tasks, then a run that never started (a load error). Every text that
 * goes into the error passes through `scrub`; output is cut to `outputLimit` characters at each end.
 */
export function classifyRun(
  outcome: RunOutcome,
  scrub: (text: string) => string,
  outputLimit: number,
): ProvisionError | undefined {
  const { summary, playbook } = outcome;
  const cut = (text: string): string => scrub(truncateHeadTail(text, outputLimit));
  const process: ErrorDetails = {
    playbook,
    exitCode: outcome.exitCode ?? null,
    signal: outcome.signal ?? null,
  };
  const lastTask = summary.lastTask === undefined ? {} : { lastTask: scrub(summary.lastTask) };

  if (outcome.cancelled) {
    return new ProvisionError({
      code: 'PROVISION_CANCELLED',
      message: `Provisioning with ${playbook} was cancelled${summary.lastTask === undefined ? '' : ` during "${scrub(summary.lastTask)}"`}.`,
      details: { ...process, ...lastTask },
    });
  }
  if (outcome.timedOut) {
    return new ProvisionError({
      code: 'PROVISION_TIMEOUT',
      message: `${playbook} did not finish within ${outcome.timeoutMs ?? 0} ms and was stopped.`,
      details: { ...process, ...lastTask, timeoutMs: outcome.timeoutMs ?? null },
    });
  }

  const unreachable = summary.unreachableHosts[0];
  if (unreachable !== undefined) {
    const kind = classifyConnectionFailure(unreachable.message);
    const details: ErrorDetails = {
      ...process,
      host: unreachable.host,
      task: scrub(unreachable.task),
      output: cut(unreachable.message),
    };
    const reason = scrub(unreachable.message.trim()).split('\n').pop() ?? '';
    if (kind === 'host-key-mismatch') {
      return new ProvisionError({
        code: 'PROVISION_HOST_KEY_MISMATCH',
        message: `${unreachable.host} presented a host key different from the pinned one.`,
        details,
      });
    }
    if (kind === 'auth-failed') {
      return new ProvisionError({
        code: 'PROVISION_SSH_AUTH_FAILED',
        message: `${unreachable.host} refused the SSH key: ${reason}`,
        details,
      });
    }
    return new ProvisionError({
      code: 'PROVISION_SSH_UNREACHABLE',
      message: `${unreachable.host} could not be reached over SSH: ${reason}`,
      details,
    });
  }

  const failed = summary.failedTasks[0];
  if (failed !== undefined) {
    const output = [failed.message, failed.output].filter((part) => part.length > 0).join('\n');
    return new ProvisionError({
      code: 'PROVISION_PLAYBOOK_FAILED',
      message: `Task "${scrub(failed.task)}" failed on ${failed.host}: ${scrub(truncateHeadTail(failed.message, 200))}`,
      details: {
        ...process,
        host: failed.host,
        task: scrub(failed.task),
        action: failed.action,
        taskExitCode: failed.exitCode ?? null,
        failedTasks: summary.failedTasks.length,
        output: cut(output),
      },
    });
  }

  if (!summary.started && (outcome.exitCode !== 0 || outcome.signal !== undefined)) {
    const firstError =
      /^ERROR!.*$/m.exec(outcome.stderr)?.[0] ?? `exit code ${outcome.exitCode ?? outcome.signal}`;
    return new ProvisionError({
      code: 'PROVISION_PLAYBOOK_INVALID',
      message: `ansible-playbook could not load ${playbook}: ${scrub(truncateHeadTail(firstError, 300))}`,
      details: { ...process, output: cut(`${outcome.stderr}\n${outcome.rawStdout}`.trim()) },
    });
  }

  if (outcome.exitCode !== 0) {
    return new ProvisionError({
      code: 'PROVISION_PLAYBOOK_FAILED',
      message: `${playbook} ended with ${outcome.exitCode === undefined ? `signal ${outcome.signal}` : `exit code ${outcome.exitCode}`} without a failed task.`,
      details: { ...process, ...lastTask, output: cut(`${outcome.stderr}\n${outcome.rawStdout}`.trim()) },
    });
  }

  if (summary.perHost === undefined || Object.keys(summary.perHost).length === 0) {
    return new ProvisionError({
      code: 'PROVISION_PLAYBOOK_INVALID',
      message: `${playbook} ran no task on any host (its hosts pattern matched nothing).`,
      details: { ...process, output: cut(outcome.stderr) },
    });
  }
  return undefined;
}
