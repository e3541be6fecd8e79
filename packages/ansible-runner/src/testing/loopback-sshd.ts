import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SshTarget } from '@pressluft/core';
import { execa } from 'execa';

/** Options of {@link startLoopbackSshd}. */
export interface LoopbackSshdOptions {
  /**
   * Give the login user password-less sudo (a drop-in in `/etc/sudoers.d`), so playbooks with
   * `become: true` work. Default true; needs the `sudo` package.
   */
  readonly sudo?: boolean;
  /** Where to put the server's files (config, host key, client key); default a fresh directory in the OS temp dir. */
  readonly directory?: string;
  /** Path of the sshd binary; default `/usr/sbin/sshd` (sshd re-executes itself, so it must be absolute). */
  readonly sshdPath?: string;
  /**
   * Loopback addresses to listen on, all on the same port; default `['127.0.0.1']`. Several let one
   * sshd stand in for several nodes, told apart in its log by the address a connection came in on.
   */
  readonly listenAddresses?: readonly string[];
}

/** A running sshd on 127.0.0.1 with a throwaway login user and key pair. */
export interface LoopbackSshd {
  /** Host, port and user to connect to. */
  readonly target: SshTarget;
  /** The OpenSSH private key authorized for the user (generated for this server). */
  readonly privateKey: string;
  /** Its public key (`ssh-ed25519 AAAA…`). */
  readonly publicKey: string;
  /** The server's host key (`ssh-ed25519 AAAA…`), to compare with what a client pinned. */
  readonly hostKey: string;
  /** The PID of the listening sshd. */
  readonly pid: number;
  /** The directory holding the server's files. */
  readonly directory: string;
  /**
   * The server's log file (LogLevel VERBOSE): one `Connection from <client> port <p> on <address> port
   * <port>` line per connection and the lines that end it; {@link parseSshdConnections} reads it.
   */
  readonly logPath: string;
  /**
   * Stop the server by its PID, end every process of the login user (a cancelled run leaves remote
   * commands behind), delete the user and its sudoers drop-in, and remove the directory.
   */
  stop(): Promise<void>;
}

/**
 * Start an sshd on 127.0.0.1 on a free port, for integration tests of anything that speaks SSH.
 *
 * It creates a unique login user (`pl-e2e-xxxxxxxx`) with `/bin/sh` as its login shell, so every
 * remote command starts fast (no heavy `.bashrc`), authorizes a freshly generated ed25519 key for it
 * in `~/.ssh/authorized_keys`, and generates a fresh host key. It needs root (useradd, sshd privilege
 * separation). A unique user per server lets test files run in parallel without sharing state.
 * Always call {@link LoopbackSshd.stop}, in an `afterAll`.
 */
