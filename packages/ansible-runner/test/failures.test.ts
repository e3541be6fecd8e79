import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProvisionEvent } from '@pressluft/core';
import { describe, expect, it } from 'vitest';
import { createAnsibleProvisioner, defaultAnsibleDirectory } from '../src/index.js';
import {
  failureOf,
  generateKeyPair,
  processesMentioning,
  successOf,
  useLoopbackRunSuite,
} from './run-inspection.js';

const fixtures = join(defaultAnsibleDirectory, 'playbooks', 'fixtures');

describe('ansible provisioner failures (real ansible-playbook, loopback sshd)', () => {
  const suite = useLoopbackRunSuite({ sudo: false });

  const provisioner = (playbook: string, options: { sshRetries?: number; killGraceMs?: number } = {}) =>
    createAnsibleProvisioner({
      provisionPlaybookPath: join(fixtures, playbook),
      temporaryDirectory: suite.runs,
      sshRetries: options.sshRetries ?? 0,
      ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
    });

  it('classifies a failing task, names it and its host, truncates and scrubs the output', async () => {
    const secret = 'sekrit-value-4f1b9c2e7d';
    const events: ProvisionEvent[] = [];
    const error = failureOf(
      await provisioner('failing.yml').provision({
        target: suite.sshd.target,
        privateKey: suite.sshd.privateKey,
        knownHostKey: suite.sshd.hostKey,
        vars: { fixture_output_lines: 2000, fixture_echo: `the secret is ${secret}` },
        secrets: [secret],
        onEvent: (event) => events.push(event),
      }),
    );
    expect(error.code).toBe('PROVISION_PLAYBOOK_FAILED');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(`Task "Fail on purpose" failed on 127.0.0.1: non-zero return code`);
    expect(error.details).toMatchObject({
      task: 'Fail on purpose',
      host: '127.0.0.1',
      taskExitCode: 3,
      exitCode: 2,
    });
    const output = String(error.details?.['output']);
    // 2000 lines (~45 KB) cut to 2 KiB at each end.
    expect(output.length).toBeLessThan(2 * 2048 + 100);
    expect(output).toContain('fixture output line 0\n');
    expect(output).toMatch(/\[\.\.\. \d+ characters cut \.\.\.\]/);
    expect(output).toContain('fixture failed on purpose\nthe secret is [REDACTED]');
    expect(JSON.stringify(error.toJSON())).not.toContain(secret);
    expect(JSON.stringify(events)).not.toContain(secret);
    expect(events.find((event) => event.type === 'task-failed')).toMatchObject({
      name: 'Fail on purpose',
      host: '127.0.0.1',
    });
    expect(events.some((event) => event.name === 'Never reached')).toBe(false);
  });

  it('classifies a closed port as unreachable and retryable', async () => {
    const port = await closedPort();
    const error = failureOf(
      await provisioner('harmless.yml').provision({
        target: { ...suite.sshd.target, port },
        privateKey: suite.sshd.privateKey,
        knownHostKey: null,
        vars: {},
      }),
    );
    expect(error.code).toBe('PROVISION_SSH_UNREACHABLE');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('Connection refused');
  });

  it('classifies a key the node does not accept as an authentication failure', async () => {
    const wrong = await generateKeyPair();
    const error = failureOf(
      await provisioner('harmless.yml').provision({
        target: suite.sshd.target,
        privateKey: wrong.privateKey,
        knownHostKey: suite.sshd.hostKey,
        vars: {},
        secrets: [],
      }),
    );
    expect(error.code).toBe('PROVISION_SSH_AUTH_FAILED');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Permission denied');
    expect(JSON.stringify(error.toJSON())).not.toContain(wrong.privateKey.split('\n')[1]);
  });

  it('refuses a node whose host key differs from the pinned one', async () => {
    const other = await generateKeyPair();
    const events: ProvisionEvent[] = [];
    const error = failureOf(
      await provisioner('harmless.yml').provision({
        target: suite.sshd.target,
        privateKey: suite.sshd.privateKey,
        knownHostKey: other.publicKey,
        vars: {},
        onEvent: (event) => events.push(event),
      }),
    );
    expect(error.code).toBe('PROVISION_HOST_KEY_MISMATCH');
    expect(error.retryable).toBe(false);
    expect(events.some((event) => event.type === 'task-ok')).toBe(false);
  });

  it('accepts the node again with the right pinned key', async () => {
    const result = successOf(
      await provisioner('harmless.yml').provision({
        target: suite.sshd.target,
        privateKey: suite.sshd.privateKey,
        knownHostKey: `${suite.sshd.hostKey} comment@ignored`,
        vars: {},
      }),
    );
    expect(result.hostKey).toBe(suite.sshd.hostKey);
  });

  it('cancels mid-run and stops the whole process group', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    let ansiblePids: number[] = [];
    const events: ProvisionEvent[] = [];
    const result = await provisioner('slow.yml').provision({
      target: suite.sshd.target,
      privateKey: suite.sshd.privateKey,
      knownHostKey: suite.sshd.hostKey,
      vars: { fixture_sleep_seconds: 60 },
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'task-started' && event.name === 'Sleep on the node') {
          setTimeout(async () => {
            ansiblePids = (await processesMentioning(suite.runs)).map((entry) => entry.pid);
            abortedAt = Date.now();
            controller.abort();
          }, 1500);
        }
      },
    });
    const error = failureOf(result);
    expect(error.code).toBe('PROVISION_CANCELLED');
    expect(error.message).toContain('Sleep on the node');
    // The remote sleep lasts 60 s; the run must not wait for it.
    expect(Date.now() - abortedAt).toBeLessThan(20_000);
    // While running there was a process tree (ansible-playbook, its worker, ssh); none of it is left.
    expect(ansiblePids.length).toBeGreaterThan(1);
    const survivors = [];
    for (const pid of ansiblePids) if (await isRunning(pid)) survivors.push(pid);
    expect(survivors).toEqual([]);
    expect(events.some((event) => event.type === 'stats')).toBe(false);
  });

  it('stops a run at its deadline', async () => {
    const error = failureOf(
      await provisioner('slow.yml').provision({
        target: suite.sshd.target,
        privateKey: suite.sshd.privateKey,
        knownHostKey: suite.sshd.hostKey,
        vars: { fixture_sleep_seconds: 60 },
        timeoutMs: 8000,
      }),
    );
    expect(error.code).toBe('PROVISION_TIMEOUT');
    expect(error.retryable).toBe(true);
  });

  it('does not start a run that is already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = failureOf(
      await provisioner('harmless.yml').provision({
        target: suite.sshd.target,
        privateKey: suite.sshd.privateKey,
        knownHostKey: null,
        vars: {},
        signal: controller.signal,
      }),
    );
    expect(error.code).toBe('PROVISION_CANCELLED');
  });

  it('classifies a playbook that does not load as invalid', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'pressluft-invalid-'));
    const playbook = join(directory, 'invalid.yml');
    await writeFile(
      playbook,
      '- hosts: all\n  tasks:\n    - community.general.ufw: {rule: allow, port: "22"}\n',
    );
    try {
      const error = failureOf(
        await createAnsibleProvisioner({
          provisionPlaybookPath: playbook,
          temporaryDirectory: suite.runs,
        }).provision({
          target: suite.sshd.target,
          privateKey: suite.sshd.privateKey,
          knownHostKey: null,
          vars: {},
        }),
      );
      expect(error.code).toBe('PROVISION_PLAYBOOK_INVALID');
      expect(error.message).toContain('community.general.ufw');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

/** Whether a process suite.runs (a zombie waiting for its reaper does not). */
async function isRunning(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z';
  } catch {
    return false;
  }
}

async function closedPort(): Promise<number> {
  return await new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 1));
    });
  });
}
