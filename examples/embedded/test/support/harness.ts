import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Clock,
  type ControlPlane,
  type ControlPlaneWorkerSettings,
  createControlPlane,
  createSecretBox,
  type GeneratedKeyPair,
  generateSshKeyPair,
  type JobEvent,
  type JobView,
  type NodeRecord,
  type NodeStatus,
  type NodeWithJob,
  type ProvisionerV1,
  type ProvisioningSettings,
  type WaitForSsh,
} from '@pressluft/core';
import { createMockProvisioner, expectOk, waitUntil } from '@pressluft/core/testing';
import {
  createHetznerProviderFactory,
  type HetznerProviderFactoryOptions,
} from '@pressluft/provider-hetzner';
import {
  type HetznerFake,
  type HetznerFakeOptions,
  startHetznerFakeServer,
} from '@pressluft/provider-hetzner/testing';
import { createSqliteStore, type SqliteStore } from '@pressluft/store-sqlite';
import { okAsync } from 'neverthrow';

/** Fast fake actions: create 300 ms, start 200 ms after it, delete 100 ms. */
export const fastActions = { create_server: 300, start_server: 200, delete_server: 100 } as const;

/** A clock the test can move forward, for retries that wait minutes (capacity). */
export interface MovableClock extends Clock {
  /** Move the clock forward by this many ms. */
  advance(ms: number): void;
}

/** A clock on real time plus an offset the test can grow. */
export function movableClock(): MovableClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms) {
      offset += ms;
    },
  };
}

/** A token in Hetzner's shape (64 letters and digits), random. */
export function randomToken(): string {
  return randomBytes(32).toString('hex');
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  /** Default: the mock provisioner. */
  readonly provisioner?: ProvisionerV1;
  readonly provisioning?: ProvisioningSettings;
  /** Default: succeed at once and record the target (the fake's servers are not dialled). */
  readonly waitForSsh?: WaitForSsh | 'tcp';
  readonly fakeOptions?: HetznerFakeOptions;
  readonly worker?: ControlPlaneWorkerSettings;
  readonly clock?: Clock;
  /** Default: a fresh ed25519 pair (recorded in {@link Harness.keyPairs}). */
  readonly generateKeyPair?: () => GeneratedKeyPair;
  /** Default true. */
  readonly start?: boolean;
  /** Sits between the provider and the fake: change requests or answers (`next` sends to the fake). */
  readonly fetch?: FetchHook;
  /** Provider settings over the harness's fast ones (polling 50 ms, 2 retries, 2 s request deadline). */
  readonly provider?: Partial<HetznerProviderFactoryOptions>;
  /** Report every server's IPv4 as 127.0.0.1, so SSH goes to a loopback sshd. Default false. */
  readonly loopbackServers?: boolean;
}

/** A hook between the provider and the fake. */
export type FetchHook = (
  request: Request,
  next: (request: Request) => Promise<Response>,
) => Promise<Response>;

/** Rewrite the JSON answer of a request whose path matches, keeping status and headers. */
export async function rewriteJson(
  response: Response,
  change: (body: Record<string, unknown>) => void,
): Promise<Response> {
  if (
    !(response.headers.get('Content-Type') ?? '').startsWith('application/json') ||
    response.status === 204
  ) {
    return response;
  }
  const body = (await response.json()) as Record<string, unknown>;
  change(body);
  const headers = new Headers(response.headers);
  headers.delete('Content-Length');
  return new Response(JSON.stringify(body), { status: response.status, headers });
}

/** Servers of a `/servers` answer (one or a list). */
export function serversIn(body: Record<string, unknown>): Record<string, unknown>[] {
  const one = body['server'];
  const many = body['servers'];
  return [
    ...(typeof one === 'object' && one !== null ? [one as Record<string, unknown>] : []),
    ...(Array.isArray(many) ? (many as Record<string, unknown>[]) : []),
  ];
}

const loopbackHook: FetchHook = async (request, next) => {
  const response = await next(request);
  if (!/\/servers(\/\d+)?$/.test(new URL(request.url).pathname)) return response;
  return rewriteJson(response, (body) => {
    for (const server of serversIn(body)) {
      const ipv4 = (server['public_net'] as { ipv4?: { ip?: string } } | undefined)?.ipv4;
      if (ipv4 !== undefined) ipv4.ip = '127.0.0.1';
    }
  });
};

/** A control plane on a SQLite file in a temp dir, with the Hetzner fake on a loopback port. */
export interface Harness {
  readonly controlPlane: ControlPlane;
  readonly store: SqliteStore;
  readonly fake: HetznerFake;
  readonly fakeUrl: string;
  readonly directory: string;
  readonly databasePath: string;
  readonly provisioner: ProvisionerV1;
  /** The key pairs the control plane generated. */
  readonly keyPairs: readonly GeneratedKeyPair[];
  /** Targets the SSH wait was asked for (`user@host:port`), when it is not real TCP. */
  readonly sshProbes: readonly string[];
  /** A read-write token the fake accepts (64 hex digits, fresh per harness). */
  readonly token: string;
  /** Connect a provider with this token (default {@link Harness.token}); returns its id. */
  connect(token?: string): Promise<string>;
  /** Create a node in fsn1 with cx23. */
  createNode(providerId: string, name: string): Promise<NodeWithJob>;
  /** Every file of the SQLite database (main, WAL, shared memory), concatenated. */
  databaseBytes(): Promise<Buffer>;
  close(): Promise<void>;
}

