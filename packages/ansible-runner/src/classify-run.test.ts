import { describe, expect, it } from 'vitest';
import { failingRunLines, unreachableRunLines } from '../test/recorded-events.js';
import { parseAnsibleEventLine } from './ansible-event.js';
import { classifyConnectionFailure, classifyRun, type RunOutcome } from './classify-run.js';
import { RunSummaryBuilder } from './run-summary.js';

function summarize(lines: readonly string[]): RunOutcome['summary'] {
  const builder = new RunSummaryBuilder();
  for (const line of lines) {
    const event = parseAnsibleEventLine(line);
    if (event !== undefined) builder.add(event);
  }
  return builder.summary;
}

function outcome(overrides: Partial<RunOutcome>): RunOutcome {
  return {
    playbook: 'node-provision.yml',
    exitCode: 0,
    signal: undefined,
    cancelled: false,
    timedOut: false,
    timeoutMs: undefined,
    summary: summarize([]),
    stderr: '',
    rawStdout: '',
    ...overrides,
  };
}

const identity = (text: string): string => text;

describe('classifyConnectionFailure', () => {
  it.each([
    [
      'Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port 1: Connection refused',
      'unreachable',
    ],
    [
      'Failed to connect to the host via ssh: ssh: connect to host 10.0.0.1 port 22: Connection timed out',
      'unreachable',
    ],
    ['Failed to connect to the host via ssh: pl@127.0.0.1: Permission denied (publickey).', 'auth-failed'],
    ['Failed to connect to the host via ssh: Load key "/tmp/x/ssh_key": error in libcrypto', 'auth-failed'],
    ['Failed to connect to the host via ssh: WARNING: UNPROTECTED PRIVATE KEY FILE!', 'auth-failed'],
    [
      'Failed to connect to the host via ssh: @@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@\r\nHost key verification failed.',
      'host-key-mismatch',
    ],
    ['Failed to connect to the host via ssh: Host key verification failed.', 'host-key-mismatch'],
  ])('reads %j as %s', (message, expected) => {
    expect(classifyConnectionFailure(message)).toBe(expected);
  });
});

