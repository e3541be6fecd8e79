/**
 * Every WHEN/THEN of the seeds (`shared/seeds/`), one test each and named after it, on the real
 * SQLite store and the Hetzner fake. Provisioning runs through the real ansible-runner against a
 * loopback sshd where Ansible is the point, and through the mock provisioner elsewhere.
 */

import { type LoopbackSshd, startLoopbackSshd } from '@pressluft/ansible-runner/testing';
import {
  backoffDelay,
  defaultBackoff,
  type JobEvent,
  type JobStatus,
  minimumRetryDelayMs,
  NODE_PROVISION,
  type NodeStatus,
  nodeProvisionSteps,
} from '@pressluft/core';
import { createMockProvisioner, expectErr, expectOk } from '@pressluft/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureProvisioner, sshdKeyPair, sshdSettings } from './support/ansible.js';
import {
  eventsOf,
  type Harness,
  type HarnessOptions,
  movableClock,
  nodeIn,
  randomToken,
  rewriteJson,
  serversIn,
  settledJob,
  startHarness,
  until,
} from './support/harness.js';

const harnesses: Harness[] = [];
async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const started = await startHarness(options);
  harnesses.push(started);
  return started;
}
afterEach(async () => {
  for (const started of harnesses.splice(0)) await started.close();
});

let sshd: LoopbackSshd;
beforeAll(async () => {
  sshd = await startLoopbackSshd({ sudo: false });
});
afterAll(async () => {
  await sshd?.stop();
});

/** A harness whose servers answer SSH on the loopback sshd, provisioned by real Ansible. */
function ansibleHarness(
  playbook: 'harmless' | 'failing' | 'slow',
  options: HarnessOptions = {},
): Promise<Harness> {
  return harness({
    provisioner: fixtureProvisioner(playbook),
    generateKeyPair: sshdKeyPair(sshd),
    loopbackServers: true,
    waitForSsh: 'tcp',
    ...options,
    provisioning: { ...sshdSettings(sshd), ...options.provisioning },
  });
}

