import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from './base-image.js';

/** A running tinyproxy on 127.0.0.1, shared by every test host of this process. */
export interface LoopbackProxy {
  /** The port on 127.0.0.1. */
  readonly port: number;
  /** The tinyproxy pid. */
  readonly pid: number;
}

interface SharedProxy {
  proxy: Promise<LoopbackProxy>;
  users: number;
  child?: ChildProcess;
  directory?: string;
}

let shared: SharedProxy | undefined;

/**
 * Start (or join) the process-wide tinyproxy. It listens on loopback only; each test host reaches it
 * through its own socat on the host end of its veth, so the proxy outlives no veth and binds no
 * namespace address. `ConnectPort 443` lets HTTPS clients (npm) tunnel with CONNECT.
 */
export function acquireLoopbackProxy(): Promise<LoopbackProxy> {
  if (shared !== undefined) {
    shared.users += 1;
    return shared.proxy;
  }
  const state: SharedProxy = { users: 1, proxy: Promise.resolve({ port: 0, pid: 0 }) };
  shared = state;
  state.proxy = (async () => {
    const port = await freePort();
    const directory = await mkdtemp(join(tmpdir(), 'pressluft-test-proxy-'));
    state.directory = directory;
    const config = join(directory, 'tinyproxy.conf');
    await writeFile(
      config,
      [
        'User nobody',
        'Group nogroup',
        `Port ${port}`,
        'Listen 127.0.0.1',
        'Allow 127.0.0.1',
        'Timeout 600',
        'MaxClients 64',
        'ConnectPort 443',
        'LogLevel Warning',
        '',
      ].join('\n'),
    );
    const log = openSync(join(directory, 'tinyproxy.log'), 'a');
    const child = spawn('tinyproxy', ['-d', '-c', config], { detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    state.child = child;
    const pid = child.pid;
    if (pid === undefined) throw new Error('tinyproxy did not start');
    const deadline = Date.now() + 10_000;
    while (!(await accepts('127.0.0.1', port))) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error('tinyproxy did not start listening');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { port, pid };
  })();
  state.proxy.catch(() => undefined);
  return state.proxy;
}

/** Leave the shared proxy; the last user stops it (by its pid) and removes its directory. */
export async function releaseLoopbackProxy(): Promise<void> {
  const state = shared;
  if (state === undefined) return;
  state.users -= 1;
  if (state.users > 0) return;
  shared = undefined;
  stopProxySync(state);
  const pid = state.child?.pid;
  const deadline = Date.now() + 5000;
  while (pid !== undefined && isAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The pid of the shared proxy while one runs. */
export function loopbackProxyPid(): number | undefined {
  return shared?.child?.pid;
}

function stopProxySync(state: SharedProxy): void {
  const pid = state.child?.pid;
  if (pid !== undefined) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  if (state.directory !== undefined) rmSync(state.directory, { recursive: true, force: true });
}

process.once('exit', () => {
  if (shared !== undefined) stopProxySync(shared);
});

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * Whether something at host:port completes a TCP handshake within `timeoutMs`: a refused port answers
 * at once, a port a firewall drops times out.
 */
export function accepts(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
