/**
 * The runner's overhead: a one-task playbook over loopback SSH, run through the provisioner and through
 * plain ansible-playbook (same config, callback, key, pinned known_hosts) in the same process, in
 * alternation. Prints wall times and the time from the call to the first live event.
 *
 * Run: pnpm bench:ansible (as root: it starts a loopback sshd with a throwaway user).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { createAnsibleProvisioner, defaultAnsibleDirectory } from '../src/index.js';
import { startLoopbackSshd } from '../src/testing/index.js';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5);
const playbook = join(defaultAnsibleDirectory, 'playbooks', 'fixtures', 'ping.yml');

const sshd = await startLoopbackSshd({ sudo: false });
const plainDirectory = await mkdtemp(join(tmpdir(), 'pressluft-bench-'));
try {
  const provisioner = createAnsibleProvisioner({ provisionPlaybookPath: playbook, sshRetries: 0 });
  const runtime = await provisioner.checkRuntime();
  if (runtime.isErr()) throw runtime.error;

  // Plain ansible-playbook with the files and environment the runner would use, prepared once.
  const key = join(plainDirectory, 'ssh_key');
  const knownHosts = join(plainDirectory, 'known_hosts');
  const inventory = join(plainDirectory, 'inventory.json');
  await writeFile(key, sshd.privateKey, { mode: 0o600 });
  await writeFile(knownHosts, `[127.0.0.1]:${sshd.target.port} ${sshd.hostKey}\n`, { mode: 0o600 });
  await writeFile(
    inventory,
    JSON.stringify({
      all: {
        hosts: {
          '127.0.0.1': {
            ansible_host: '127.0.0.1',
            ansible_port: sshd.target.port,
            ansible_user: sshd.target.user,
          },
        },
      },
    }),
    { mode: 0o600 },
  );
  const plainEnvironment = {
    PATH: '/usr/bin:/bin',
    HOME: plainDirectory,
    LANG: 'C.UTF-8',
    ANSIBLE_CONFIG: join(defaultAnsibleDirectory, 'ansible.cfg'),
    ANSIBLE_SSH_RETRIES: '0',
    ANSIBLE_SSH_CONTROL_PATH_DIR: join(plainDirectory, 'cp'),
    ANSIBLE_SSH_ARGS: `-o ControlMaster=auto -o ControlPersist=30s -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${knownHosts}`,
  };

  const runRunner = async (): Promise<{ wallMs: number; firstEventMs: number }> => {
    const start = performance.now();
    let firstEventMs = Number.NaN;
    const result = await provisioner.provision({
      target: sshd.target,
      privateKey: sshd.privateKey,
      knownHostKey: sshd.hostKey,
      vars: {},
      onEvent: () => {
        if (Number.isNaN(firstEventMs)) firstEventMs = performance.now() - start;
      },
    });
    if (result.isErr()) throw result.error;
    return { wallMs: performance.now() - start, firstEventMs };
  };
  const runPlain = async (): Promise<{ wallMs: number; firstEventMs: number }> => {
    const start = performance.now();
    let firstEventMs = Number.NaN;
    const subprocess = execa('ansible-playbook', ['-i', inventory, '--private-key', key, playbook], {
      env: plainEnvironment,
      extendEnv: false,
      buffer: false,
    });
    for await (const _line of subprocess.iterable({ from: 'stdout' })) {
      if (Number.isNaN(firstEventMs)) firstEventMs = performance.now() - start;
    }
    await subprocess;
    // Same end state as the runner: no control master left behind.
    await execa(
      'sh',
      [
        '-c',
        `for s in ${join(plainDirectory, 'cp')}/*; do [ -S "$s" ] && ssh -o ControlPath="$s" -O exit x; done; true`,
      ],
      {
        reject: false,
      },
    );
    return { wallMs: performance.now() - start, firstEventMs };
  };

  await runRunner();
  await runPlain();
  const runner: { wallMs: number; firstEventMs: number }[] = [];
  const plain: { wallMs: number; firstEventMs: number }[] = [];
  for (let round = 0; round < rounds; round += 1) {
    runner.push(await runRunner());
    plain.push(await runPlain());
  }

  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
      ? (sorted[middle] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  };
  const format = (values: number[]): string =>
    `median ${(median(values) / 1000).toFixed(2)} s (min ${(Math.min(...values) / 1000).toFixed(2)}, max ${(Math.max(...values) / 1000).toFixed(2)})`;
  const runnerWall = runner.map((run) => run.wallMs);
  const plainWall = plain.map((run) => run.wallMs);
  console.log(
    `ansible-playbook ${runtime.value.version}, one-task playbook over loopback SSH, ${rounds} rounds each (after one warm-up)`,
  );
  console.log(`runner:                wall ${format(runnerWall)}`);
  console.log(`plain ansible-playbook: wall ${format(plainWall)}`);
  console.log(
    `runner overhead:       ${((median(runnerWall) - median(plainWall)) / 1000).toFixed(2)} s (median difference; target <= 0.30 s)`,
  );
  console.log(
    `runner first event:    ${format(runner.map((run) => run.firstEventMs))} after the call (target <= 1 s)`,
  );
  console.log(`plain first line:      ${format(plain.map((run) => run.firstEventMs))} after spawn`);
  console.log(`load average:          ${(await execa('cat', ['/proc/loadavg'])).stdout}`);
} finally {
  await sshd.stop();
  await rm(plainDirectory, { recursive: true, force: true });
}