describe('classifyRun', () => {
  const failing = summarize(
    failingRunLines({
      stdout: Array.from({ length: 2000 }, (_, line) => `fixture output line ${line}`).join('\n'),
      stderr: 'fixture failed on purpose\nhunter2-secret-value',
    }),
  );

  it('names the failed task and host and truncates its output head and tail', () => {
    const error = classifyRun(outcome({ exitCode: 2, summary: failing }), identity, 1024);
    expect(error?.code).toBe('PROVISION_PLAYBOOK_FAILED');
    expect(error?.retryable).toBe(false);
    expect(error?.message).toBe('Task "Fail on purpose" failed on node-1: non-zero return code');
    expect(error?.details).toMatchObject({
      task: 'Fail on purpose',
      host: 'node-1',
      taskExitCode: 3,
      exitCode: 2,
    });
    const output = String(error?.details?.['output']);
    expect(output.length).toBeLessThan(2 * 1024 + 100);
    expect(output).toMatch(/^non-zero return code\nfixture output line 0\n/);
    expect(output).toMatch(/\[\.\.\. \d+ characters cut \.\.\.\]/);
    expect(output).toMatch(/fixture failed on purpose\nhunter2-secret-value$/);
  });

  it('scrubs failure output with the given scrubber', () => {
    const error = classifyRun(
      outcome({ exitCode: 2, summary: failing }),
      (text) => text.replaceAll('hunter2-secret-value', '[REDACTED]'),
      1024,
    );
    expect(String(error?.details?.['output'])).not.toContain('hunter2-secret-value');
    expect(String(error?.details?.['output'])).toContain('[REDACTED]');
  });

  it('classifies a refused connection as retryable unreachable', () => {
    const summary = summarize(
      unreachableRunLines(
        'Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port 9: Connection refused',
      ),
    );
    const error = classifyRun(outcome({ exitCode: 4, summary }), identity, 1024);
    expect(error?.code).toBe('PROVISION_SSH_UNREACHABLE');
    expect(error?.retryable).toBe(true);
    expect(error?.message).toContain('Connection refused');
  });

  it('classifies a refused key as an authentication failure', () => {
    const summary = summarize(
      unreachableRunLines(
        'Failed to connect to the host via ssh: u@127.0.0.1: Permission denied (publickey).',
      ),
    );
    const error = classifyRun(outcome({ exitCode: 4, summary }), identity, 1024);
    expect(error?.code).toBe('PROVISION_SSH_AUTH_FAILED');
    expect(error?.retryable).toBe(false);
  });

  it('classifies a different host key as a mismatch', () => {
    const summary = summarize(
      unreachableRunLines('Failed to connect to the host via ssh: Host key verification failed.'),
    );
    expect(classifyRun(outcome({ exitCode: 4, summary }), identity, 1024)?.code).toBe(
      'PROVISION_HOST_KEY_MISMATCH',
    );
  });

  it('puts our own cancel and deadline before anything the events say', () => {
    const cancelled = classifyRun(
      outcome({ exitCode: 99, cancelled: true, summary: failing }),
      identity,
      1024,
    );
    expect(cancelled?.code).toBe('PROVISION_CANCELLED');
    const timedOut = classifyRun(
      outcome({ exitCode: undefined, signal: 'SIGTERM', timedOut: true, timeoutMs: 4000, summary: failing }),
      identity,
      1024,
    );
    expect(timedOut?.code).toBe('PROVISION_TIMEOUT');
    expect(timedOut?.retryable).toBe(true);
    expect(timedOut?.message).toContain('4000 ms');
  });

  it('classifies a run that never started as an invalid playbook, with the ERROR line', () => {
    const error = classifyRun(
      outcome({
        exitCode: 4,
        stderr:
          "ERROR! couldn't resolve module/action 'community.general.ufw'.\n\nThe error appears to be in 'x.yml'",
      }),
      identity,
      1024,
    );
    expect(error?.code).toBe('PROVISION_PLAYBOOK_INVALID');
    expect(error?.message).toContain("couldn't resolve module/action 'community.general.ufw'");
  });

  it('does not call a run that matched no host a success', () => {
    const summary = summarize([
      '{"event":"playbook_on_start","event_data":{}}',
      '{"event":"playbook_on_no_hosts_matched","event_data":{}}',
      '{"event":"playbook_on_stats","event_data":{"per_host":{},"custom":{}}}',
    ]);
    expect(classifyRun(outcome({ exitCode: 0, summary }), identity, 1024)?.code).toBe(
      'PROVISION_PLAYBOOK_INVALID',
    );
  });

  it('reports a non-zero exit without failed tasks as a failed playbook', () => {
    const summary = summarize(['{"event":"playbook_on_start","event_data":{}}']);
    const error = classifyRun(outcome({ exitCode: 250, summary, stderr: 'Traceback ...' }), identity, 1024);
    expect(error?.code).toBe('PROVISION_PLAYBOOK_FAILED');
    expect(error?.details?.['output']).toBe('Traceback ...');
  });

  it('accepts a finished run with processed hosts and no failures', () => {
    const summary = summarize([
      '{"event":"playbook_on_start","event_data":{}}',
      '{"event":"playbook_on_stats","event_data":{"per_host":{"node-1":{"ok":2,"changed":1}},"custom":{}}}',
    ]);
    expect(classifyRun(outcome({ exitCode: 0, summary }), identity, 1024)).toBeUndefined();
  });

  it('ignores failures Ansible was told to ignore', () => {
    const summary = summarize([
      '{"event":"playbook_on_start","event_data":{}}',
      '{"event":"runner_on_failed","event_data":{"host":"n","task":"t","ignore_errors":true,"res":{"msg":"x"}}}',
      '{"event":"playbook_on_stats","event_data":{"per_host":{"n":{"ok":1,"ignored":1}},"custom":{}}}',
    ]);
    expect(classifyRun(outcome({ exitCode: 0, summary }), identity, 1024)).toBeUndefined();
  });
});
