/**
 * Crash recovery: a worker process runs node_provision jobs on a SQLite file against the Hetzner fake
 * (served here, so its state survives the worker), and is killed with SIGKILL at random points and
 * started again, at least 20 times. Afterwards every node is ready or failed with a documented code, no
 * job is left running, and the fake holds exactly one server per node and none without a node.
 *
 * The kill delays come from a seeded generator; the seed is printed, and PRESSLUFT_CRASH_SEED=<seed>
 * replays the same delays.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ControlPlane,
  createControlPlane,
  createSecretBox,
  isErrorCode,
  NODE_PROVISION,
  parseSecretKey,
} from '@pressluft/core';
import { expectOk } from '@pressluft/core/testing';
import { createHetznerProviderFactory } from '@pressluft/provider-hetzner';
import { type HetznerFakeServer, startHetznerFakeServer } from '@pressluft/provider-hetzner/testing';
import { createSqliteStore, type SqliteStore } from '@pressluft/store-sqlite';
import { okAsync } from 'neverthrow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomToken, until } from './support/harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageDirectory = join(here, '..');
const workerScript = join(here, 'fixtures', 'worker-process.ts');

const minimumKills = 24;
const nodesAtStart = 3;
/** A new node every this many kills (and after a kill that found nothing running). */
const newNodeEvery = 3;

/** mulberry32: small, seedable, good enough to spread kill delays. */
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
let databasePath: string;
let hetzner: HetznerFakeServer;
let store: SqliteStore;
let controlPlane: ControlPlane;
let secretKey: string;
let providerId: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'pressluft-crash-'));
  databasePath = join(directory, 'pressluft.db');
  hetzner = await startHetznerFakeServer({
    fakeOptions: {
      actionDurations: { create_server: 400, start_server: 200, delete_server: 100 },
      rateLimits: { general: 1_000_000, actions: 1_000_000 },
    },
  });
  const token = randomToken();
  hetzner.fake.addToken(token, 'read-write');
  secretKey = randomBytes(32).toString('base64');
  store = await expectOk(createSqliteStore({ path: databasePath }), 'open the store');
  // This process only connects the provider and creates nodes; the worker runs in the child.
  controlPlane = createControlPlane({
    store,
    secrets: createSecretBox({ keys: [parseSecretKey(secretKey)._unsafeUnwrap()] })._unsafeUnwrap(),
    providers: [createHetznerProviderFactory({ baseUrl: hetzner.url })],
    provisioner: {
      specificationVersion: 'v1',
      // Node creation asks for the runtime before renting a server; the worker's runs happen in the child.
      checkRuntime: () => okAsync({ name: 'none', version: '0', path: '(the worker process provisions)' }),
      provision: () => {
        throw new Error('the test process runs no worker');
      },
      checkReadiness: () => {
        throw new Error('the test process runs no worker');
      },
    },
    provisioning: { maxAttempts: 50 },
  });
  const { connection } = await expectOk(
    controlPlane.providers.connect({ type: 'hetzner', name: 'crash', token }),
    'connect the provider',
  );
  providerId = connection.id;
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await store?.close();
  await hetzner?.stop();
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

