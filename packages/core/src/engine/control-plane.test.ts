import { randomBytes } from 'node:crypto';
import { okAsync } from 'neverthrow';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobEvent, JobRecord } from '../model/job.js';
import type { NodeRecord, NodeStatus } from '../model/node.js';
import { createSecretBox } from '../secrets/secret-box.js';
import { createMemoryStore } from '../testing/memory-store.js';
import { createMockProviderFactory, type MockProviderFactory } from '../testing/mock-provider-factory.js';
import { createMockProvisioner, type MockProvisioner } from '../testing/mock-provisioner.js';
import { waitUntil } from '../testing/wait-until.js';
import { createControlPlane } from './control-plane.js';
import type { ControlPlane } from './control-plane-types.js';

const TOKEN = 'any-shape-at-all-0123456789';

interface Harness {
  controlPlane: ControlPlane;
  factory: MockProviderFactory;
  provisioner: MockProvisioner;
  store: ReturnType<typeof createMemoryStore>;
  providerId: string;
  sshProbes: string[];
}

const running: ControlPlane[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((controlPlane) => controlPlane.stop({ graceMs: 100 })));
});

async function harness(
  options: { acquisitionFailurePolicy?: 'delete' | 'keep'; maxAttempts?: number } = {},
): Promise<Harness> {
  const store = createMemoryStore();
  const factory = createMockProviderFactory({
    tokens: { [TOKEN]: 'connected', 'read-only-token': 'read_only' },
  });
  const provisioner = createMockProvisioner();
  const secrets = createSecretBox({ keys: [randomBytes(32)] })._unsafeUnwrap();
  const sshProbes: string[] = [];
  const controlPlane = createControlPlane({
    store,
    providers: [factory],
    provisioner,
    secrets,
    provisioning: {
      sshWaitMs: 1_000,
      maxAttempts: options.maxAttempts ?? 3,
      ...(options.acquisitionFailurePolicy === undefined
        ? {}
        : { acquisitionFailurePolicy: options.acquisitionFailurePolicy }),
    },
    // Mock servers have documentation-range addresses; record the SSH target instead of dialling it.
    waitForSsh: (target) => {
      sshProbes.push(`${target.user}@${target.host}:${target.port}`);
      return okAsync(undefined);
    },
    worker: { pollIntervalMs: 10, reapIntervalMs: 50 },
  });
  (await controlPlane.start())._unsafeUnwrap();
  running.push(controlPlane);
  const { connection } = (
    await controlPlane.providers.connect({ type: factory.info.type, name: 'main', token: TOKEN })
  )._unsafeUnwrap();
  return { controlPlane, factory, provisioner, store, providerId: connection.id, sshProbes };
}

async function jobSettled(controlPlane: ControlPlane, id: string): Promise<JobRecord> {
  return waitUntil(async () => {
    const job = (await controlPlane.jobs.get(id))._unsafeUnwrap();
    return job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled'
      ? job
      : undefined;
  }, `job ${id} to settle`);
}

async function nodeIn(controlPlane: ControlPlane, id: string, status: NodeStatus): Promise<NodeRecord> {
  return waitUntil(async () => {
    const node = (await controlPlane.nodes.get(id))._unsafeUnwrap();
    return node.status === status ? node : undefined;
  }, `node ${id} to be ${status}`);
}

const web = { name: 'web-1', location: 'fsn1', serverType: 'cx22' } as const;