/** Record the distinct statuses a node and a job go through, polling every few ms until stopped. */
function watchStatuses(harness: Harness, nodeId: string, jobId: string) {
  const nodeStatuses: NodeStatus[] = [];
  const jobStatuses: JobStatus[] = [];
  let watching = true;
  const sample = async () => {
    const node = await harness.store.getNode(nodeId);
    const job = await harness.store.getJob(jobId);
    const nodeStatus = node.isOk() ? node.value?.status : undefined;
    const jobStatus = job.isOk() ? job.value?.status : undefined;
    if (nodeStatus !== undefined && nodeStatuses.at(-1) !== nodeStatus) nodeStatuses.push(nodeStatus);
    if (jobStatus !== undefined && jobStatuses.at(-1) !== jobStatus) jobStatuses.push(jobStatus);
  };
  const done = (async () => {
    while (watching) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    nodeStatuses,
    jobStatuses,
    /** The first sample is taken synchronously enough to precede a worker started after this. */
    ready: sample(),
    async stop() {
      watching = false;
      await done;
      await sample();
    },
  };
}

function terminalEvent(events: readonly JobEvent[]): JobEvent {
  const last = events.at(-1);
  if (last === undefined) throw new Error('no events');
  return last;
}

function requestsTo(harness: Harness, method: string, path: RegExp) {
  return harness.fake.requests.filter((request) => request.method === method && path.test(request.path));
}

describe('seed hetzner-node-provider', () => {
  it('WHEN Hetzner node create succeeds THEN node transitions through queued/running/succeeded with valid target host data', async () => {
    const h = await ansibleHarness('harmless', { start: false });
    const providerId = await h.connect();
    const { node, job } = await h.createNode(providerId, 'web-1');
    const watch = watchStatuses(h, node.id, job.id);
    await watch.ready;
    await expectOk(h.controlPlane.start(), 'start the worker');

    const settled = await settledJob(h.controlPlane, job.id);
    const ready = await nodeIn(h.controlPlane, node.id, ['ready', 'failed']);
    await watch.stop();

    expect(settled.status, settled.lastErrorMessage ?? '').toBe('succeeded');
    expect(watch.jobStatuses).toEqual(['queued', 'running', 'succeeded']);
    expect(watch.nodeStatuses).toEqual(['pending', 'acquiring', 'provisioning', 'ready']);
    const events = await eventsOf(h.controlPlane, job.id);
    expect(events[0]?.type).toBe('job-queued');
    expect(events.filter((event) => event.type === 'job-started')).toHaveLength(1);
    expect(terminalEvent(events).type).toBe('job-succeeded');

    // Valid target host data: what the fake holds, reached over real SSH, host key pinned.
    const [server] = h.fake.servers();
    expect(h.fake.servers()).toHaveLength(1);
    expect(ready.providerServerId).toBe(String(server?.id));
    expect(server?.labels['pressluft-node-id']).toBe(node.id);
    expect(ready.ipv4).toBe('127.0.0.1');
    expect(ready.ipv6).toMatch(/^2001:db8:[0-9a-f:]+::1$/);
    expect(ready.sshTarget).toEqual({ host: '127.0.0.1', port: sshd.target.port, user: sshd.target.user });
    expect(ready.hostKey).toBe(sshd.hostKey);
    expect(ready.lastErrorCode).toBeNull();
    const provisioned = events.find(
      (event) => event.type === 'step-succeeded' && event.data['step'] === 'provision',
    );
    expect(provisioned?.data).toMatchObject({ changed: 0 });
    expect(
      events.some((event) => event.type === 'provision-event' && event.data['name'] === 'Ping the node'),
    ).toBe(true);
  });

  it('WHEN Hetzner action polling times out THEN job fails with stable provider timeout error', async () => {
    const h = await harness({
      // The create action takes far longer than the deadline.
      fakeOptions: { actionDurations: { create_server: 600_000, start_server: 1_000, delete_server: 100 } },
      provisioning: { actionDeadlineMs: 400, maxAttempts: 2 },
    });
    const providerId = await h.connect();
    const { node, job } = await h.createNode(providerId, 'slow-1');

    const settled = await settledJob(h.controlPlane, job.id);
    const failed = await nodeIn(h.controlPlane, node.id, ['failed']);

    expect(settled.status).toBe('failed');
    expect(settled.lastErrorCode).toBe('PROVIDER_TIMEOUT');
    expect(settled.lastErrorGuidance).toMatch(/\S/);
    expect(settled.attempts).toBe(2);
    expect(failed.lastErrorCode).toBe('PROVIDER_TIMEOUT');
    const events = await eventsOf(h.controlPlane, job.id);
    expect(events.filter((event) => event.type === 'job-retry-scheduled')).toHaveLength(1);
    expect(terminalEvent(events)).toMatchObject({
      type: 'job-failed',
      data: { errorCode: 'PROVIDER_TIMEOUT', retryable: true },
    });
    // The second attempt resumed the same server; the clean-up policy (delete) removed it at the end.
    expect(requestsTo(h, 'POST', /^\/servers$/)).toHaveLength(1);
    expect(events.find((event) => event.type === 'step-progress')?.data).toMatchObject({
      cleanup: 'delete-server',
      deleted: true,
    });
    await until(async () => (h.fake.servers().length === 0 ? true : undefined), 'the server to be deleted');
    expect(failed.providerServerId).toBeNull();
  });

  it('WHEN provisioning fails after successful provider acquisition THEN failure remains classified as provisioning/runtime failure, not provider create failure', async () => {
    const h = await ansibleHarness('failing', { provisioning: { maxAttempts: 1 } });
    const providerId = await h.connect();
    const { node, job } = await h.createNode(providerId, 'web-2');

    const settled = await settledJob(h.controlPlane, job.id);
    const failed = await nodeIn(h.controlPlane, node.id, ['failed']);

    expect(settled.status).toBe('failed');
    expect(settled.lastErrorCode).toBe('PROVISION_PLAYBOOK_FAILED');
    expect(failed.lastErrorCode).toBe('PROVISION_PLAYBOOK_FAILED');
    const events = await eventsOf(h.controlPlane, job.id);
    const codes = events.map((event) => event.data['errorCode']).filter((code) => code !== undefined);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((code) => String(code).startsWith('PROVISION_'))).toBe(true);
    // Acquisition had succeeded: the server stays (kept for a retry), with its target recorded.
    expect(h.fake.servers()).toHaveLength(1);
    expect(failed.providerServerId).toBe(String(h.fake.servers()[0]?.id));
    expect(failed.sshTarget?.host).toBe('127.0.0.1');
    expect(
      events.some((event) => event.type === 'step-succeeded' && event.data['step'] === 'fetch-server'),
    ).toBe(true);
  });
});