export async function startLoopbackSshd(options: LoopbackSshdOptions = {}): Promise<LoopbackSshd> {
  const sshdPath = options.sshdPath ?? '/usr/sbin/sshd';
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'pressluft-sshd-')));
  const user = `pl-e2e-${randomBytes(4).toString('hex')}`;
  const sudoersPath = `/etc/sudoers.d/${user}`;
  let userCreated = false;
  let server: ChildProcess | undefined;

  // If the test process exits without stop() (a killed test run), still end sshd and remove the user.
  const cleanupOnExit = (): void => {
    if (server?.pid !== undefined) killQuietly(server.pid, 'SIGKILL');
    if (userCreated) {
      rmSync(sudoersPath, { force: true });
      const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
      if (Number.isInteger(uid) && uid > 0)
        for (const pid of processIdsOfUserSync(uid)) killQuietly(pid, 'SIGKILL');
      spawnSync('userdel', ['-r', '-f', user]);
    }
    rmSync(directory, { recursive: true, force: true });
  };
  process.once('exit', cleanupOnExit);

  const cleanup = async (): Promise<void> => {
    process.removeListener('exit', cleanupOnExit);
    const pid = server?.pid;
    if (pid !== undefined) {
      const children = await childProcessesOf(pid);
      killQuietly(pid, 'SIGTERM');
      for (const child of children) killQuietly(child, 'SIGTERM');
      await waitForExit(server);
    }
    if (userCreated) {
      const uid = await userId(user);
      if (uid !== undefined) await killProcessesOfUser(uid);
      await rm(sudoersPath, { force: true });
      await execa('userdel', ['-r', '-f', user], { reject: false });
    }
    await rm(directory, { recursive: true, force: true });
  };

  try {
    await execa('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'loopback-host',
      '-f',
      join(directory, 'host_key'),
    ]);
    await execa('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      user,
      '-f',
      join(directory, 'client_key'),
    ]);
    const privateKey = await readFile(join(directory, 'client_key'), 'utf8');
    const publicKey = keyWithoutComment(await readFile(join(directory, 'client_key.pub'), 'utf8'));
    const hostKey = keyWithoutComment(await readFile(join(directory, 'host_key.pub'), 'utf8'));

    // '*' instead of useradd's default '!': sshd without PAM refuses key logins to locked accounts.
    await execa('useradd', ['--create-home', '--shell', '/bin/sh', '--password', '*', user]);
    userCreated = true;
    const home = (await execa('getent', ['passwd', user])).stdout.split(':')[5] ?? `/home/${user}`;
    await mkdir(join(home, '.ssh'), { mode: 0o700 });
    await writeFile(join(home, '.ssh', 'authorized_keys'), `${publicKey}\n`, { mode: 0o600 });
    await execa('chown', ['-R', `${user}:${user}`, join(home, '.ssh')]);
    if (options.sudo ?? true) {
      const candidate = join(directory, 'sudoers');
      await writeFile(candidate, `${user} ALL=(ALL) NOPASSWD:ALL\n`, { mode: 0o440 });
      await execa('visudo', ['-c', '-q', '-f', candidate]);
      await writeFile(sudoersPath, `${user} ALL=(ALL) NOPASSWD:ALL\n`, { mode: 0o440 });
    }

    // The privilege-separation directory; sshd refuses to start without it.
    await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
    const port = await freePort();
    const listenAddresses = options.listenAddresses ?? ['127.0.0.1'];
    const logPath = join(directory, 'sshd.log');
    const configPath = join(directory, 'sshd_config');
    await writeFile(
      configPath,
      [
        `Port ${port}`,
        ...listenAddresses.map((address) => `ListenAddress ${address}`),
        'LogLevel VERBOSE',
        `HostKey ${join(directory, 'host_key')}`,
        `PidFile ${join(directory, 'sshd.pid')}`,
        'AuthorizedKeysFile .ssh/authorized_keys',
        `AllowUsers ${user}`,
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin no',
        'UsePAM no',
        'MaxStartups 50:30:100',
        'MaxSessions 50',
        'Subsystem sftp /usr/lib/openssh/sftp-server',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    await execa(sshdPath, ['-t', '-f', configPath]);
    server = spawn(sshdPath, ['-D', '-E', logPath, '-f', configPath], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // A forgotten server must not keep the test process alive; the exit hook above still stops it.
    server.unref();
    let stderr = '';
    (server.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    server.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-8192);
    });
    const log = (): string => {
      let text = '';
      try {
        text = readFileSync(logPath, 'utf8').slice(-8192);
      } catch {
        // Not written yet.
      }
      return `${stderr}${text}`;
    };
    const pid = server.pid;
    if (pid === undefined) throw new Error(`sshd did not start: ${log()}`);
    for (const address of listenAddresses) await waitForListener(address, port, server, log);

    return {
      target: { host: '127.0.0.1', port, user },
      privateKey,
      publicKey,
      hostKey,
      pid,
      directory,
      logPath,
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function keyWithoutComment(line: string): string {
  return line.trim().split(/\s+/).slice(0, 2).join(' ');
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForListener(
  host: string,
  port: number,
  server: ChildProcess,
  log: () => string,
): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (server.exitCode !== null) throw new Error(`sshd exited with ${server.exitCode}: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sshd did not listen on ${host} port ${port}: ${log()}`);
}

async function waitForExit(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      if (child.pid !== undefined) killQuietly(child.pid, 'SIGKILL');
    }, 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

async function userId(user: string): Promise<number | undefined> {
  const result = await execa('id', ['-u', user], { reject: false });
  return result.exitCode === 0 ? Number(result.stdout.trim()) : undefined;
}

interface ProcessEntry {
  readonly pid: number;
  readonly parentPid: number;
  readonly uid: number;
}

async function listProcesses(): Promise<ProcessEntry[]> {
  const entries: ProcessEntry[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = await readFile(`/proc/${name}/status`, 'utf8');
      const parentPid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      entries.push({ pid: Number(name), parentPid, uid });
    } catch {
      // The process ended while we looked.
    }
  }
  return entries;
}

async function childProcessesOf(pid: number): Promise<number[]> {
  return (await listProcesses()).filter((entry) => entry.parentPid === pid).map((entry) => entry.pid);
}

async function killProcessesOfUser(uid: number): Promise<void> {
  // The user exists only for this server, so every process it owns was started through it.
  for (let round = 0; round < 20; round += 1) {
    const owned = (await listProcesses()).filter((entry) => entry.uid === uid);
    if (owned.length === 0) return;
    for (const entry of owned) killQuietly(entry.pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function processIdsOfUserSync(uid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) === uid) pids.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** One SSH connection as the loopback sshd's log shows it. */
export interface SshdConnection {
  /** The client's address and port (`127.0.0.1:43210`). */
  readonly client: string;
  /** The address the connection came in on (which "node" it was for). */
  readonly address: string;
  /** The user it logged in as, or undefined when it never authenticated (a port probe, a refused key). */
  readonly user: string | undefined;
  /** The log line (0-based) that opened it. */
  readonly openedAt: number;
  /** The log line that ended it, or undefined while it is still open. */
  readonly closedAt: number | undefined;
}

/** A line that ends a connection, naming its client as `<address> port <port>`. */
const CONNECTION_END =
  /^(?:Connection closed by|Connection reset by|Disconnected from|Received disconnect from|Timeout, client not responding from)\b.*?(\d+\.\d+\.\d+\.\d+) port (\d+)/;
const CONNECTION_START = /^Connection from (\S+) port (\d+) on (\S+) port \d+/;
const AUTHENTICATED = /^Accepted \S+ for (\S+) from (\S+) port (\d+)/;

/**
 * The connections of a loopback sshd's log (see {@link LoopbackSshd.logPath}), in the order they
 * opened. sshd writes no timestamps to a log file, but every process appends to the same file, so the
 * order of lines is the order of events: two connections overlap when one opens between the other's
 * opening and closing line. A connection is ended by the first line that ends it (a client port is
 * reused only after that).
 */
export function parseSshdConnections(log: string): SshdConnection[] {
  const connections: SshdConnection[] = [];
  const open = new Map<string, number>();
  const lines = log.split('\n');
  lines.forEach((line, index) => {
    const started = CONNECTION_START.exec(line);
    if (started !== null) {
      const client = `${started[1]}:${started[2]}`;
      open.set(client, connections.length);
      connections.push({
        client,
        address: started[3] ?? '',
        user: undefined,
        openedAt: index,
        closedAt: undefined,
      });
      return;
    }
    const authenticated = AUTHENTICATED.exec(line);
    if (authenticated !== null) {
      const position = open.get(`${authenticated[2]}:${authenticated[3]}`);
      const connection = position === undefined ? undefined : connections[position];
      if (position !== undefined && connection !== undefined) {
        connections[position] = { ...connection, user: authenticated[1] };
      }
      return;
    }
    const ended = CONNECTION_END.exec(line);
    if (ended === null) return;
    const client = `${ended[1]}:${ended[2]}`;
    const position = open.get(client);
    if (position === undefined) return;
    open.delete(client);
    const connection = connections[position];
    if (connection !== undefined) connections[position] = { ...connection, closedAt: index };
  });
  return connections;
}