describe('createControlPlane', () => {
  it('connects a provider after a live check and never shows the token', async () => {
    const { controlPlane, providerId } = await harness();
    const view = (await controlPlane.providers.get(providerId))._unsafeUnwrap();
    expect(view.status).toBe('connected');
    expect(JSON.stringify(view)).not.toContain(TOKEN);
    expect(view).not.toHaveProperty('sealedToken');
  });

  it('saves a connection whose token the provider refuses with its status and guidance', async () => {
    const { controlPlane, factory } = await harness();
    const readOnly = (
      await controlPlane.providers.connect({ type: factory.info.type, name: 'ro', token: 'read-only-token' })
    )._unsafeUnwrap();
    expect(readOnly.check.status).toBe('read_only');
    expect(readOnly.connection.status).toBe('read_only');
    expect(readOnly.check.guidance.length).toBeGreaterThan(10);
    const unknown = (
      await controlPlane.providers.connect({
        type: factory.info.type,
        name: 'bad',
        token: 'hcloud_looks_right_but_is_not',
      })
    )._unsafeUnwrap();
    expect(unknown.connection.status).toBe('invalid');
  });

  it('creates a node and its job at once, then takes it to ready through every step', async () => {
    const { controlPlane, providerId, factory, provisioner, sshProbes } = await harness();
    const { node, job } = (await controlPlane.nodes.create({ providerId, ...web }))._unsafeUnwrap();
    expect(node.status).toBe('pending');
    expect(job.kind).toBe('node_provision');
    expect(['queued', 'running']).toContain(job.status);

    const settled = await jobSettled(controlPlane, job.id);
    expect(settled.status).toBe('succeeded');
    const ready = (await controlPlane.nodes.get(node.id))._unsafeUnwrap();
    expect(ready.status).toBe('ready');
    expect(ready.providerServerId).not.toBeNull();
    expect(ready.ipv4).toMatch(/^203\.0\.113\./);
    expect(ready.sshTarget).toEqual({ host: ready.ipv4, port: 22, user: 'root' });
    expect(ready.hostKey).toMatch(/^ssh-ed25519 /);
    expect(ready.lastErrorCode).toBeNull();
    expect(sshProbes).toEqual([`root@${ready.ipv4}:22`]);
    expect(factory.cloud.servers.size).toBe(1);
    expect(provisioner.calls.map((call) => call.method)).toContain('provision');

    const events = (await controlPlane.jobs.events(job.id))._unsafeUnwrap();
    const steps = events
      .filter((event) => event.type === 'step-succeeded')
      .map((event) => event.data['step']);
    expect(steps).toEqual([
      'ensure-ssh-key',
      'create-server',
      'wait-for-actions',
      'fetch-server',
      'wait-for-ssh',
      'provision',
      'readiness',
    ]);
    expect(events.some((event) => event.type === 'provision-event')).toBe(true);
    expect(events.at(-1)?.type).toBe('job-succeeded');
  });

  it('streams a job’s events to a subscriber until the terminal event', async () => {
    const { controlPlane, providerId } = await harness();
    const { job } = (await controlPlane.nodes.create({ providerId, ...web }))._unsafeUnwrap();
    const seen: JobEvent[] = [];
    for await (const event of controlPlane.jobs.subscribe(job.id)) seen.push(event);
    expect(seen[0]?.type).toBe('job-queued');
    expect(seen.at(-1)?.type).toBe('job-succeeded');
    expect(seen.map((event) => event.seq)).toEqual(seen.map((_, index) => index + 1));
  });

  it('refuses to create a node on a provider that is not connected', async () => {
    const { controlPlane, factory } = await harness();
    const { connection } = (
      await controlPlane.providers.connect({ type: factory.info.type, name: 'ro', token: 'read-only-token' })
    )._unsafeUnwrap();
    const refused = await controlPlane.nodes.create({ providerId: connection.id, ...web });
    expect(refused._unsafeUnwrapErr().code).toBe('PROVIDER_NOT_CONNECTED');
    expect((await controlPlane.nodes.list())._unsafeUnwrap()).toHaveLength(0);
  });

  it('refuses options the provider does not sell together, and bad names', async () => {
    const { controlPlane, providerId } = await harness();
    const unavailable = await controlPlane.nodes.create({ providerId, ...web, location: 'nowhere' });
    expect(unavailable._unsafeUnwrapErr().code).toBe('VALIDATION_OPTION_UNAVAILABLE');
    const badName = await controlPlane.nodes.create({ providerId, ...web, name: 'Web_1' });
    expect(badName._unsafeUnwrapErr().code).toBe('VALIDATION_FAILED');
    (await controlPlane.nodes.create({ providerId, ...web }))._unsafeUnwrap();
    const clash = await controlPlane.nodes.create({ providerId, ...web });
    expect(clash._unsafeUnwrapErr().code).toBe('CONFLICT');
  });

  it('classifies a provisioning failure after acquisition as provisioning, keeps the server, and resumes on retry', async () => {
    const { controlPlane, providerId, factory, provisioner } = await harness();
    provisioner.failNext('provision', 'PROVISION_PLAYBOOK_FAILED');
    const { node, job } = (await controlPlane.nodes.create({ providerId, ...web }))._unsafeUnwrap();
    const failed = await jobSettled(controlPlane, job.id);
    expect(failed.status).toBe('failed');
    expect(failed.lastErrorCode).toBe('PROVISION_PLAYBOOK_FAILED');
    const failedNode = await nodeIn(controlPlane, node.id, 'failed');
    expect(failedNode.lastErrorCode).toBe('PROVISION_PLAYBOOK_FAILED');
    expect(factory.cloud.servers.size).toBe(1);

    const retried = (await controlPlane.nodes.retry(node.id))._unsafeUnwrap();
    expect(retried.job.id).not.toBe(job.id);
    const retriedJob = await jobSettled(controlPlane, retried.job.id);
    expect(retriedJob.lastErrorMessage).toBeNull();
    expect(retriedJob.status).toBe('succeeded');
    expect((await controlPlane.nodes.get(node.id))._unsafeUnwrap().status).toBe('ready');
    const creates = factory.built.flatMap((built) => built.provider.callsTo('createServer'));
    expect(creates).toHaveLength(1);
    expect(factory.cloud.servers.size).toBe(1);
  });

  it('re-provisioning a ready node is idempotent: same server, still ready', async () => {
    const { controlPlane, providerId, factory } = await harness();
    const { node, job } = (await controlPlane.nodes.create({ providerId, ...web }))._unsafeUnwrap();
    await jobSettled(controlPlane, job.id);
    const again = (await controlPlane.nodes.retry(node.id))._unsafeUnwrap();
    expect((await jobSettled(controlPlane, again.job.id)).status).toBe('succeeded');
    const after = (await controlPlane.nodes.get(node.id))._unsafeUnwrap();
    expect(after.status).toBe('ready');
    expect(factory.cloud.servers.size).toBe(1);
  });

  it('deletes a server whose create action failed (state unknown), and fails with PROVIDER_ACTION_FAILED', async () => {
    const { controlPlane, providerId, factory } = await harness();
    (await controlPlane.providers.catalog(providerId))._unsafeUnwrap();
    factory.built.at(-1)?.provider.failNextAction('server_create_failed');
    const { node, job } = (await controlPlane.nodes.create({ providerId, ...web }))._unsafeUnwrap();
    const failed = await jobSettled(controlPlane, job.id);
    expect(failed.lastErrorCode).toBe('PROVIDER_ACTION_FAILED');
    expect(factory.cloud.servers.size).toBe(0);
    const failedNode = (await controlPlane.nodes.get(node.id))._unsafeUnwrap();
    expect(failedNode.status).toBe('failed');
    expect(failedNode.providerServerId).toBeNull();
    expect((await controlPlane.jobs.get(job.id))._unsafeUnwrap().currentStep).toBe('wait-for-actions');
  });

  it('keeps such a server when the policy says keep', async () => {
    const { controlPlane, providerId, factory } = await harness({ acquisitionFailurePolicy: 'keep' });
    (await controlPlane.providers.catalog(providerId))._unsafeUnwrap();
    factory.built.at(-1)?.provider.failNextAction('server_create_failed');
    const { job } = (await controlPlane.nodes.create({ providerId, ...web }))._unsafeUnwrap();
    expect((await jobSettled(controlPlane, job.id)).lastErrorCode).toBe('PROVIDER_ACTION_FAILED');
    expect(factory.cloud.servers.size).toBe(1);
  });

  it('fails with PROVIDER_SSH_KEY_FAILED and creates no server when the key cannot be registered', async () => {
    const { controlPlane, providerId, factory } = await harness();
    (await controlPlane.providers.catalog(providerId))._unsafeUnwrap();
    factory.built.at(-1)?.provider.failNext('ensureSshKey', 'PROVIDER_INVALID_REQUEST');
    const { job } = (await controlPlane.nodes.create({ providerId, ...web }))._unsafeUnwrap();
    const failed = await jobSettled(controlPlane, job.id);
    expect(failed.lastErrorCode).toBe('PROVIDER_SSH_KEY_FAILED');
    expect(failed.attempts).toBe(1);
    expect(factory.cloud.servers.size).toBe(0);
  });

  it('registers the managed key once and reuses it for every node', async () => {
    const { controlPlane, providerId, factory } = await harness();
    const first = (await controlPlane.nodes.create({ providerId, ...web }))._unsafeUnwrap();
    const second = (await controlPlane.nodes.create({ providerId, ...web, name: 'web-2' }))._unsafeUnwrap();
    await jobSettled(controlPlane, first.job.id);
    await jobSettled(controlPlane, second.job.id);
    expect(factory.cloud.sshKeys.size).toBe(1);
    const keyIds = [...factory.cloud.servers.values()].map((server) => server.sshKeyIds.join());
    expect(new Set(keyIds).size).toBe(1);
  });

  it('reports missing readiness items with PROVISION_READINESS_FAILED', async () => {
    const store = createMemoryStore();
    const factory = createMockProviderFactory();
    const provisioner = createMockProvisioner({ missing: ['fail2ban is not running'] });
    const secrets = createSecretBox({ keys: [randomBytes(32)] })._unsafeUnwrap();
    const controlPlane = createControlPlane({
      store,
      providers: [factory],
      provisioner,
      secrets,
      waitForSsh: () => okAsync(undefined),
      worker: { pollIntervalMs: 10 },
    });
    (await controlPlane.start())._unsafeUnwrap();
    running.push(controlPlane);
    const { connection } = (
      await controlPlane.providers.connect({ type: factory.info.type, name: 'm', token: TOKEN })
    )._unsafeUnwrap();
    const { job } = (await controlPlane.nodes.create({ providerId: connection.id, ...web }))._unsafeUnwrap();
    const failed = await jobSettled(controlPlane, job.id);
    expect(failed.lastErrorCode).toBe('PROVISION_READINESS_FAILED');
    expect(failed.lastErrorMessage).toContain('fail2ban is not running');
  });

  it('deletes a node: the server goes, then the node', async () => {
    const { controlPlane, providerId, factory } = await harness();
    const { node, job } = (await controlPlane.nodes.create({ providerId, ...web }))._unsafeUnwrap();
    await jobSettled(controlPlane, job.id);
    const deletion = (await controlPlane.nodes.delete(node.id))._unsafeUnwrap();
    expect(deletion.job.kind).toBe('node_delete');
    expect((await jobSettled(controlPlane, deletion.job.id)).status).toBe('succeeded');
    expect((await controlPlane.nodes.get(node.id))._unsafeUnwrap().status).toBe('deleted');
    expect(factory.cloud.servers.size).toBe(0);
    expect((await controlPlane.nodes.list())._unsafeUnwrap()).toHaveLength(0);
  });

  it('deleting a provisioning node cancels its job as provisioning and removes the server', async () => {
    const { controlPlane, providerId, factory, provisioner } = await harness();
    provisioner.hangNext('provision');
    const { node, job } = (await controlPlane.nodes.create({ providerId, ...web }))._unsafeUnwrap();
    await waitUntil(
      async () => (provisioner.calls.some((call) => call.method === 'provision') ? true : undefined),
      'provision',
    );
    const deletion = (await controlPlane.nodes.delete(node.id))._unsafeUnwrap();
    const cancelled = await jobSettled(controlPlane, job.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.lastErrorCode).toBe('PROVISION_CANCELLED');
    expect((await jobSettled(controlPlane, deletion.job.id)).status).toBe('succeeded');
    expect((await controlPlane.nodes.get(node.id))._unsafeUnwrap().status).toBe('deleted');
    expect(factory.cloud.servers.size).toBe(0);
  });

  it('refuses to delete a provider connection while a node uses it', async () => {
    const { controlPlane, providerId } = await harness();
    const { job } = (await controlPlane.nodes.create({ providerId, ...web }))._unsafeUnwrap();
    await jobSettled(controlPlane, job.id);
    expect((await controlPlane.providers.delete(providerId))._unsafeUnwrapErr().code).toBe('CONFLICT');
  });
  it('cancels a queued job at once: job cancelled, event logged and node failed together', async () => {
    const store = createMemoryStore();
    const factory = createMockProviderFactory();
    const controlPlane = createControlPlane({
      store,
      providers: [factory],
      provisioner: createMockProvisioner(),
      secrets: createSecretBox({ keys: [randomBytes(32)] })._unsafeUnwrap(),
    });
    // The worker is not started, so the job stays queued.
    const { connection } = (
      await controlPlane.providers.connect({ type: factory.info.type, name: 'm', token: TOKEN })
    )._unsafeUnwrap();
    const { node, job } = (
      await controlPlane.nodes.create({ providerId: connection.id, ...web })
    )._unsafeUnwrap();
    const cancelled = (await controlPlane.jobs.cancel(job.id))._unsafeUnwrap();
    expect(cancelled.status).toBe('cancelled');
    const events = (await controlPlane.jobs.events(job.id))._unsafeUnwrap();
    expect(events.at(-1)?.type).toBe('job-cancelled');
    const failed = (await controlPlane.nodes.get(node.id))._unsafeUnwrap();
    expect(failed.status).toBe('failed');
    expect(failed.lastErrorCode).toBe('JOB_CANCELLED');
    expect((await controlPlane.jobs.cancel('job_missing'))._unsafeUnwrapErr().code).toBe('NOT_FOUND');
  });
  it('deletes the server of a node whose worker died on the last attempt mid-acquisition, and retries afresh', async () => {
    const store = createMemoryStore();
    const factory = createMockProviderFactory();
    const controlPlane = createControlPlane({
      store,
      providers: [factory],
      provisioner: createMockProvisioner(),
      secrets: createSecretBox({ keys: [randomBytes(32)] })._unsafeUnwrap(),
      waitForSsh: () => okAsync(undefined),
      provisioning: { maxAttempts: 1 },
      worker: { pollIntervalMs: 10, reapIntervalMs: 20 },
    });
    const { connection } = (
      await controlPlane.providers.connect({ type: factory.info.type, name: 'm', token: TOKEN })
    )._unsafeUnwrap();
    const { node, job } = (
      await controlPlane.nodes.create({ providerId: connection.id, ...web })
    )._unsafeUnwrap();
    // A worker that created the server, saved it, and died before its actions finished.
    const created = (
      await factory.create({ token: TOKEN }).createServer({
        name: node.name,
        location: node.location,
        serverType: node.serverType,
        image: node.image,
        sshKeyIds: [],
        idempotencyKey: node.idempotencyKey,
      })
    )._unsafeUnwrap();
    const [claimed] = (
      await store.claimJobs({ owner: 'dead', limit: 1, leaseMs: 1, now: Date.now() })
    )._unsafeUnwrap();
    (
      await store.transaction((tx) =>
        tx
          .checkpointJob({
            jobId: job.id,
            leaseToken: claimed?.leaseToken ?? '',
            checkpoint: { sshKeyId: 'k', serverId: created.serverId, actionIds: [...created.actionIds] },
            currentStep: 'wait-for-actions',
            now: Date.now(),
          })
          .andThen(() =>
            tx.updateNode(node.id, { status: 'acquiring', providerServerId: created.serverId }, Date.now()),
          ),
      )
    )._unsafeUnwrap();
    expect(factory.cloud.servers.size).toBe(1);

    (await controlPlane.start())._unsafeUnwrap();
    running.push(controlPlane);
    const failed = await jobSettled(controlPlane, job.id);
    expect(failed.lastErrorCode).toBe('JOB_LEASE_EXPIRED');
    await waitUntil(
      async () => (factory.cloud.servers.size === 0 ? true : undefined),
      'the server to be deleted',
    );
    const cleaned = await waitUntil(async () => {
      const current = (await controlPlane.nodes.get(node.id))._unsafeUnwrap();
      return current.providerServerId === null ? current : undefined;
    }, 'the node to forget the server');
    expect(cleaned.status).toBe('failed');

    const retried = (await controlPlane.nodes.retry(node.id))._unsafeUnwrap();
    const retriedJob = await jobSettled(controlPlane, retried.job.id);
    expect(retriedJob.lastErrorMessage).toBeNull();
    expect(retriedJob.status).toBe('succeeded');
    expect(factory.cloud.servers.size).toBe(1);
    expect((await controlPlane.nodes.get(node.id))._unsafeUnwrap().status).toBe('ready');
  });
});