describe('seed hetzner-sdk-integration', () => {
  it('WHEN operator submits a valid bearer token THEN provider status becomes `connected` after live health check', async () => {
    const h = await harness();
    // No prefix heuristics: an odd-looking token the API accepts is connected.
    const oddLooking = `zz${'9'.repeat(30)}${'Q'.repeat(32)}`;
    h.fake.addToken(oddLooking, 'read-write');
    const before = h.fake.requests.length;

    const { connection, check } = await expectOk(
      h.controlPlane.providers.connect({ type: 'hetzner', name: 'odd', token: oddLooking }),
      'connect with a valid token',
    );

    expect(check.status).toBe('connected');
    expect(connection.status).toBe('connected');
    expect(connection.checkedAt).not.toBeNull();
    const live = h.fake.requests.slice(before);
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((request) => request.headers.get('authorization') === `Bearer ${oddLooking}`)).toBe(
      true,
    );
    const checked = await expectOk(h.controlPlane.providers.check(connection.id), 'check again');
    expect(checked.connection.status).toBe('connected');
  });

  it('WHEN token is invalid/insufficient THEN provider status remains non-healthy with deterministic remediation guidance', async () => {
    const h = await harness();
    // An hcloud-looking token that Hetzner rejects is invalid, whatever its shape.
    const rejected = `hcloud${randomToken().slice(6)}`;
    const readOnly = randomToken();
    h.fake.addToken(readOnly, 'read-only');

    const invalid = await expectOk(
      h.controlPlane.providers.connect({ type: 'hetzner', name: 'rejected', token: rejected }),
      'connect with a rejected token',
    );
    const again = await expectOk(h.controlPlane.providers.check(invalid.connection.id), 'check it again');
    const insufficient = await expectOk(
      h.controlPlane.providers.connect({ type: 'hetzner', name: 'read-only', token: readOnly }),
      'connect with a read-only token',
    );

    expect(invalid.connection.status).toBe('invalid');
    expect(invalid.check.errorCode).toBe('PROVIDER_AUTH_INVALID');
    expect(invalid.connection.statusGuidance).toMatch(/token/i);
    expect(again.connection.statusGuidance).toBe(invalid.connection.statusGuidance);
    expect(insufficient.connection.status).toBe('read_only');
    expect(insufficient.check.errorCode).toBe('PROVIDER_TOKEN_READONLY');
    expect(insufficient.connection.statusGuidance).toMatch(/Read & Write/);
    // The rejection came from the live API, not from looking at the token.
    expect(
      h.fake.requests.some((request) => request.headers.get('authorization') === `Bearer ${rejected}`),
    ).toBe(true);
  });

  it('WHEN `node_provision` runs THEN provider acquisition succeeds or fails with stable provider-scoped error classes', async () => {
    const h = await harness();
    const providerId = await h.connect();
    const first = await h.createNode(providerId, 'ok-1');
    expect((await settledJob(h.controlPlane, first.job.id)).status).toBe('succeeded');

    h.fake.scenario({ name: 'quota-exceeded', times: 10 });
    const second = await h.createNode(providerId, 'over-quota');
    const settled = await settledJob(h.controlPlane, second.job.id);
    const failed = await nodeIn(h.controlPlane, second.node.id, ['failed']);

    expect(settled.status).toBe('failed');
    expect(settled.lastErrorCode).toBe('PROVIDER_QUOTA_EXCEEDED');
    expect(settled.attempts).toBe(1);
    expect(settled.lastErrorGuidance).toMatch(/limit/i);
    expect(failed.lastErrorCode).toBe('PROVIDER_QUOTA_EXCEEDED');
    expect(terminalEvent(await eventsOf(h.controlPlane, second.job.id)).data).toMatchObject({
      errorCode: 'PROVIDER_QUOTA_EXCEEDED',
      retryable: false,
    });
    expect(h.fake.servers()).toHaveLength(1);
  });

  it('WHEN a node is created for a provider that is not connected THEN it is refused with PROVIDER_NOT_CONNECTED', async () => {
    const h = await harness();
    const readOnly = randomToken();
    h.fake.addToken(readOnly, 'read-only');
    const providerId = await h.connect(readOnly);

    const error = await expectErr(
      h.controlPlane.nodes.create({ providerId, name: 'refused', location: 'fsn1', serverType: 'cx23' }),
      'create a node on a read-only connection',
    );

    expect(error.code).toBe('PROVIDER_NOT_CONNECTED');
    expect(await expectOk(h.controlPlane.nodes.list(), 'list nodes')).toHaveLength(0);
    expect(await expectOk(h.store.listJobs({}), 'list jobs')).toHaveLength(0);
    expect(requestsTo(h, 'POST', /^\/servers$/)).toHaveLength(0);
  });
});

