/**
 * What a crashed control plane leaves behind, and how the runner cleans it up: run directories named
 * by job attempt with a record of their processes, a sweep at start that removes the runs of dead
 * owners (keys included) and stops their orphaned process groups, and no two attempts of one job
 * running against the node at once. Real ansible-playbook against a loopback sshd.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProvisionEvent } from '@pressluft/core';
import { describe, expect, it } from 'vitest';
import { createAnsibleProvisioner, defaultAnsibleDirectory } from '../src/index.js';
import { parseSshdConnections } from '../src/testing/index.js';
import { failureOf, processesMentioning, successOf, useLoopbackRunSuite } from './run-inspection.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(defaultAnsibleDirectory, 'playbooks', 'fixtures');

interface Record {
  jobId: string | null;
  attempt: number | null;
  owner: { pid: number; startTime: string | null };
  ansible: { pid: number; pgid: number; startTime: string | null } | null;
}

async function readRecord(directory: string): Promise<Record | undefined> {
  try {
    return JSON.parse(await readFile(join(directory, 'run.json'), 'utf8')) as Record;
  } catch {
    return undefined;
  }
}

/** Whether a live (not zombie) process of the group remains: zombies wait for a reaper, they run nothing. */
function groupAlive(pgid: number): boolean {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && Number(fields[2]) === pgid) return true;
    } catch {
      // Gone while we looked.
    }
  }
  return false;
}

