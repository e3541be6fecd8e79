/**
 * Crash soak: the control-plane process (the real server composition, real ansible-runner) is killed
 * with SIGKILL ten times while it provisions nodes over a loopback sshd, then started once more. After
 * that start: no key file is left, no Ansible process of a killed run lives, every node is `ready`,
 * and the sshd's log shows no two sessions to one node at once (each node has its own loopback
 * address, so a session's address names its node and job).
 *
 * The Hetzner fake sits behind a small proxy in this process that gives each server its own loopback
 * address and authorizes the control plane's managed key on the sshd's user when it is registered.
 * Kill delays come from a seeded generator: PRESSLUFT_SOAK_SEED=<seed> replays them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultAnsibleDirectory } from '@pressluft/ansible-runner';
import {
  type LoopbackSshd,
  parseSshdConnections,
  startLoopbackSshd,
} from '@pressluft/ansible-runner/testing';
import { NODE_PROVISION } from '@pressluft/core';
import {
  type HetznerFakeServer,
  hetznerFakeToken,
  startHetznerFakeServer,
} from '@pressluft/provider-hetzner/testing';
import { createSqliteStore } from '@pressluft/store-sqlite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATABASE_FILE, RUNS_DIRECTORY } from '../src/server.js';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const fixture = join(packageDirectory, 'test', 'fixtures', 'soak-control-plane.ts');
const readinessPlaybook = join(packageDirectory, '..', 'embedded', 'test', 'fixtures', 'readiness-ready.yml');

const kills = 10;
const nodeCount = 3;
/** The slow fixture's remote sleep: longer than a restart, so a surviving orphan would overlap. */
const sleepSeconds = 8;
const nodeAddresses = Array.from({ length: nodeCount }, (_, index) => `127.0.0.${21 + index}`);

/** mulberry32: small and seedable. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

let directory: string;
let dataDir: string;
let sshd: LoopbackSshd;
let hetzner: HetznerFakeServer;
let proxy: Server;
let proxyUrl: string;
const adminToken = randomBytes(32).toString('hex');
const secretKey = randomBytes(32).toString('base64');
const children = new Set<ChildProcess>();
/** Everything each control-plane process printed, in start order. */
const outputs: (() => string)[] = [];

/** Hetzner answers pass through here: each server gets its own loopback address; registered keys are authorized. */
async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const path = request.url ?? '/';
  if (request.method === 'POST' && path.startsWith('/v1/ssh_keys')) {
    const key = (JSON.parse(body.toString('utf8')) as { public_key?: string }).public_key;
    if (key !== undefined) await appendFile(join(sshdHome, '.ssh', 'authorized_keys'), `${key.trim()}\n`);
  }
  const headers = new Headers();
  for (const name of ['authorization', 'content-type', 'idempotency-key']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  const upstream = await fetch(`${hetzner.url.replace(/\/v1$/, '')}${path}`, {
    method: request.method ?? 'GET',
    headers,
    ...(body.length > 0 ? { body } : {}),
  });
  let text = await upstream.text();
  if (
    /^\/v1\/servers(\/\d+)?(\?|$)/.test(path) &&
    (upstream.headers.get('content-type') ?? '').includes('json')
  ) {
    const parsed = JSON.parse(text) as { server?: unknown; servers?: unknown[] };
    const servers = [...(parsed.server === undefined ? [] : [parsed.server]), ...(parsed.servers ?? [])];
    for (const server of servers as { id: number; public_net?: { ipv4?: { ip?: string } } }[]) {
      const ipv4 = server.public_net?.ipv4;
      if (ipv4 !== undefined) ipv4.ip = addressOf(server.id);
    }
    text = JSON.stringify(parsed);
  }
  const answer: Record<string, string> = {};
  upstream.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'content-encoding' && name !== 'transfer-encoding') {
      answer[name] = value;
    }
  });
  response.writeHead(upstream.status, answer);
  response.end(text);
}

