import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { appendFile, chmod, mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { type BaseImageOptions, ensureBaseImage, isAlive } from './base-image.js';
import { accepts, acquireLoopbackProxy, loopbackProxyPid, releaseLoopbackProxy } from './loopback-proxy.js';

/** Options of {@link startTestHost}. */
export interface TestHostOptions extends BaseImageOptions {
  /** The host name inside the container. Default `pressluft-test-<N>`. */
  readonly name?: string;
  /** A public key (`ssh-ed25519 AAAA…`) root accepts, besides the helper's own. */
  readonly authorizedKey: string;
  /** How long to wait for sshd after boot. Default 60 s. */
  readonly bootTimeoutMs?: number;
}

/** The result of a command run inside the host. */
export interface TestHostCommandResult {
  /** The exit code (non-zero does not throw). */
  readonly exitCode: number;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
}

/** Milliseconds spent in each phase of a test host's life. */
export interface TestHostTimings {
  /** Unpacking the cached rootfs tarball. */
  unpackMs: number;
  /** From starting systemd-nspawn until root logs in over SSH. */
  bootToSshMs: number;
  /** Stopping every process and removing namespace, veth and rootfs (set by stop()). */
  teardownMs?: number;
}

/** A booted Debian 12 system in its own network namespace. */
export interface TestHost {
  /** The host name. */
  readonly name: string;
  /** The host's address, which exists only inside its namespace and on the veth pair. */
  readonly address: string;
  /** The SSH port (22). */
  readonly sshPort: number;
  /** The address the host sees connections from this machine come from (the veth's host end). */
  readonly controllerAddress: string;
  /**
   * A second address on this machine's end of the veth: `ssh -o BindAddress=<it>` makes a
   * connection that the host sees as coming from another client (for fail2ban tests).
   */
  readonly otherClientAddress: string;
  /** `ADDRESS ssh-ed25519 AAAA…`: the host key, pinned before first contact. */
  readonly knownHostsLine: string;
  /** The host key alone (`ssh-ed25519 AAAA…`), as a provisioner's `knownHostKey`. */
  readonly hostKey: string;
  /** A known_hosts file holding {@link knownHostsLine}. */
  readonly knownHostsFile: string;
  /** The HTTP proxy URL inside the host (apt already uses it; npm can be pointed at it). */
  readonly proxyUrl: string;
  /** The rootfs directory on this machine (for inspection; do not write while running). */
  readonly rootfs: string;
  /** The pid of the container's PID 1 (systemd) on this machine. */
  readonly initPid: number;
  /** Phase timings. */
  readonly timings: TestHostTimings;
  /**
   * Run a shell command inside the host as root, through nsenter into its namespaces: works even when
   * the host's own sshd or firewall is broken by the test.
   */
  exec(command: string): Promise<TestHostCommandResult>;
  /**
   * Stop everything by pid (the container's PID 1, then nspawn, socat; the shared proxy with the last
   * host), delete the veth and the namespace, remove the rootfs. Safe to call twice.
   */
  stop(): Promise<void>;
  /** After stop(): whatever is still there (processes, namespace, link, files); empty when clean. */
  leftovers(): Promise<string[]>;
}

const LOCK_DIRECTORY = '/run/pressluft-test-host';
const SUBNET = '10.231';

/**
 * Start a disposable Debian 12 host: unpack the cached bookworm rootfs (building it first if needed),
 * give it fresh host keys, boot it with `systemd-nspawn -b` in a new network namespace joined to this
 * machine by a veth pair (10.231.N.0/24), route its apt through a loopback tinyproxy, and wait until
 * root logs in with a pinned host key. Needs root; see {@link checkTestHostPrerequisites}.
 */
export async function startTestHost(options: TestHostOptions): Promise<TestHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  const image = await ensureBaseImage(options);
  const slot = await claimSlot();
  const index = slot.index;
  const name = options.name ?? `pressluft-test-${index}`;
  const netns = `plth${index}`;
  const hostLink = `${netns}-h`;
  const containerLink = `${netns}-c`;
  const controllerAddress = `${SUBNET}.${index}.1`;
  const address = `${SUBNET}.${index}.2`;
  const otherClientAddress = `${SUBNET}.${index}.3`;
  const directory = await mkdtemp(join(tmpdir(), 'pressluft-test-host-'));
  const rootfs = join(directory, 'rootfs');
  const timings: TestHostTimings = { unpackMs: 0, bootToSshMs: 0 };
  let nspawn: ChildProcess | undefined;
  let socat: ChildProcess | undefined;
  let initPid = 0;
  let proxyJoined = false;
  let proxyPid = 0;
  let stopped = false;

  const teardownSync = (): void => {
    if (initPid > 0) killQuietly(initPid);
    if (nspawn?.pid !== undefined) killQuietly(nspawn.pid);
    if (socat?.pid !== undefined) killQuietly(-socat.pid);
    spawnSync('ip', ['link', 'del', hostLink]);
    spawnSync('ip', ['netns', 'del', netns]);
    spawnSync('rm', ['-rf', '--one-file-system', directory]);
    rmSync(slot.path, { force: true });
  };
  process.once('exit', teardownSync);

  const teardown = async (): Promise<void> => {
    process.removeListener('exit', teardownSync);
    // SIGKILL of the container's PID 1 ends its whole PID namespace, and nspawn exits after it. Killing
    // only nspawn would leave the container's systemd and journald running here.
    if (initPid > 0) killQuietly(initPid);
    if (nspawn?.pid !== undefined) {
      if (!(await exited(nspawn.pid, 10_000))) killQuietly(nspawn.pid);
      await exited(nspawn.pid, 5000);
    }
    if (socat?.pid !== undefined) {
      killQuietly(-socat.pid);
      await exited(socat.pid, 5000);
    }
    if (proxyJoined) await releaseLoopbackProxy();
    await execa('ip', ['link', 'del', hostLink], { reject: false });
    await execa('ip', ['netns', 'del', netns], { reject: false });
    await execa('rm', ['-rf', '--one-file-system', directory], { reject: false });
    await rm(slot.path, { force: true });
  };

  try {
    let started = Date.now();
    await mkdir(rootfs);
    await execa('tar', ['--numeric-owner', '--xattrs', '-C', rootfs, '--zstd', '-xpf', image]);
    timings.unpackMs = Date.now() - started;

    // No DNS in the namespace: without its own name in /etc/hosts, sudo and fact gathering stall.
    await writeFile(join(rootfs, 'etc', 'hostname'), `${name}\n`);
    await appendFile(join(rootfs, 'etc', 'hosts'), `127.0.1.1 ${name}\n`);
    const helperKey = join(directory, 'helper_key');
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test-host-helper', '-f', helperKey]);
    const helperPublicKey = (await readFile(`${helperKey}.pub`, 'utf8')).trim();
    await mkdir(join(rootfs, 'root', '.ssh'), { recursive: true, mode: 0o700 });
    await writeFile(
      join(rootfs, 'root', '.ssh', 'authorized_keys'),
      `${options.authorizedKey}\n${helperPublicKey}\n`,
      {
        mode: 0o600,
      },
    );
    await execa('ssh-keygen', ['-q', '-A', '-f', rootfs]);
    const hostKey = (await readFile(join(rootfs, 'etc', 'ssh', 'ssh_host_ed25519_key.pub'), 'utf8'))
      .trim()
      .split(/\s+/)
      .slice(0, 2)
      .join(' ');
    const knownHostsLine = `${address} ${hostKey}`;
    const knownHostsFile = join(directory, 'known_hosts');
    await writeFile(knownHostsFile, `${knownHostsLine}\n`, { mode: 0o600 });
    const proxyUrl = `http://${controllerAddress}:3128`;
    await writeFile(
      join(rootfs, 'etc', 'apt', 'apt.conf.d', '90pressluft-test-proxy'),
      `Acquire::http::Proxy "${proxyUrl}";\nAcquire::https::Proxy "${proxyUrl}";\n`,
    );

    await execa('ip', ['netns', 'add', netns]);
    await execa('ip', ['link', 'add', hostLink, 'type', 'veth', 'peer', 'name', containerLink]);
    await execa('ip', ['link', 'set', containerLink, 'netns', netns]);
    await execa('ip', ['addr', 'add', `${controllerAddress}/24`, 'dev', hostLink]);
    await execa('ip', ['addr', 'add', `${otherClientAddress}/24`, 'dev', hostLink]);
    await execa('ip', ['link', 'set', hostLink, 'up']);
    await execa('ip', ['-n', netns, 'link', 'set', 'lo', 'up']);
    await execa('ip', ['-n', netns, 'addr', 'add', `${address}/24`, 'dev', containerLink]);
    await execa('ip', ['-n', netns, 'link', 'set', containerLink, 'up']);
    await execa('ip', ['-n', netns, 'route', 'add', 'default', 'via', controllerAddress]);

    const proxy = await acquireLoopbackProxy();
    proxyJoined = true;
    proxyPid = proxy.pid;
    socat = spawn(
      'socat',
      [`TCP-LISTEN:3128,bind=${controllerAddress},fork,reuseaddr`, `TCP:127.0.0.1:${proxy.port}`],
      { detached: true, stdio: 'ignore' },
    );

    started = Date.now();
    const consoleLog = openSync(join(directory, 'console.log'), 'a');
    // Both --register=no and --keep-unit: this machine's PID 1 is not systemd and there is no D-Bus.
    nspawn = spawn(
      'systemd-nspawn',
      [
        '-q',
        '-b',
        '-D',
        rootfs,
        '-M',
        name,
        '--register=no',
        '--keep-unit',
        '--console=read-only',
        `--network-namespace-path=/run/netns/${netns}`,
        '--capability=CAP_NET_ADMIN',
      ],
      { detached: true, stdio: ['ignore', consoleLog, consoleLog] },
    );
    closeSync(consoleLog);
    const deadline = Date.now() + (options.bootTimeoutMs ?? 60_000);
    for (;;) {
      if (nspawn.exitCode !== null || nspawn.signalCode !== null) {
        throw new Error(`systemd-nspawn exited during boot: ${await consoleTail(directory)}`);
      }
      if (Date.now() > deadline)
        throw new Error(`no SSH login within the boot timeout: ${await consoleTail(directory)}`);
      if (await accepts(address, 22)) {
        const login = await execa(
          'ssh',
          [...sshOptions(helperKey, knownHostsFile), '-o', 'ConnectTimeout=2', `root@${address}`, 'true'],
          { reject: false, stdin: 'ignore', timeout: 10_000 },
        );
        if (login.exitCode === 0) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    timings.bootToSshMs = Date.now() - started;
    initPid = childPid(nspawn.pid ?? 0) ?? 0;
    if (initPid === 0) throw new Error('could not find the container PID 1');
    if (!(await accepts(controllerAddress, 3128))) throw new Error('the proxy relay (socat) does not listen');
    log(
      `[test-host] ${name} (${address}): unpack ${(timings.unpackMs / 1000).toFixed(1)} s, boot to ssh ${(timings.bootToSshMs / 1000).toFixed(1)} s`,
    );

    const nspawnPid = nspawn.pid ?? 0;
    const socatPid = socat.pid ?? 0;
    const host: TestHost = {
      name,
      address,
      sshPort: 22,
      controllerAddress,
      otherClientAddress,
      knownHostsLine,
      hostKey,
      knownHostsFile,
      proxyUrl,
      rootfs,
      initPid,
      timings,
      async exec(command: string): Promise<TestHostCommandResult> {
        const result = await execa(
          'nsenter',
          ['-t', String(initPid), '-m', '-u', '-i', '-n', '-p', '--', '/bin/sh', '-c', command],
          {
            reject: false,
            stdin: 'ignore',
            extendEnv: false,
            env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' },
          },
        );
        return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
      },
      async stop(): Promise<void> {
        if (stopped) return;
        stopped = true;
        const begun = Date.now();
        await teardown();
        timings.teardownMs = Date.now() - begun;
        log(`[test-host] ${name}: teardown ${(timings.teardownMs / 1000).toFixed(1)} s`);
      },
      async leftovers(): Promise<string[]> {
        const found: string[] = [];
        for (const [what, pid] of [
          ['container PID 1', initPid],
          ['systemd-nspawn', nspawnPid],
          ['socat', socatPid],
        ] as const) {
          if (pid > 0 && isAlive(pid)) found.push(`${what} (pid ${pid}) is still running`);
        }
        // The proxy is shared: it must be gone once no host of this process uses it.
        if (loopbackProxyPid() === undefined && proxyPid > 0 && isAlive(proxyPid)) {
          found.push(`tinyproxy (pid ${proxyPid}) is still running`);
        }
        for (const process of processesMatching((commandLine) => commandLine.includes(directory))) {
          found.push(`a process mentions the host's directory: ${process.pid} ${process.commandLine}`);
        }
        if (existsSync(`/run/netns/${netns}`)) found.push(`network namespace ${netns} exists`);
        if (existsSync(`/sys/class/net/${hostLink}`)) found.push(`link ${hostLink} exists`);
        const addresses = (await execa('ip', ['-o', 'addr', 'show'])).stdout;
        if (addresses.includes(`${SUBNET}.${index}.`))
          found.push(`an address in ${SUBNET}.${index}.0/24 is configured`);
        if (existsSync(directory)) found.push(`directory ${directory} exists`);
        if (existsSync(slot.path)) found.push(`slot lock ${slot.path} exists`);
        const mounts = readFileSync('/proc/self/mounts', 'utf8');
        if (mounts.includes(directory)) found.push(`something is mounted under ${directory}`);
        return found;
      },
    };
    return host;
  } catch (error) {
    await teardown();
    throw error;
  }
}

/** ssh options that log in with a key and only the pinned host key, never prompting. */
export function sshOptions(privateKeyPath: string, knownHostsFile: string): string[] {
  return [
    '-i',
    privateKeyPath,
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `UserKnownHostsFile=${knownHostsFile}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'ControlMaster=no',
    '-o',
    'ControlPath=none',
  ];
}

/** Take a free 10.231.N.0/24 (N in 1..250): a lock file with our pid, and no such address configured. */
async function claimSlot(): Promise<{ index: number; path: string }> {
  await mkdir(LOCK_DIRECTORY, { recursive: true });
  const configured = (await execa('ip', ['-o', 'addr', 'show'])).stdout;
  for (let index = 1; index <= 250; index += 1) {
    if (configured.includes(`${SUBNET}.${index}.`) || existsSync(`/run/netns/plth${index}`)) continue;
    const path = join(LOCK_DIRECTORY, `${index}.lock`);
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      await chmod(path, 0o600);
      return { index, path };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
        await rm(path, { force: true });
        index -= 1;
      }
    }
  }
  throw new Error(`no free ${SUBNET}.N.0/24 for a test host`);
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function exited(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (isAlive(pid) && !isZombie(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function childPid(parent: number): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parent) return Number(name);
    } catch {
      // Gone while we looked.
    }
  }
  return undefined;
}

function processesMatching(test: (commandLine: string) => boolean): { pid: number; commandLine: string }[] {
  const found: { pid: number; commandLine: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const commandLine = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      if (commandLine.length > 0 && test(commandLine)) found.push({ pid: Number(name), commandLine });
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

async function consoleTail(directory: string): Promise<string> {
  const text = await readFile(join(directory, 'console.log'), 'utf8').catch(() => '');
  return text.slice(-2000);
}