/** Start a harness; call {@link Harness.close} in `afterEach`. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const directory = await mkdtemp(join(tmpdir(), 'pressluft-embedded-'));
  const databasePath = join(directory, 'pressluft.db');
  const fakeServer = await startHetznerFakeServer({
    fakeOptions: { actionDurations: fastActions, ...options.fakeOptions },
  });
  const token = randomToken();
  fakeServer.fake.addToken(token, 'read-write');
  const store = await expectOk(createSqliteStore({ path: databasePath }), 'open the SQLite store');
  const provisioner = options.provisioner ?? createMockProvisioner();
  const keyPairs: GeneratedKeyPair[] = [];
  const sshProbes: string[] = [];
  const generate = options.generateKeyPair ?? (() => generateSshKeyPair());
  const waitForSsh: WaitForSsh | undefined =
    options.waitForSsh === 'tcp'
      ? undefined
      : (options.waitForSsh ??
        ((target) => {
          sshProbes.push(`${target.user}@${target.host}:${target.port}`);
          return okAsync(undefined);
        }));
  const send = (request: Request): Promise<Response> => globalThis.fetch(request);
  const hooks = [
    ...(options.loopbackServers ? [loopbackHook] : []),
    ...(options.fetch ? [options.fetch] : []),
  ];
  const fetch = hooks.reduce<(request: Request) => Promise<Response>>(
    (next, hook) => (request) => hook(request, next),
    send,
  );
  const controlPlane = createControlPlane({
    store,
    providers: [
      createHetznerProviderFactory({
        baseUrl: fakeServer.url,
        fetch,
        polling: { schedule: () => 50 },
        requestTimeoutMs: 2_000,
        retry: { maxRetries: 2, baseMs: 50, capMs: 200 },
        // The provider's rate-limit budget runs on the same time as the engine.
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        ...options.provider,
      }),
    ],
    provisioner,
    secrets: createSecretBox({ keys: [randomBytes(32)] })._unsafeUnwrap(),
    generateKeyPair: () => {
      const pair = generate();
      keyPairs.push(pair);
      return pair;
    },
    provisioning: { sshWaitMs: 5_000, sshWaitIntervalMs: 100, ...options.provisioning },
    ...(waitForSsh === undefined ? {} : { waitForSsh }),
    worker: { pollIntervalMs: 50, reapIntervalMs: 200, ...options.worker },
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  if (options.start ?? true) await expectOk(controlPlane.start(), 'start the control plane');

  return {
    controlPlane,
    store,
    fake: fakeServer.fake,
    fakeUrl: fakeServer.url,
    directory,
    databasePath,
    provisioner,
    keyPairs,
    sshProbes,
    token,
    async connect(connectToken = token) {
      const { connection } = await expectOk(
        controlPlane.providers.connect({ type: 'hetzner', name: 'main', token: connectToken }),
        'connect the provider',
      );
      return connection.id;
    },
    async createNode(providerId, name) {
      return expectOk(
        controlPlane.nodes.create({ providerId, name, location: 'fsn1', serverType: 'cx23' }),
        `create node ${name}`,
      );
    },
    async databaseBytes() {
      await store.checkpoint();
      const files = (await readdir(directory)).filter((file) => file.startsWith('pressluft.db'));
      return Buffer.concat(await Promise.all(files.map((file) => readFile(join(directory, file)))));
    },
    async close() {
      await controlPlane.stop({ graceMs: 500 });
      await store.close();
      await fakeServer.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Poll until the probe returns a value; fails with `what` after the timeout (generous: suites run real processes). */
export function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  return waitUntil(probe, what, { timeoutMs, intervalMs: 25 });
}

/** Wait until a job is finished (succeeded, failed or cancelled). */
export function settledJob(controlPlane: ControlPlane, jobId: string, timeoutMs?: number): Promise<JobView> {
  return until(
    async () => {
      const job = await expectOk(controlPlane.jobs.get(jobId), `get job ${jobId}`);
      return job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled'
        ? job
        : undefined;
    },
    `job ${jobId} to finish`,
    timeoutMs,
  );
}

/** Wait until a node has one of the statuses. */
export function nodeIn(
  controlPlane: ControlPlane,
  nodeId: string,
  statuses: readonly NodeStatus[],
  timeoutMs?: number,
): Promise<NodeRecord> {
  return until(
    async () => {
      const node = await expectOk(controlPlane.nodes.get(nodeId), `get node ${nodeId}`);
      return statuses.includes(node.status) ? node : undefined;
    },
    `node ${nodeId} to be ${statuses.join(' or ')}`,
    timeoutMs,
  );
}

/** A job's events so far. */
export async function eventsOf(controlPlane: ControlPlane, jobId: string): Promise<readonly JobEvent[]> {
  return expectOk(controlPlane.jobs.events(jobId), `list the events of job ${jobId}`);
}