const serverAddresses = new Map<number, string>();
function addressOf(serverId: number): string {
  let address = serverAddresses.get(serverId);
  if (address === undefined) {
    address = nodeAddresses[serverAddresses.size] ?? '127.0.0.99';
    serverAddresses.set(serverId, address);
  }
  return address;
}
let sshdHome: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'pressluft-soak-'));
  dataDir = join(directory, 'data');
  sshd = await startLoopbackSshd({ sudo: false, listenAddresses: nodeAddresses });
  const passwd = (await readFile('/etc/passwd', 'utf8')).split('\n');
  sshdHome = passwd.find((line) => line.startsWith(`${sshd.target.user}:`))?.split(':')[5] ?? '';
  hetzner = await startHetznerFakeServer({
    fakeOptions: {
      actionDurations: { create_server: 300, start_server: 200, delete_server: 100 },
      rateLimits: { general: 1_000_000, actions: 1_000_000 },
    },
  });
  proxy = createServer((request, response) => {
    forward(request, response).catch((error: unknown) => {
      response.writeHead(502);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await new Promise<void>((resolve) => (proxy === undefined ? resolve() : proxy.close(() => resolve())));
  await hetzner?.stop();
  await sshd?.stop();
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
}

/** Start the control-plane process and wait until it listens. */
async function startControlPlane(clockOffsetMs: number): Promise<Started> {
  const child = spawn(process.execPath, ['--conditions=pressluft-source', '--import', 'tsx', fixture], {
    cwd: packageDirectory,
    env: {
      ...process.env,
      PORT: '0',
      PRESSLUFT_DATA_DIR: dataDir,
      PRESSLUFT_ADMIN_TOKEN: adminToken,
      PRESSLUFT_SECRET_KEY: secretKey,
      PRESSLUFT_HETZNER_API_URL: proxyUrl,
      PRESSLUFT_PROVISION_PLAYBOOK: join(defaultAnsibleDirectory, 'playbooks', 'fixtures', 'slow.yml'),
      PRESSLUFT_READINESS_PLAYBOOK: readinessPlaybook,
      PRESSLUFT_ANSIBLE_CHECK_MODE: '1',
      PRESSLUFT_SSH_PORT: String(sshd.target.port),
      PRESSLUFT_LEASE_MS: '1000',
      PRESSLUFT_WORKER_CONCURRENCY: String(nodeCount),
      PRESSLUFT_LOG_LEVEL: 'info',
      PRESSLUFT_SOAK_SSH_USER: sshd.target.user,
      PRESSLUFT_SOAK_SLEEP_SECONDS: String(sleepSeconds),
      PRESSLUFT_SOAK_CLOCK_OFFSET_MS: String(clockOffsetMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in 60 s:\n${output}`)), 60_000);
    const check = setInterval(() => {
      const match = /soak control plane \d+ listening (\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearInterval(check);
        clearTimeout(timer);
        resolve(match[1]);
      }
    }, 25);
    child.once('exit', (code, signal) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  outputs.push(() => output);
  return { child, url, output: () => output };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function api<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

async function until<T>(check: () => Promise<T | undefined>, what: string, limitMs: number): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface RunOnDisk {
  readonly name: string;
  readonly ownerPid: number | undefined;
  readonly ansiblePid: number | undefined;
  readonly hasKey: boolean;
}

async function runsOnDisk(): Promise<RunOnDisk[]> {
  const runs = join(dataDir, RUNS_DIRECTORY);
  let names: string[] = [];
  try {
    names = await readdir(runs);
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (name) => {
      let record: { owner?: { pid?: number }; ansible?: { pid?: number } | null } = {};
      try {
        record = JSON.parse(await readFile(join(runs, name, 'run.json'), 'utf8'));
      } catch {
        // Being written or removed.
      }
      const files = await readdir(join(runs, name)).catch(() => [] as string[]);
      return {
        name,
        ownerPid: record.owner?.pid,
        ansiblePid: record.ansible?.pid ?? undefined,
        hasKey: files.includes('ssh_key'),
      };
    }),
  );
}

/** Live (not zombie) processes whose command line names the data directory: Ansible, ssh, masters. */
async function processesOfRuns(): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      const commandLine = (await readFile(`/proc/${name}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      if (commandLine.includes(dataDir)) found.push(`${name} ${commandLine}`);
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/** Key files anywhere below a directory. */
async function keyFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((entry) => entry.endsWith('ssh_key')).map((entry) => join(root, entry));
}

it('survives 10 kill -9 of the control plane during provisioning: no key left, no orphan, every node ready, no overlapping sessions', async () => {
  const seed = Number(process.env['PRESSLUFT_SOAK_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`crash soak seed ${seed} (PRESSLUFT_SOAK_SEED=${seed} replays the kill delays)`);
  const random = seededRandom(seed);
  const startedAt = Date.now();
  // Each start runs its clock 20 minutes past the previous one (which may have jumped 10 minutes).
  let clockOffsetMs = 0;

  const first = await startControlPlane(clockOffsetMs);
  const { provider } = await api<{ provider: { id: string } }>(first.url, 'POST', '/api/providers', {
    type: 'hetzner',
    name: 'soak',
    token: hetznerFakeToken,
  });
  const nodeIds: string[] = [];
  for (let index = 0; index < nodeCount; index++) {
    const created = await api<{ node: { id: string } }>(first.url, 'POST', '/api/nodes', {
      provider_id: provider.id,
      name: `soak-${index + 1}`,
      location: 'fsn1',
      server_type: 'cx23',
    });
    nodeIds.push(created.node.id);
  }

  let running: Started | undefined = first;
  let orphansAfterKills = 0;
  let keysAfterKills = 0;
  const killTimes: number[] = [];
  for (let kill = 0; kill < kills; kill++) {
    const current: Started = running ?? (await startControlPlane(clockOffsetMs));
    running = undefined;
    const pid = current.child.pid;
    // During provisioning: this process's own Ansible run is recorded in the run directory.
    await until(
      async () =>
        (await runsOnDisk()).some((run) => run.ownerPid === pid && run.ansiblePid !== undefined)
          ? true
          : undefined,
      `kill ${kill + 1}: a provisioning run of process ${pid}`,
      60_000,
    ).catch(async (error: unknown) => {
      const states = await Promise.all(
        nodeIds.map((id) => api<unknown>(current.url, 'GET', `/api/nodes/${id}`).catch(String)),
      );
      console.log(`nodes: ${JSON.stringify(states)}\ncontrol plane:\n${current.output().slice(-8000)}`);
      throw error;
    });
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 1_500)));
    current.child.kill('SIGKILL');
    await exited(current.child);
    killTimes.push(Date.now() - startedAt);
    process.stdout.write(
      `crash soak: kill ${kill + 1} at ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`,
    );
    // What a SIGKILL leaves, for the figures: the next start has to clean this up.
    orphansAfterKills += (await processesOfRuns()).length;
    keysAfterKills += (await keyFiles(join(dataDir, RUNS_DIRECTORY))).length;
    clockOffsetMs += 20 * 60_000;
  }
  const killsDoneAt = Date.now() - startedAt;

  const last = await startControlPlane(clockOffsetMs);
  const nodes = await until(
    async () => {
      const all = await Promise.all(
        nodeIds.map((id) =>
          api<{ node: { id: string; status: string; last_error: { code: string } | null } }>(
            last.url,
            'GET',
            `/api/nodes/${id}`,
          ),
        ),
      );
      return all.every((answer) => ['ready', 'failed'].includes(answer.node.status))
        ? all.map((answer) => answer.node)
        : undefined;
    },
    'every node to settle after the last start',
    90_000,
  ).catch(async (error: unknown) => {
    const states = await Promise.all(
      nodeIds.map((id) => api<unknown>(last.url, 'GET', `/api/nodes/${id}`).catch(String)),
    );
    console.log(`nodes: ${JSON.stringify(states)}\nlast control plane:\n${last.output().slice(-6000)}`);
    throw error;
  });
  const settledAt = Date.now() - startedAt;
  // Checked while the last control plane still runs: nothing of a finished or killed run is left.
  const keysLeft = [
    ...(await keyFiles(dataDir)),
    ...(await keyFiles(join(tmpdir(), `pressluft-runs-${process.getuid?.() ?? 'user'}`))).filter((path) =>
      nodeIds.some((id) => path.includes(id)),
    ),
  ];
  const orphansLeft = await processesOfRuns();
  last.child.kill('SIGTERM');
  await exited(last.child);

  const store = (await createSqliteStore({ path: join(dataDir, DATABASE_FILE) }))._unsafeUnwrap();
  const jobs = (await store.listJobs({ kinds: [NODE_PROVISION] }))._unsafeUnwrap();
  await store.close();
  const attempts = jobs.reduce((sum, job) => sum + job.attempts, 0);
  const printed = outputs.map((output) => output()).join('\n');
  // Each start after a kill logs what it cleaned up before its worker claimed anything.
  const cleanups = outputs.slice(1).map((output) => {
    const line = /"msg":"provisioning runs of a previous process cleaned up"[^\n]*/.exec(output())?.[0] ?? '';
    return {
      removedRuns: Number(/"removed_runs":(\d+)/.exec(line)?.[1] ?? 0),
      stoppedProcesses: Number(/"stopped_processes":(\d+)/.exec(line)?.[1] ?? 0),
    };
  });
  const recoveries = cleanups.filter((cleanup) => cleanup.removedRuns > 0).length;
  const removedRuns = cleanups.reduce((sum, cleanup) => sum + cleanup.removedRuns, 0);
  const stoppedProcesses = cleanups.reduce((sum, cleanup) => sum + cleanup.stoppedProcesses, 0);

  // Sessions (authenticated connections) per node address, in log order: none opens while another is open.
  const sessions = parseSshdConnections(await readFile(sshd.logPath, 'utf8')).filter(
    (connection) => connection.user !== undefined,
  );
  const overlaps: string[] = [];
  for (const address of nodeAddresses) {
    const own = sessions.filter((session) => session.address === address);
    own.forEach((session, index) => {
      const previous = own
        .slice(0, index)
        .find((earlier) => earlier.closedAt === undefined || earlier.closedAt > session.openedAt);
      if (previous !== undefined)
        overlaps.push(`${address}: ${previous.client} open when ${session.client} opened`);
    });
  }
  const perNode = nodeAddresses.map(
    (address) => sessions.filter((session) => session.address === address).length,
  );

  console.log(
    [
      `crash soak: ${kills} kills of the control plane during provisioning (at ${killTimes.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s);`,
      `left by the kills: ${orphansAfterKills} live run processes and ${keysAfterKills} key files counted right after each kill;`,
      `${recoveries} of ${cleanups.length} restarts cleaned up (${removedRuns} run directories removed, ${stoppedProcesses} processes stopped);`,
      `${attempts} attempts over ${jobs.length} jobs for ${nodes.length} nodes (${nodes.filter((node) => node.status === 'ready').length} ready);`,
      `${sessions.length} SSH sessions (${perNode.join('/')} per node), ${overlaps.length} overlapping;`,
      `after the last start: ${keysLeft.length} key files, ${orphansLeft.length} run processes;`,
      `time: kills done ${(killsDoneAt / 1000).toFixed(1)} s, all settled ${(settledAt / 1000).toFixed(1)} s, total ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    ].join(' '),
  );

  expect(killTimes).toHaveLength(kills);
  // The kills did leave something behind each time, so the clean-up below is tested, not assumed.
  expect(keysAfterKills).toBeGreaterThanOrEqual(kills);
  expect(orphansAfterKills).toBeGreaterThan(0);
  expect(keysLeft).toEqual([]);
  expect(orphansLeft).toEqual([]);
  expect(nodes.map((node) => `${node.id} ${node.status} ${node.last_error?.code ?? ''}`.trim())).toEqual(
    nodeIds.map((id) => `${id} ready`),
  );
  expect(overlaps).toEqual([]);
  // Every killed attempt was retried: more attempts than jobs.
  expect(attempts).toBeGreaterThan(jobs.length);
  // Every restart found the killed runs and cleaned them up before its worker started.
  expect(recoveries).toBe(kills);
  expect(printed).not.toContain(sshd.privateKey.split('\n')[1] ?? 'no key line');
}, 300_000);
