import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject, ProvisionError, ProvisionEvent, ReadinessReport } from '@pressluft/core';
import { checkTestHostPrerequisites, sshOptions, startTestHost, type TestHost } from '@pressluft/test-host';
import { execa } from 'execa';
import { afterAll, beforeAll } from 'vitest';
import { createAnsibleProvisioner } from '../src/index.js';

/** The one line a real-host suite skips with outside CI (with CI=true a missing prerequisite throws). */
export const realHostSkipReason = checkTestHostPrerequisites();

/** The outcome of one playbook run against the test host, with its counters. */
export interface RealRun {
  readonly error: ProvisionError | undefined;
  readonly ok: number;
  readonly changed: number;
  readonly failed: number;
  readonly seconds: number;
  readonly events: readonly ProvisionEvent[];
}

/** A test host with a managed key and a provisioner pointed at it. */
export interface RealHostSuite {
  readonly host: TestHost;
  /** Path of the managed private key (authorized for root, then for the admin user). */
  readonly keyPath: string;
  readonly publicKey: string;
  /** Vars every run passes (the managed key for the admin user, a small forced swap file). */
  readonly vars: JsonObject;
  provision(
    label: string,
    vars?: JsonObject,
    options?: { signal?: AbortSignal; onEvent?: (event: ProvisionEvent) => void },
  ): Promise<RealRun>;
  readiness(label: string, vars?: JsonObject): Promise<ReadinessReport>;
  /** ssh from this machine to the host with the managed key (or another key), never prompting. */
  ssh(
    user: string,
    command: string,
    extra?: { key?: string; bindAddress?: string },
  ): Promise<{ exitCode: number; stdout: string; stderr: string }>;
}

/** Start a test host before the suite and stop it after (checking it leaves nothing behind). */
export function useRealHost(name: string): RealHostSuite {
  const otherAnsible = process.env['PRESSLUFT_REAL_HOST_ANSIBLE_DIRECTORY'];
  let host: TestHost | undefined;
  let directory = '';
  let publicKey = '';
  let privateKey = '';
  const vars: JsonObject = {};
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'pressluft-real-host-'));
    await execa('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'managed',
      '-f',
      join(directory, 'key'),
    ]);
    privateKey = await readFile(join(directory, 'key'), 'utf8');
    publicKey = (await readFile(join(directory, 'key.pub'), 'utf8'))
      .trim()
      .split(/\s+/)
      .slice(0, 2)
      .join(' ');
    await execa('mkdir', ['-m', '700', join(directory, 'runs')]);
    host = await startTestHost({ name, authorizedKey: publicKey });
    Object.assign(vars, {
      pressluft_admin_authorized_keys: [publicKey],
      // Force the swap role on (the machine has plenty of memory) with a small file.
      pressluft_swap_when_memory_below_mb: 1_048_576,
      pressluft_swap_size_mb: 32,
      ...(otherAnsible === undefined ? {} : { pressluft_require_ubuntu_2404: false }),
    });
    // The first start of a run may build the rootfs (minutes on a busy machine).
  }, 900_000);
  afterAll(async () => {
    if (host !== undefined) {
      await host.stop();
      const left = await host.leftovers();
      if (left.length > 0) throw new Error(`the test host left things behind: ${left.join('; ')}`);
    }
    await rm(directory, { recursive: true, force: true });
  });
  const current = (): TestHost => {
    if (host === undefined) throw new Error('the test host has not started');
    return host;
  };
  // PRESSLUFT_REAL_HOST_ANSIBLE_DIRECTORY runs the same tests against another copy of ansible/ (an
  // older commit, to see them fail before a fix); that copy's image check is turned off.
  const provisioner = () =>
    createAnsibleProvisioner({
      temporaryDirectory: join(directory, 'runs'),
      ...(otherAnsible === undefined ? {} : { ansibleDirectory: otherAnsible }),
    });
  const target = () => ({ host: current().address, port: current().sshPort, user: 'root' });
  return {
    get host() {
      return current();
    },
    get keyPath() {
      return join(directory, 'key');
    },
    get publicKey() {
      return publicKey;
    },
    vars,
    async provision(label, extraVars = {}, options = {}) {
      const events: ProvisionEvent[] = [];
      const started = Date.now();
      const result = await provisioner().provision({
        target: target(),
        privateKey,
        knownHostKey: current().hostKey,
        vars: { ...vars, ...extraVars },
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onEvent: (event) => {
          events.push(event);
          options.onEvent?.(event);
        },
      });
      const seconds = (Date.now() - started) / 1000;
      const stats = Object.values(events.find((event) => event.type === 'stats')?.stats ?? {})[0] ?? {};
      const run: RealRun = {
        error: result.isErr() ? result.error : undefined,
        ok: stats['ok'] ?? 0,
        changed: stats['changed'] ?? 0,
        failed: stats['failures'] ?? 0,
        seconds,
        events,
      };
      console.log(
        `[real-host] ${name} node-provision ${label}: ok=${run.ok} changed=${run.changed} failed=${run.failed} in ${seconds.toFixed(1)} s${run.error ? ` (${run.error.code}: ${run.error.message})` : ''}`,
      );
      return run;
    },
    async readiness(label, extraVars = {}) {
      const started = Date.now();
      const result = await provisioner().checkReadiness({
        target: target(),
        privateKey,
        knownHostKey: current().hostKey,
        vars: { ...vars, ...extraVars },
      });
      if (result.isErr()) throw new Error(`readiness failed: ${JSON.stringify(result.error.toJSON())}`);
      console.log(
        `[real-host] ${name} node-readiness ${label}: ${result.value.missing.length} findings in ${((Date.now() - started) / 1000).toFixed(1)} s${result.value.missing.length ? `: ${result.value.missing.join(' | ')}` : ''}`,
      );
      return result.value;
    },
    async ssh(user, command, extra = {}) {
      const result = await execa(
        'ssh',
        [
          ...sshOptions(extra.key ?? join(directory, 'key'), current().knownHostsFile),
          '-o',
          'ConnectTimeout=5',
          ...(extra.bindAddress === undefined ? [] : ['-b', extra.bindAddress]),
          `${user}@${current().address}`,
          command,
        ],
        { reject: false, stdin: 'ignore', timeout: 30_000 },
      );
      return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
    },
  };
}

/** The authentication methods the live sshd offers: what `ssh -o PreferredAuthentications=none` is refused with. */
export async function offeredMethods(host: TestHost): Promise<string[]> {
  const result = await execa(
    'ssh',
    [
      '-o',
      'BatchMode=yes',
      '-o',
      'PreferredAuthentications=none',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      `UserKnownHostsFile=${host.knownHostsFile}`,
      '-o',
      'ConnectTimeout=5',
      `nobody@${host.address}`,
      'true',
    ],
    { reject: false, stdin: 'ignore' },
  );
  const match = /Permission denied \(([^)]*)\)/.exec(result.stderr);
  if (match?.[1] === undefined) throw new Error(`unexpected ssh answer: ${result.stderr}`);
  return match[1].split(',').sort();
}