async function until<T>(check: () => Promise<T | undefined>, what: string, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The run directory of a job attempt once its ansible-playbook is recorded. */
async function recordedRun(runs: string, prefix: string): Promise<{ directory: string; record: Record }> {
  return until(async () => {
    for (const name of await readdir(runs)) {
      if (!name.startsWith(prefix)) continue;
      const record = await readRecord(join(runs, name));
      if (record?.ansible != null) return { directory: join(runs, name), record };
    }
    return undefined;
  }, `a recorded run ${prefix}*`);
}

/** A process that exited: its pid names no process (unless reused, which the start time catches). */
async function deadProcess(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 0;
}

describe('crash hygiene of the ansible runner (real ansible-playbook, loopback sshd)', () => {
  const suite = useLoopbackRunSuite({ sudo: false });

  it('sweeps at start the run directories (and keys) of dead owners, and keeps those of live ones', async () => {
    const writeRun = async (name: string, owner: { pid: number; startTime: string | null } | null) => {
      const directory = join(suite.runs, name);
      await mkdir(directory, { mode: 0o700 });
      await writeFile(join(directory, 'ssh_key'), 'stale private key\n', { mode: 0o600 });
      if (owner !== null) {
        const record = { version: 1, jobId: 'job_a', attempt: 1, playbook: 'x.yml', owner, createdAt: 0 };
        await writeFile(join(directory, 'run.json'), JSON.stringify({ ...record, ansible: null }));
      }
      return directory;
    };
    const sleeper = spawn('sleep', ['60']);
    const sleeperStart = (await readFile(`/proc/${sleeper.pid}/stat`, 'utf8')).split(') ')[1]?.split(' ')[19];
    try {
      const dead = await writeRun('job-a-attempt-1-dead01', { pid: await deadProcess(), startTime: '1' });
      // The pid is alive, but it is another process now: its start time differs.
      const reused = await writeRun('job-a-attempt-1-reuse1', { pid: sleeper.pid ?? 0, startTime: '1' });
      const live = await writeRun('job-a-attempt-1-live01', {
        pid: sleeper.pid ?? 0,
        startTime: sleeperStart ?? null,
      });
      const oldUnrecorded = await writeRun('job-a-attempt-1-old001', null);
      const twoMinutesAgo = new Date(Date.now() - 120_000);
      await utimes(oldUnrecorded, twoMinutesAgo, twoMinutesAgo);
      const freshUnrecorded = await writeRun('job-a-attempt-1-new001', null);

      const recovery = successOf(await createAnsibleProvisioner({ runDirectory: suite.runs }).recover!());

      expect(recovery).toEqual({ removedRuns: 3, stoppedProcesses: 0 });
      const left = (await readdir(suite.runs)).map((name) => join(suite.runs, name)).sort();
      expect(left).toEqual([freshUnrecorded, live].sort());
      for (const gone of [dead, reused, oldUnrecorded]) expect(left).not.toContain(gone);
      // The sweep never touches a process that is not the run's own: the live owner still runs.
      expect(sleeper.exitCode).toBeNull();
      await rm(live, { recursive: true });
      await rm(freshUnrecorded, { recursive: true });
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('kills at start the orphaned process group of a control plane killed with SIGKILL, and removes its key', async () => {
    const inputPath = join(suite.runs, '..', `orphan-input-${process.pid}.json`);
    await writeFile(
      inputPath,
      JSON.stringify({
        runDirectory: suite.runs,
        playbookPath: join(fixtures, 'slow.yml'),
        target: suite.sshd.target,
        privateKey: suite.sshd.privateKey,
        knownHostKey: suite.sshd.hostKey,
        vars: { fixture_sleep_seconds: 40 },
        run: { jobId: 'job_orphan', attempt: 1 },
      }),
      { mode: 0o600 },
    );
    let owner: ChildProcess | undefined;
    try {
      owner = spawn(
        process.execPath,
        ['--conditions=pressluft-source', '--import', 'tsx', join(here, 'fixtures', 'run-then-wait.ts')],
        {
          cwd: join(here, '..'),
          env: { ...process.env, PRESSLUFT_RUN_INPUT: inputPath },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let output = '';
      owner.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
      });
      await until(
        async () => (output.includes('task-started Sleep on the node') ? true : undefined),
        'the run to reach its sleep',
        60_000,
      );
      const { directory, record } = await recordedRun(suite.runs, 'job-job_orphan-attempt-1-');
      expect(record.owner.pid).toBe(owner.pid);
      expect(record.ansible?.pgid).toBe(record.ansible?.pid);
      const pgid = record.ansible?.pgid ?? 0;

      owner.kill('SIGKILL');
      await new Promise((resolve) => owner?.once('exit', resolve));
      // What a crash leaves: the group runs on without its owner, and the key stays on disk.
      expect(groupAlive(pgid)).toBe(true);
      expect(await readFile(join(directory, 'ssh_key'), 'utf8')).toContain('PRIVATE KEY');

      const recovery = successOf(await createAnsibleProvisioner({ runDirectory: suite.runs }).recover!());

      expect(recovery.removedRuns).toBe(1);
      expect(recovery.stoppedProcesses).toBeGreaterThanOrEqual(1);
      expect(groupAlive(pgid)).toBe(false);
      expect(await processesMentioning(directory)).toEqual([]);
      await expect(stat(directory)).rejects.toThrow();
      // The node saw the orphan's connection end.
      const connections = parseSshdConnections(await readFile(suite.sshd.logPath, 'utf8'));
      expect(connections.filter((connection) => connection.closedAt === undefined)).toEqual([]);
    } finally {
      owner?.kill('SIGKILL');
      await rm(inputPath, { force: true });
    }
  });

  it('stops an older attempt of the job before the next attempt runs, so the two never overlap on the node', async () => {
    const slow = createAnsibleProvisioner({
      runDirectory: suite.runs,
      provisionPlaybookPath: join(fixtures, 'slow.yml'),
      sshRetries: 0,
      killGraceMs: 500,
    });
    const harmless = createAnsibleProvisioner({
      runDirectory: suite.runs,
      provisionPlaybookPath: join(fixtures, 'harmless.yml'),
      sshRetries: 0,
      killGraceMs: 500,
    });
    const connection = {
      target: suite.sshd.target,
      privateKey: suite.sshd.privateKey,
      knownHostKey: suite.sshd.hostKey,
    };
    const logStart = (await readFile(suite.sshd.logPath, 'utf8')).split('\n').length - 1;
    const sleeping = { reached: false };
    // Attempt 1 stands for an attempt whose worker lost its lease but whose process lives on.
    const first = slow.provision({
      ...connection,
      vars: { fixture_sleep_seconds: 40 },
      run: { jobId: 'job_overlap', attempt: 1 },
      onEvent: (event: ProvisionEvent) => {
        if (event.type === 'task-started' && event.name === 'Sleep on the node') sleeping.reached = true;
      },
    });
    await until(async () => (sleeping.reached ? true : undefined), 'attempt 1 to reach its sleep', 60_000);
    const { directory, record } = await recordedRun(suite.runs, 'job-job_overlap-attempt-1-');
    expect(record).toMatchObject({ jobId: 'job_overlap', attempt: 1, owner: { pid: process.pid } });
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    expect((await stat(suite.runs)).mode & 0o777).toBe(0o700);
    const firstPgid = record.ansible?.pgid ?? 0;

    let firstSettledBeforeSecondStarted: boolean | undefined;
    let firstGroupAliveAtSecondStart: boolean | undefined;
    const firstSettled = (async () => {
      const result = await first;
      firstSettledBeforeSecondStarted ??= true;
      return result;
    })();
    const second = await harmless.provision({
      ...connection,
      vars: {},
      run: { jobId: 'job_overlap', attempt: 2 },
      onEvent: (event) => {
        if (event.type === 'playbook-started') {
          firstSettledBeforeSecondStarted ??= false;
          firstGroupAliveAtSecondStart = groupAlive(firstPgid);
        }
      },
    });
    successOf(second);
    // The older attempt's whole group was gone before this attempt's Ansible said anything.
    expect(firstGroupAliveAtSecondStart).toBe(false);
    expect(firstSettledBeforeSecondStarted).toBe(true);
    expect(failureOf(await firstSettled).code).not.toBe('PROVISION_TIMEOUT');
    expect(groupAlive(firstPgid)).toBe(false);

    // The sshd saw attempt 1's connection close before attempt 2's opened.
    const log = (await readFile(suite.sshd.logPath, 'utf8')).split('\n').slice(logStart).join('\n');
    const connections = parseSshdConnections(log).filter((entry) => entry.address === '127.0.0.1');
    expect(connections.length).toBeGreaterThanOrEqual(2);
    for (const [index, later] of connections.entries()) {
      for (const earlier of connections.slice(0, index)) {
        expect(earlier.closedAt, `${earlier.client} still open`).toBeDefined();
        expect(earlier.closedAt ?? Number.POSITIVE_INFINITY).toBeLessThan(later.openedAt);
      }
    }
  });

  it('refuses to start an attempt that a later attempt of the same job already superseded', async () => {
    const slow = createAnsibleProvisioner({
      runDirectory: suite.runs,
      provisionPlaybookPath: join(fixtures, 'slow.yml'),
      sshRetries: 0,
      killGraceMs: 500,
    });
    const connection = {
      target: suite.sshd.target,
      privateKey: suite.sshd.privateKey,
      knownHostKey: suite.sshd.hostKey,
    };
    const abort = new AbortController();
    const later = slow.provision({
      ...connection,
      vars: { fixture_sleep_seconds: 40 },
      run: { jobId: 'job_superseded', attempt: 3 },
      signal: abort.signal,
    });
    const { record } = await recordedRun(suite.runs, 'job-job_superseded-attempt-3-');
    const stale = failureOf(
      await slow.provision({
        ...connection,
        vars: { fixture_sleep_seconds: 40 },
        run: { jobId: 'job_superseded', attempt: 2 },
      }),
    );
    expect(stale.code).toBe('PROVISION_CANCELLED');
    expect(stale.message).toContain('superseded by attempt 3');
    // The later attempt was not disturbed.
    expect(groupAlive(record.ansible?.pgid ?? 0)).toBe(true);
    abort.abort();
    expect(failureOf(await later).code).toBe('PROVISION_CANCELLED');
  });

  it('creates its run directory 0700 and refuses a shared temporary directory', async () => {
    const nested = join(suite.runs, 'nested', 'runs');
    successOf(await createAnsibleProvisioner({ runDirectory: nested }).recover!());
    expect((await stat(nested)).mode & 0o777).toBe(0o700);
    await rm(join(suite.runs, 'nested'), { recursive: true });
    const shared = failureOf(await createAnsibleProvisioner({ runDirectory: tmpdir() }).recover!());
    expect(shared.message).toContain('shared (sticky) directory');
  });
});