/** Start the worker process and wait until its worker runs. */
async function startWorker(clockOffsetMs = 0): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=pressluft-source', '--import', 'tsx', workerScript], {
    cwd: packageDirectory,
    env: {
      ...process.env,
      PRESSLUFT_CRASH_DB: databasePath,
      PRESSLUFT_CRASH_HETZNER_URL: hetzner.url,
      PRESSLUFT_CRASH_SECRET_KEY: secretKey,
      PRESSLUFT_CRASH_CLOCK_OFFSET_MS: String(clockOffsetMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start in 60 s: ${stderr}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('worker started')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code ?? signal}) before it started: ${stderr}`));
    });
  });
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

it('survives SIGKILL of the worker process at random points of node_provision without losing a node or leaking a server', async () => {
  const seed = Number(process.env['PRESSLUFT_CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`crash test seed ${seed} (PRESSLUFT_CRASH_SEED=${seed} replays the kill delays)`);
  const random = seededRandom(seed);
  const nodeIds: string[] = [];
  const createNode = async () => {
    const { node } = await expectOk(
      controlPlane.nodes.create({
        providerId,
        name: `crash-${nodeIds.length + 1}`,
        location: 'fsn1',
        serverType: 'cx23',
      }),
      'create a node',
    );
    nodeIds.push(node.id);
  };
  for (let index = 0; index < nodesAtStart; index++) await createNode();

  let kills = 0;
  let killsDuringAttempt = 0;
  const stepsAtKill: Record<string, number> = {};
  while (kills < minimumKills) {
    const child = await startWorker();
    // Somewhere in the first 1.2 s of the worker's life: claims, steps, actions, settles.
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(random() * 1_200)));
    const running = await expectOk(store.listJobs({ statuses: ['running'] }), 'list running jobs');
    child.kill('SIGKILL');
    await exited(child);
    kills++;
    if (running.length > 0) killsDuringAttempt++;
    for (const job of running) {
      const step = job.currentStep ?? 'claimed';
      stepsAtKill[step] = (stepsAtKill[step] ?? 0) + 1;
    }
    // Keep work in flight: a new node now and then, and whenever a kill found nothing running.
    if (kills % newNodeEvery === 0 || running.length === 0) await createNode();
  }

  // A sweep: 10 minutes ahead, so that retries the backoff put up to 5 minutes out are due; its reaper
  // settles the leases of the last kill (scheduling those retries from its own clock), then it stops
  // gracefully. The last run is another 10 minutes ahead, so every retry is due when it starts.
  const sweeper = await startWorker(10 * 60_000);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  sweeper.kill('SIGTERM');
  await exited(sweeper);
  const finalWorker = await startWorker(20 * 60_000);
  const jobs = await until(
    async () => {
      const all = await expectOk(store.listJobs({ kinds: [NODE_PROVISION] }), 'list jobs');
      return all.every((job) => job.status !== 'queued' && job.status !== 'running') ? all : undefined;
    },
    'every node_provision job to finish',
    90_000,
  );
  finalWorker.kill('SIGTERM');
  await exited(finalWorker);
  await until(
    async () => (hetzner.fake.servers().every((server) => server.status !== 'deleting') ? true : undefined),
    'server deletions to finish',
    10_000,
  );

  const nodes = await Promise.all(nodeIds.map((id) => expectOk(controlPlane.nodes.get(id), 'read a node')));
  const allJobs = await expectOk(store.listJobs({}), 'list all jobs');
  const events = (
    await Promise.all(jobs.map((job) => expectOk(controlPlane.jobs.events(job.id), 'list events')))
  ).flat();
  const recoveries = events.filter(
    (event) => event.type === 'job-retry-scheduled' && event.data['errorCode'] === 'JOB_LEASE_EXPIRED',
  ).length;
  const attempts = jobs.reduce((sum, job) => sum + job.attempts, 0);
  const servers = hetzner.fake.servers();
  const ready = nodes.filter((node) => node.status === 'ready');
  const failed = nodes.filter((node) => node.status === 'failed');
  const serverCreations = hetzner.fake.requests.filter(
    (request) => request.method === 'POST' && request.path === '/servers' && request.status === 201,
  ).length;
  console.log(
    [
      `crash test: ${kills} kills (${killsDuringAttempt} during a running attempt), ${recoveries} recoveries from expired leases,`,
      `${attempts} attempts over ${jobs.length} jobs for ${nodes.length} nodes;`,
      `nodes: ${ready.length} ready, ${failed.length} failed ${JSON.stringify(failed.map((node) => node.lastErrorCode))};`,
      `servers: ${servers.length} at the fake, ${serverCreations} created;`,
      `running steps at the kills: ${JSON.stringify(stepsAtKill)}`,
    ].join(' '),
  );

  expect(kills).toBeGreaterThanOrEqual(20);
  expect(killsDuringAttempt).toBeGreaterThan(0);
  expect(recoveries).toBeGreaterThan(0);
  // Every node ended: ready, or failed with a code of the registry.
  for (const node of nodes) {
    expect(['ready', 'failed']).toContain(node.status);
    if (node.status === 'failed') expect(isErrorCode(node.lastErrorCode)).toBe(true);
  }
  // No job is stuck running (node_delete included: there is none, but nothing else may hang either).
  expect(allJobs.filter((job) => job.status === 'running' || job.status === 'queued')).toEqual([]);
  // Exactly one server per ready node, the one it records; none without a node; none twice.
  for (const node of ready) {
    const own = servers.filter((server) => server.labels['pressluft-node-id'] === node.id);
    expect(own.map((server) => String(server.id))).toEqual([node.providerServerId]);
  }
  for (const node of failed) {
    const own = servers.filter((server) => server.labels['pressluft-node-id'] === node.id);
    expect(own.length).toBeLessThanOrEqual(1);
    if (own.length === 1) expect(String(own[0]?.id)).toBe(node.providerServerId);
  }
  const orphans = servers.filter((server) => !nodeIds.includes(server.labels['pressluft-node-id'] ?? ''));
  expect(orphans).toEqual([]);
  expect(servers.length).toBe(ready.length + failed.filter((node) => node.providerServerId !== null).length);
}, 300_000);
