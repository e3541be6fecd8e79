import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProvisionEvent } from '@pressluft/core';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { createAnsibleProvisioner, defaultAnsibleDirectory } from '../src/index.js';
import { failureOf, generateKeyPair, successOf, useLoopbackRunSuite } from './run-inspection.js';

// What node-provision.yml would create; none of it may exist after a check-mode run.
const provisionedPaths = [
  '/etc/ssh/sshd_config.d/01-pressluft-hardening.conf',
  '/etc/sudoers.d/90-pressluft-admin',
  '/etc/apt/apt.conf.d/20auto-upgrades',
  '/etc/fail2ban/jail.local',
];
const checkModeUser = 'pressluft-check';

describe('ansible provisioner against a loopback sshd (real ansible-playbook)', () => {
  const suite = useLoopbackRunSuite({ sudo: true });

  it('finds ansible-playbook and its version', async () => {
    const runtime = successOf(await createAnsibleProvisioner().checkRuntime());
    expect(runtime.name).toBe('ansible-playbook');
    expect(runtime.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(runtime.path).toMatch(/^\/.*ansible-playbook$/);
  });

  it('reports a missing runtime with install guidance, before touching the node', async () => {
    const provisioner = createAnsibleProvisioner({
      ansiblePlaybookPath: '/nonexistent/bin/ansible-playbook',
      temporaryDirectory: suite.runs,
    });
    const error = failureOf(await provisioner.checkRuntime());
    expect(error.code).toBe('PROVISION_RUNTIME_MISSING');
    expect(error.guidance).toContain('apt-get install');
    const provisionError = failureOf(
      await provisioner.provision({
        target: suite.sshd.target,
        privateKey: suite.sshd.privateKey,
        knownHostKey: null,
        vars: {},
      }),
    );
    expect(provisionError.code).toBe('PROVISION_RUNTIME_MISSING');
  });

  it('trusts the host key on first use, returns it, streams events live and keeps its files private', async () => {
    const provisioner = createAnsibleProvisioner({
      provisionPlaybookPath: join(defaultAnsibleDirectory, 'playbooks', 'fixtures', 'harmless.yml'),
      temporaryDirectory: suite.runs,
    });
    const events: { event: ProvisionEvent; receivedAt: number }[] = [];
    const modes: Record<string, number> = {};
    let recording: Promise<void> | undefined;
    const result = successOf(
      await provisioner.provision({
        target: suite.sshd.target,
        privateKey: suite.sshd.privateKey,
        knownHostKey: null,
        vars: { some_setting: 'value' },
        onEvent: (event) => {
          events.push({ event, receivedAt: Date.now() });
          if (event.type === 'playbook-started') recording = recordModes(suite.runs, modes);
        },
      }),
    );
    const finishedAt = Date.now();
    expect(result.hostKey).toBe(suite.sshd.hostKey);
    expect(result.ok).toBe(2);
    expect(result.changed).toBe(0);
    expect(events.map(({ event }) => event.type)).toEqual([
      'playbook-started',
      'play-started',
      'task-started',
      'task-ok',
      'task-started',
      'task-ok',
      'stats',
    ]);
    expect(events[3]?.event).toMatchObject({ name: 'Ping the node', host: '127.0.0.1' });
    // Live: the first event arrived well before the run finished, not in one batch at the end.
    expect(events[0]?.receivedAt).toBeLessThan(events.at(-1)?.receivedAt ?? 0);
    expect(events[0]?.receivedAt).toBeLessThan(finishedAt);
    await recording;
    expect(modes).toEqual({
      directory: 0o700,
      ssh_key: 0o600,
      'inventory.json': 0o600,
      'extravars.json': 0o600,
      known_hosts: 0o600,
    });

    // The pinned key from the first run lets the second run in with strict checking.
    const pinned = successOf(
      await provisioner.provision({
        target: suite.sshd.target,
        privateKey: suite.sshd.privateKey,
        knownHostKey: result.hostKey,
        vars: {},
      }),
    );
    expect(pinned.hostKey).toBe(suite.sshd.hostKey);
  });

  it('suite.runs node-provision.yml in check mode without changing the node', async () => {
    for (const path of provisionedPaths) expect(existsSync(path)).toBe(false);
    expect((await execa('id', [checkModeUser], { reject: false })).exitCode).not.toBe(0);

    const events: ProvisionEvent[] = [];
    const result = successOf(
      await createAnsibleProvisioner({ temporaryDirectory: suite.runs }).provision({
        target: suite.sshd.target,
        privateKey: suite.sshd.privateKey,
        knownHostKey: suite.sshd.hostKey,
        checkMode: true,
        vars: {
          // The loopback node is this machine, whatever it runs.
          pressluft_require_supported_image: false,
          pressluft_admin_user: checkModeUser,
          pressluft_admin_authorized_keys: [suite.sshd.publicKey],
        },
        onEvent: (event) => events.push(event),
      }),
    );
    // Check mode reports what would change.
    expect(result.changed).toBeGreaterThan(0);
    const started = events.filter((event) => event.type === 'task-started').map((event) => event.name);
    for (const task of [
      'node_wait : Gather facts about the node',
      'apt_baseline : Install the baseline packages',
      'admin_user : Create the admin user',
      'sshd_hardening : Harden sshd',
      'firewall : Write the firewall rules',
      'fail2ban : Configure fail2ban',
      'swap : Decide whether the node gets swap',
    ]) {
      expect(started).toContain(task);
    }
    expect(
      events.find((event) => event.name === 'sshd_hardening : Harden sshd' && event.type !== 'task-started'),
    ).toMatchObject({ type: 'task-changed' });
    // ...and changes nothing.
    for (const path of provisionedPaths) expect(existsSync(path)).toBe(false);
    expect((await execa('id', [checkModeUser], { reject: false })).exitCode).not.toBe(0);
  });

  it('suite.runs node-readiness.yml for real and reports exactly what this machine lacks', async () => {
    const unauthorized = await generateKeyPair();
    const events: ProvisionEvent[] = [];
    const report = successOf(
      await createAnsibleProvisioner({ temporaryDirectory: suite.runs }).checkReadiness({
        target: suite.sshd.target,
        privateKey: suite.sshd.privateKey,
        knownHostKey: null,
        vars: {
          // The login user exists, holds the managed key and has password-less sudo: no finding.
          pressluft_admin_user: suite.sshd.target.user,
          // A second key it does not hold: exactly one finding.
          pressluft_admin_authorized_keys: [suite.sshd.publicKey, unauthorized.publicKey],
        },
        onEvent: (event) => events.push(event),
      }),
    );
    expect(report.hostKey).toBe(suite.sshd.hostKey);
    expect(report.ready).toBe(false);

    // The loopback node is this machine, so the expectations come from asking it directly.
    const release = await execa('sh', ['-c', '. /etc/os-release && echo "$ID $VERSION_ID"']);
    const supported = ['ubuntu 24.04', 'debian 12'].includes(release.stdout);
    expect(report.missing.some((line) => line.startsWith('operating system: expected one of'))).toBe(
      !supported,
    );
    const packages = ['unattended-upgrades', 'nftables', 'fail2ban', 'python3-systemd', 'systemd-timesyncd'];
    const installed = await execa(
      'dpkg-query',
      // dpkg-query's own ${field} placeholders, not a template string.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query format
      ['-W', '-f', '${Package}=${db:Status-Status}\n', ...packages],
      {
        reject: false,
      },
    );
    const expectedMissingPackages = packages.filter(
      (name) => !installed.stdout.includes(`${name}=installed`),
    );
    expect(report.missing.filter((line) => line.startsWith('package not installed: ')).sort()).toEqual(
      expectedMissingPackages.map((name) => `package not installed: ${name}`).sort(),
    );
    const adminFindings = report.missing.filter((line) => line.includes(suite.sshd.target.user));
    expect(adminFindings).toEqual([
      `admin user ${suite.sshd.target.user}: key not authorized: ${unauthorized.publicKey}`,
    ]);
    const sshdSettings = (await execa('/usr/sbin/sshd', ['-T'])).stdout;
    expect(report.missing.some((line) => line.startsWith('sshd: PasswordAuthentication'))).toBe(
      !/^passwordauthentication no$/m.test(sshdSettings),
    );
    const firewall = await execa('nft', ['list', 'table', 'inet', 'pressluft'], { reject: false });
    expect(report.missing.includes('firewall: nftables table inet pressluft is not loaded')).toBe(
      firewall.exitCode !== 0,
    );

    // Read-only: nothing changed on the node.
    const stats = events.find((event) => event.type === 'stats')?.stats;
    expect(Object.values(stats ?? {}).map((counters) => counters['changed'])).toEqual([0]);
    expect(events.some((event) => event.type === 'task-changed')).toBe(false);
  });

  it('turns failed asserts of a custom readiness playbook into findings with their messages', async () => {
    const report = successOf(
      await createAnsibleProvisioner({
        readinessPlaybookPath: join(defaultAnsibleDirectory, 'playbooks', 'fixtures', 'readiness-assert.yml'),
        temporaryDirectory: suite.runs,
      }).checkReadiness({
        target: suite.sshd.target,
        privateKey: suite.sshd.privateKey,
        knownHostKey: suite.sshd.hostKey,
        vars: {},
      }),
    );
    expect(report).toEqual({
      ready: false,
      missing: [
        'Require the deploy marker: the deploy marker is missing',
        'Require a sane shell: the shell check failed',
      ],
      hostKey: suite.sshd.hostKey,
    });
  });

  it('refuses a readiness playbook that reports nothing', async () => {
    const error = failureOf(
      await createAnsibleProvisioner({
        readinessPlaybookPath: join(defaultAnsibleDirectory, 'playbooks', 'fixtures', 'harmless.yml'),
        temporaryDirectory: suite.runs,
      }).checkReadiness({
        target: suite.sshd.target,
        privateKey: suite.sshd.privateKey,
        knownHostKey: suite.sshd.hostKey,
        vars: {},
      }),
    );
    expect(error.code).toBe('PROVISION_PLAYBOOK_INVALID');
  });
});

/** Record the permissions of the run directory and its files while the run goes on. */
async function recordModes(runs: string, modes: Record<string, number>): Promise<void> {
  const [runDirectory] = await readdir(runs);
  if (runDirectory === undefined) return;
  const path = join(runs, runDirectory);
  modes['directory'] = (await stat(path)).mode & 0o777;
  for (const name of ['ssh_key', 'inventory.json', 'extravars.json', 'known_hosts']) {
    modes[name] = (await stat(join(path, name))).mode & 0o777;
  }
}