describe('seed node-provision', () => {
  it('WHEN `node_provision` is requested THEN the control plane enqueues a job and executes acquisition/provisioning steps for the selected provider', async () => {
    const h = await harness({ start: false, provisioner: createMockProvisioner({ taskMs: 100 }) });
    const providerId = await h.connect();

    const { node, job } = await h.createNode(providerId, 'web-3');

    // Accepted at once (the API's 202): both exist, nothing acquired yet.
    expect(node.status).toBe('pending');
    expect(job).toMatchObject({ kind: NODE_PROVISION, status: 'queued', nodeId: node.id, attempts: 0 });
    expect(h.fake.servers()).toHaveLength(0);
    expect((await expectOk(h.store.getJob(job.id), 'read the job back'))?.status).toBe('queued');

    const watch = watchStatuses(h, node.id, job.id);
    await watch.ready;
    await expectOk(h.controlPlane.start(), 'start the worker');
    const settled = await settledJob(h.controlPlane, job.id);
    await watch.stop();

    expect(settled.status).toBe('succeeded');
    expect(watch.nodeStatuses).toEqual(['pending', 'acquiring', 'provisioning', 'ready']);
    const events = await eventsOf(h.controlPlane, job.id);
    const steps = events
      .filter((event) => event.type === 'step-succeeded')
      .map((event) => event.data['step']);
    expect(steps).toEqual([...nodeProvisionSteps]);
    // Acquired from the selected provider: its server carries the node's labels and the managed key.
    const [server] = h.fake.servers();
    expect(server?.labels['pressluft-node-id']).toBe(node.id);
    expect(server?.sshKeyIds).toEqual([h.fake.sshKeys()[0]?.id]);
  });

  it('WHEN provisioning is retried for an already provisioned node THEN the run is idempotent and does not break node state', async () => {
    const provisioner = createMockProvisioner();
    const h = await harness({ provisioner });
    const providerId = await h.connect();
    const { node, job } = await h.createNode(providerId, 'web-4');
    await settledJob(h.controlPlane, job.id);
    const first = await nodeIn(h.controlPlane, node.id, ['ready']);

    const retry = await expectOk(h.controlPlane.nodes.retry(node.id), 'retry the ready node');
    expect(retry.job.id).not.toBe(job.id);
    const settled = await settledJob(h.controlPlane, retry.job.id);
    const again = await nodeIn(h.controlPlane, node.id, ['ready', 'failed']);

    expect(settled.status).toBe('succeeded');
    expect(again.status).toBe('ready');
    expect(again.providerServerId).toBe(first.providerServerId);
    expect(again.sshTarget).toEqual(first.sshTarget);
    expect(again.hostKey).toBe(first.hostKey);
    expect(h.fake.servers()).toHaveLength(1);
    expect(requestsTo(h, 'POST', /^\/servers$/)).toHaveLength(1);
    const events = await eventsOf(h.controlPlane, retry.job.id);
    const steps = events
      .filter((event) => event.type === 'step-succeeded')
      .map((event) => event.data['step']);
    expect(steps).toEqual(['wait-for-ssh', 'provision', 'readiness']);
    expect(
      events.find((event) => event.data['step'] === 'provision' && event.type === 'step-succeeded')?.data,
    ).toMatchObject({
      changed: 0,
    });
  });

  const transientCauses = [
    {
      cause: 'server not running yet',
      code: 'PROVIDER_SERVER_NOT_READY',
      minimum: 0,
      arrange: (): HarnessOptions => {
        let reported = false;
        return {
          fetch: async (request, next) => {
            const response = await next(request);
            if (
              reported ||
              request.method !== 'GET' ||
              !/\/servers\/\d+$/.test(new URL(request.url).pathname)
            ) {
              return response;
            }
            reported = true;
            return rewriteJson(response, (body) => {
              for (const server of serversIn(body)) server['status'] = 'starting';
            });
          },
        };
      },
      inject: () => undefined,
    },
    {
      cause: '503',
      code: 'PROVIDER_UNAVAILABLE',
      minimum: 0,
      arrange: (): HarnessOptions => ({}),
      inject: (h: Harness) =>
        h.fake.inject(
          { kind: 'error', status: 503, code: 'unavailable', message: 'service unavailable' },
          { method: 'GET', path: '/servers/{id}', times: 1 },
        ),
    },
    {
      cause: '429',
      code: 'PROVIDER_RATE_LIMITED',
      minimum: minimumRetryDelayMs.PROVIDER_RATE_LIMITED ?? 0,
      // Without the transport's own 429 retries (which wait for the budget in real time), the job sees it.
      arrange: (): HarnessOptions => ({ provider: { retry: { maxRetries: 0 } } }),
      inject: (h: Harness) => h.fake.scenario({ name: 'rate-limited', times: 1, path: '/servers/{id}' }),
    },
  ];

  it.each(transientCauses)(
    'WHEN provider acquisition reports transient preparation state THEN the job requeues with deterministic retry behavior ($cause)',
    async ({ code, minimum, arrange, inject }) => {
      const clock = movableClock();
      const h = await harness({ ...arrange(), clock });
      const providerId = await h.connect();
      inject(h);
      const { node, job } = await h.createNode(providerId, 'transient');

      const scheduled = await until(async () => {
        const events = await eventsOf(h.controlPlane, job.id);
        return events.find((event) => event.type === 'job-retry-scheduled');
      }, 'the retry to be scheduled');
      const waiting = await expectOk(h.controlPlane.nodes.get(node.id), 'read the waiting node');

      // runAt = settle time + max(backoff of attempt 1, the code's minimum, the provider's retry-after);
      // only a 429 carries a retry-after (when the provider's budget has room again).
      expect(scheduled.data['errorCode']).toBe(code);
      expect(scheduled.data['attempt']).toBe(1);
      const delay = Number(scheduled.data['runAt']) - scheduled.at;
      const expected = Math.max(backoffDelay(defaultBackoff, 1), minimum);
      if (code === 'PROVIDER_RATE_LIMITED') expect(delay).toBeGreaterThanOrEqual(expected);
      else expect(delay).toBe(expected);
      expect(waiting.status).toBe('acquiring');
      expect(waiting.lastErrorCode).toBe(code);

      clock.advance(delay);
      const settled = await settledJob(h.controlPlane, job.id);
      expect(settled.status).toBe('succeeded');
      expect(settled.attempts).toBe(2);
      expect((await nodeIn(h.controlPlane, node.id, ['ready'])).lastErrorCode).toBeNull();
      // The retry resumed from the checkpoint: one server, created once.
      expect(requestsTo(h, 'POST', /^\/servers$/)).toHaveLength(1);
      expect(h.fake.servers()).toHaveLength(1);
    },
  );

  it('WHEN provider-side SSH key registration/injection fails THEN job fails with deterministic provider acquisition/provisioning error semantics and no fallback path', async () => {
    const h = await harness();
    const providerId = await h.connect();
    h.fake.inject(
      { kind: 'error', status: 422, code: 'invalid_input', message: 'invalid input in field public_key' },
      { method: 'POST', path: '/ssh_keys', times: Number.POSITIVE_INFINITY },
    );
    const { node, job } = await h.createNode(providerId, 'no-key');

    const settled = await settledJob(h.controlPlane, job.id);
    const failed = await nodeIn(h.controlPlane, node.id, ['failed']);

    expect(settled.status).toBe('failed');
    expect(settled.lastErrorCode).toBe('PROVIDER_SSH_KEY_FAILED');
    expect(settled.attempts).toBe(1);
    expect(failed.lastErrorCode).toBe('PROVIDER_SSH_KEY_FAILED');
    expect(terminalEvent(await eventsOf(h.controlPlane, job.id)).data).toMatchObject({
      errorCode: 'PROVIDER_SSH_KEY_FAILED',
      retryable: false,
      details: { providerCode: 'PROVIDER_INVALID_REQUEST' },
    });
    // No fallback: no server was requested (not with another key, not with a root password).
    expect(requestsTo(h, 'POST', /^\/servers$/)).toHaveLength(0);
    expect(h.fake.servers()).toHaveLength(0);
    expect(h.fake.sshKeys()).toHaveLength(0);
  });

  const ansibleFailures = [
    { what: 'fails', playbook: 'failing' as const, code: 'PROVISION_PLAYBOOK_FAILED', timeoutMs: 60_000 },
    { what: 'times out', playbook: 'slow' as const, code: 'PROVISION_TIMEOUT', timeoutMs: 3_000 },
  ];

  it.each(ansibleFailures)(
    'WHEN Ansible fails or times out THEN job and node status transitions remain transactional and error codes are stable (Ansible $what)',
    async ({ playbook, code, timeoutMs }) => {
      const h = await ansibleHarness(playbook, {
        provisioning: { maxAttempts: 1, provisionTimeoutMs: timeoutMs },
      });
      const providerId = await h.connect();
      const { node, job } = await h.createNode(providerId, `ansible-${playbook}`);

      const settled = await settledJob(h.controlPlane, job.id);
      const failed = await nodeIn(h.controlPlane, node.id, ['failed', 'ready']);
      const finished = terminalEvent(await eventsOf(h.controlPlane, job.id));

      expect(settled.status).toBe('failed');
      expect(settled.lastErrorCode).toBe(code);
      expect(failed.status).toBe('failed');
      expect(failed.lastErrorCode).toBe(code);
      expect(finished).toMatchObject({ type: 'job-failed', data: { errorCode: code } });
      // One transaction: the job's end, the node's status and the event carry the same instant.
      expect(settled.finishedAt).toBe(finished.at);
      expect(failed.updatedAt).toBe(finished.at);
      if (playbook === 'failing') {
        // The failed task is named, and its 2000 lines of output are cut to head and tail.
        const details = finished.data['details'] as { output?: string; task?: string } | undefined;
        expect(details?.task).toBe('Fail on purpose');
        expect(details?.output).toContain('fixture output line 0');
        expect(details?.output).toContain('fixture output line 1999');
        expect(details?.output).not.toContain('fixture output line 1000\n');
        expect(details?.output?.length ?? 0).toBeLessThan(6_000);
      }
    },
  );
});

describe('managed SSH key and secrets', () => {
  it('registers the managed SSH key once and reuses it across nodes', async () => {
    const h = await harness();
    const providerId = await h.connect();
    const nodes = await Promise.all(['a-1', 'a-2', 'a-3'].map((name) => h.createNode(providerId, name)));

    for (const { job } of nodes) expect((await settledJob(h.controlPlane, job.id)).status).toBe('succeeded');

    const keys = h.fake.sshKeys();
    expect(keys).toHaveLength(1);
    expect(h.keyPairs).toHaveLength(1);
    expect(h.fake.servers()).toHaveLength(3);
    for (const server of h.fake.servers()) expect(server.sshKeyIds).toEqual([keys[0]?.id]);
    expect(requestsTo(h, 'POST', /^\/ssh_keys$/).filter((request) => request.status === 201)).toHaveLength(1);
  });

  it('never writes a provider token or private key to events or the database in plain text', async () => {
    const h = await harness();
    const providerId = await h.connect();
    const { job } = await h.createNode(providerId, 'secret-1');
    await settledJob(h.controlPlane, job.id);
    // A failure too, whose message passes through the error path.
    h.fake.scenario({ name: 'quota-exceeded' });
    const failing = await h.createNode(providerId, 'secret-2');
    await settledJob(h.controlPlane, failing.job.id);

    const [pair] = h.keyPairs;
    if (pair === undefined) throw new Error('no managed key was generated');
    const privateBody = pair.privateKey
      .split('\n')
      .filter((line) => line.length > 0 && !line.startsWith('-----'))
      .join('');
    const secrets = [h.token, privateBody, ...pair.privateKey.split('\n').filter((line) => line.length > 40)];

    const bytes = await h.databaseBytes();
    const text = bytes.toString('latin1');
    for (const secret of secrets) expect(text.includes(secret)).toBe(false);
    // The public key is stored as it is: the scan would find it, so it can find the others.
    expect(text.includes(pair.publicKey.split(' ')[1] ?? '')).toBe(true);

    const events = JSON.stringify([
      ...(await eventsOf(h.controlPlane, job.id)),
      ...(await eventsOf(h.controlPlane, failing.job.id)),
    ]);
    for (const secret of secrets) expect(events.includes(secret)).toBe(false);
    const connection = await expectOk(h.controlPlane.providers.get(providerId), 'read the connection');
    expect(JSON.stringify(connection).includes(h.token)).toBe(false);
    expect('sealedToken' in connection).toBe(false);
  });
});
