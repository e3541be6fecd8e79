import {
  createMockProviderFactory,
  createMockProvisioner,
  type MockProviderFactory,
} from '@pressluft/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type components, createControlPlaneClient } from '../src/client.js';
import { eventually, expectErrorResponse, startTestServer, type TestServer } from './test-server.js';

const goodToken = 'mock-token-connected-0123456789abcdef0123456789abcdef';
const invalidToken = 'mock-token-invalid-0123456789abcdef0123456789abcdef';
const readOnlyToken = 'mock-token-readonly-0123456789abcdef0123456789abcdef';

let test: TestServer;
let factory: MockProviderFactory;

beforeAll(async () => {
  factory = createMockProviderFactory({
    tokens: { [goodToken]: 'connected', [invalidToken]: 'invalid', [readOnlyToken]: 'read_only' },
  });
  test = await startTestServer({ providers: [factory], provisioner: createMockProvisioner() });
});

afterAll(async () => {
  await test?.close();
});

const bearer = () => ({ Authorization: `Bearer ${test.adminToken}` });
const json = (body: unknown) => ({ 'Content-Type': 'application/json', body: JSON.stringify(body) });
const send = (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
  fetch(`${test.url}${path}`, {
    method,
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: init.body }),
  });
const sendJson = (
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = bearer(),
) => {
  const { body: text, ...contentType } = json(body);
  return send(method, path, { headers: { ...headers, ...contentType }, body: text });
};

async function connect(name: string, token: string) {
  const { data, error, response } = await test.client.POST('/api/providers', {
    body: { type: 'mock', name, token },
  });
  expect(error).toBeUndefined();
  expect(response.status).toBe(201);
  return data!;
}

async function createNode(providerId: string, name: string) {
  const { data: options } = await test.client.GET('/api/providers/{id}/options', {
    params: { path: { id: providerId } },
  });
  const location = options!.locations[0]!.name;
  const serverType = options!.server_types.find((type) => type.available_in.includes(location))!;
  const { data, response } = await test.client.POST('/api/nodes', {
    body: { provider_id: providerId, name, location, server_type: serverType.name },
  });
  expect(response.status).toBe(202);
  return data!;
}

async function waitForJob(jobId: string) {
  return eventually(async () => {
    const { data } = await test.client.GET('/api/jobs/{id}', { params: { path: { id: jobId } } });
    return data && ['succeeded', 'failed', 'cancelled'].includes(data.job.status) ? data.job : undefined;
  }, `job ${jobId} to finish`);
}

/** The JSON form of the events answer (the contract also allows the event-stream text). */
function jsonEvents(data: string | { events: components['schemas']['JobEvent'][] } | undefined) {
  if (data === undefined || typeof data === 'string') throw new Error('expected the JSON events answer');
  return data.events;
}

async function readStream(response: Response): Promise<{ id: string; event: string; data: string }[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => {
      const field = (name: string) =>
        block
          .split('\n')
          .find((line) => line.startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .trim() ?? '';
      return { id: field('id'), event: field('event'), data: field('data') };
    });
}

describe('health', () => {
  it('answers without authentication', async () => {
    const response = await send('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      parts: {
        http: { state: 'ready' },
        store: { state: 'ready' },
        provisioner: { state: 'ready', detail: expect.any(String) },
      },
    });
  });
});

describe('authentication', () => {
  const protectedRoutes: [string, string][] = [
    ['GET', '/api/provider-types'],
    ['GET', '/api/providers'],
    ['POST', '/api/providers'],
    ['GET', '/api/providers/prv_x'],
    ['DELETE', '/api/providers/prv_x'],
    ['POST', '/api/providers/prv_x/check'],
    ['PUT', '/api/providers/prv_x/token'],
    ['GET', '/api/providers/prv_x/options'],
    ['GET', '/api/nodes'],
    ['POST', '/api/nodes'],
    ['GET', '/api/nodes/node_x'],
    ['DELETE', '/api/nodes/node_x'],
    ['POST', '/api/nodes/node_x/retry'],
    ['GET', '/api/nodes/node_x/jobs'],
    ['GET', '/api/jobs/job_x'],
    ['POST', '/api/jobs/job_x/cancel'],
    ['GET', '/api/jobs/job_x/events'],
  ];

  it.each(protectedRoutes)('%s %s without a token is 401 UNAUTHORIZED', async (method, path) => {
    await expectErrorResponse(await send(method, path), 'UNAUTHORIZED');
  });

  it.each(protectedRoutes)('%s %s with a wrong token is 401 UNAUTHORIZED', async (method, path) => {
    await expectErrorResponse(
      await send(method, path, { headers: { Authorization: 'Bearer not-the-token' } }),
      'UNAUTHORIZED',
    );
  });

  it('refuses other authorization schemes and a session cookie that does not exist', async () => {
    const basic = await send('GET', '/api/nodes', {
      headers: { Authorization: `Basic ${Buffer.from(`admin:${test.adminToken}`).toString('base64')}` },
    });
    await expectErrorResponse(basic, 'UNAUTHORIZED');
    const cookie = await send('GET', '/api/nodes', { headers: { Cookie: 'pressluft_session=forged' } });
    await expectErrorResponse(cookie, 'UNAUTHORIZED');
  });

  it('the typed client without a token gets UNAUTHORIZED', async () => {
    const anonymous = createControlPlaneClient({ baseUrl: test.url });
    const { error, response } = await anonymous.GET('/api/nodes');
    expect(response.status).toBe(401);
    expect(error?.error.code).toBe('UNAUTHORIZED');
  });
});

describe('dashboard session', () => {
  async function login(token: string) {
    return fetch(`${test.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, next: '/providers' }).toString(),
    });
  }

  async function session() {
    const response = await login(test.adminToken);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/providers');
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/pressluft_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0]!;
    const page = await fetch(`${test.url}/providers`, { headers: { Cookie: cookie } });
    const html = await page.text();
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1];
    expect(csrf).toBeDefined();
    return { cookie, csrf: csrf! };
  }

  it('pages redirect to the login form without a session', async () => {
    for (const path of ['/nodes', '/providers', '/nodes/node_x']) {
      const response = await fetch(`${test.url}${path}`, { redirect: 'manual' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('a wrong token on the login form is refused without a cookie', async () => {
    const response = await login('wrong-token-wrong-token');
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('a session reads the API; a change needs the CSRF token or a matching Origin', async () => {
    const { cookie, csrf } = await session();
    expect((await send('GET', '/api/providers', { headers: { Cookie: cookie } })).status).toBe(200);

    const body = JSON.stringify({ type: 'mock', name: 'csrf-check', token: goodToken });
    const headers = { Cookie: cookie, 'Content-Type': 'application/json' };
    await expectErrorResponse(await send('POST', '/api/providers', { headers, body }), 'FORBIDDEN');
    await expectErrorResponse(
      await send('POST', '/api/providers', { headers: { ...headers, 'X-CSRF-Token': 'forged' }, body }),
      'FORBIDDEN',
    );
    await expectErrorResponse(
      await send('POST', '/api/providers', {
        headers: { ...headers, 'X-CSRF-Token': csrf, Origin: 'https://evil.example' },
        body,
      }),
      'FORBIDDEN',
    );
    const withToken = await send('POST', '/api/providers', {
      headers: { ...headers, 'X-CSRF-Token': csrf },
      body,
    });
    expect(withToken.status).toBe(201);
    const withOrigin = await send('POST', '/api/providers', {
      headers: { ...headers, Origin: test.url },
      body: JSON.stringify({ type: 'mock', name: 'origin-check', token: goodToken }),
    });
    expect(withOrigin.status).toBe(201);
  });

  it('logging out ends the session', async () => {
    const { cookie, csrf } = await session();
    const logout = await fetch(`${test.url}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf_token: csrf }).toString(),
    });
    expect(logout.status).toBe(303);
    await expectErrorResponse(
      await send('GET', '/api/providers', { headers: { Cookie: cookie } }),
      'UNAUTHORIZED',
    );
  });
});

describe('request validation', () => {
  it('a body that is not JSON is 400 VALIDATION_BAD_JSON', async () => {
    const response = await send('POST', '/api/providers', {
      headers: { ...bearer(), 'Content-Type': 'application/json' },
      body: '{"type": "mock", "name": ',
    });
    await expectErrorResponse(response, 'VALIDATION_BAD_JSON');
  });

  it('a body without a JSON content type is 400 VALIDATION_BAD_JSON', async () => {
    const response = await send('POST', '/api/nodes', {
      headers: { ...bearer(), 'Content-Type': 'text/plain' },
      body: '{}',
    });
    await expectErrorResponse(response, 'VALIDATION_BAD_JSON');
  });

  it('unknown fields are 400 VALIDATION_FAILED listing them', async () => {
    const response = await sendJson('POST', '/api/providers', {
      type: 'mock',
      name: 'x',
      token: goodToken,
      tokn: 'typo',
      extra: 1,
    });
    const error = await expectErrorResponse(response, 'VALIDATION_FAILED');
    expect((error['details'] as { unknown_fields: string[] }).unknown_fields.sort()).toEqual([
      'extra',
      'tokn',
    ]);
  });

  it('unknown fields on node creation and token rotation are refused too', async () => {
    const node = await sendJson('POST', '/api/nodes', {
      provider_id: 'prv_x',
      name: 'a',
      location: 'l',
      server_type: 't',
      'server-type': 't',
    });
    const nodeError = await expectErrorResponse(node, 'VALIDATION_FAILED');
    expect((nodeError['details'] as { unknown_fields: string[] }).unknown_fields).toEqual(['server-type']);
    const rotate = await sendJson('PUT', '/api/providers/prv_x/token', { token: goodToken, name: 'n' });
    const rotateError = await expectErrorResponse(rotate, 'VALIDATION_FAILED');
    expect((rotateError['details'] as { unknown_fields: string[] }).unknown_fields).toEqual(['name']);
  });

  it('missing and malformed fields are 400 VALIDATION_FAILED with one issue each', async () => {
    const response = await sendJson('POST', '/api/nodes', { provider_id: 'prv_x', name: 'Not_Valid!' });
    const error = await expectErrorResponse(response, 'VALIDATION_FAILED');
    const paths = (error['details'] as { issues: { path: string }[] }).issues
      .map((issue) => issue.path)
      .sort();
    expect(paths).toEqual(['location', 'name', 'server_type']);
  });

  it('an oversized body is 413 VALIDATION_PAYLOAD_TOO_LARGE', async () => {
    const response = await sendJson('POST', '/api/providers', {
      type: 'mock',
      name: 'big',
      token: 'x'.repeat(8000),
    });
    const error = await expectErrorResponse(response, 'VALIDATION_PAYLOAD_TOO_LARGE');
    expect(error['details']).toEqual({ limit_bytes: 4096 });
  });

  it('an oversized body sent without Content-Length (chunked) is refused too', async () => {
    const chunks = [JSON.stringify({ type: 'mock', name: 'big', token: 'y'.repeat(6000) })];
    const stream = new ReadableStream({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    const response = await fetch(`${test.url}/api/providers`, {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectErrorResponse(response, 'VALIDATION_PAYLOAD_TOO_LARGE');
  });

  it('a bad query value is 400 VALIDATION_FAILED', async () => {
    await expectErrorResponse(
      await send('GET', '/api/nodes?include_deleted=maybe', { headers: bearer() }),
      'VALIDATION_FAILED',
    );
    await expectErrorResponse(
      await send('GET', '/api/jobs/job_x/events?after_seq=-1', { headers: bearer() }),
      'VALIDATION_FAILED',
    );
  });
});

describe('unknown ids and routes', () => {
  it.each([
    ['GET', '/api/providers/prv_missing'],
    ['DELETE', '/api/providers/prv_missing'],
    ['POST', '/api/providers/prv_missing/check'],
    ['GET', '/api/providers/prv_missing/options'],
    ['GET', '/api/nodes/node_missing'],
    ['DELETE', '/api/nodes/node_missing'],
    ['POST', '/api/nodes/node_missing/retry'],
    ['GET', '/api/nodes/node_missing/jobs'],
    ['GET', '/api/jobs/job_missing'],
    ['POST', '/api/jobs/job_missing/cancel'],
    ['GET', '/api/jobs/job_missing/events'],
    ['GET', '/api/no-such-route'],
  ])('%s %s is 404 NOT_FOUND', async (method, path) => {
    await expectErrorResponse(await send(method, path, { headers: bearer() }), 'NOT_FOUND');
  });

  it('rotating the token of an unknown provider is 404 NOT_FOUND', async () => {
    await expectErrorResponse(
      await sendJson('PUT', '/api/providers/prv_missing/token', { token: goodToken }),
      'NOT_FOUND',
    );
  });

  it('creating a node on an unknown provider is 404 NOT_FOUND', async () => {
    const response = await sendJson('POST', '/api/nodes', {
      provider_id: 'prv_missing',
      name: 'orphan',
      location: 'fsn1',
      server_type: 'cx22',
    });
    await expectErrorResponse(response, 'NOT_FOUND');
  });
});

describe('providers', () => {
  it('lists the provider types with token help', async () => {
    const { data } = await test.client.GET('/api/provider-types');
    expect(data!.provider_types.map((type) => type.type)).toEqual(['mock']);
    expect(data!.provider_types[0]!.token_help.length).toBeGreaterThan(0);
  });

  it('connects, reads, re-checks, rotates and deletes a connection; the token never comes back', async () => {
    const checked = await connect('lifecycle', goodToken);
    expect(checked.check.status).toBe('connected');
    expect(checked.provider.status).toBe('connected');
    expect(checked.provider.type).toBe('mock');
    const id = checked.provider.id;

    const list = await test.client.GET('/api/providers');
    expect(list.data!.providers.map((provider) => provider.id)).toContain(id);
    const one = await test.client.GET('/api/providers/{id}', { params: { path: { id } } });
    expect(one.data!.provider.name).toBe('lifecycle');

    const recheck = await test.client.POST('/api/providers/{id}/check', { params: { path: { id } } });
    expect(recheck.response.status).toBe(200);
    expect(recheck.data!.check.status).toBe('connected');

    const rotated = await test.client.PUT('/api/providers/{id}/token', {
      params: { path: { id } },
      body: { token: readOnlyToken },
    });
    expect(rotated.response.status).toBe(200);
    expect(rotated.data!.check.status).toBe('read_only');
    expect(rotated.data!.provider.status).toBe('read_only');
    expect(rotated.data!.provider.status_guidance).toBeTruthy();

    const options = await test.client.GET('/api/providers/{id}/options', { params: { path: { id } } });
    const bodies = JSON.stringify([checked, list.data, one.data, recheck.data, rotated.data, options.data]);
    expect(bodies).not.toContain(goodToken);
    expect(bodies).not.toContain(readOnlyToken);
    expect(bodies).not.toContain('sealed');

    const deleted = await test.client.DELETE('/api/providers/{id}', { params: { path: { id } } });
    expect(deleted.response.status).toBe(204);
    await expectErrorResponse(await send('GET', `/api/providers/${id}`, { headers: bearer() }), 'NOT_FOUND');
  });

  it('an invalid token is saved with its status and guidance (201), so it can be rotated', async () => {
    const checked = await connect('invalid-one', invalidToken);
    expect(checked.check.status).toBe('invalid');
    expect(checked.check.guidance.length).toBeGreaterThan(0);
    expect(checked.provider.status).toBe('invalid');
  });

  it('an unknown provider type is 422 PROVIDER_TYPE_UNKNOWN', async () => {
    await expectErrorResponse(
      await sendJson('POST', '/api/providers', { type: 'nimbus', name: 'x', token: goodToken }),
      'PROVIDER_TYPE_UNKNOWN',
    );
  });

  it('options list locations, server types and images for the pickers', async () => {
    const { provider } = await connect('catalog', goodToken);
    const { data } = await test.client.GET('/api/providers/{id}/options', {
      params: { path: { id: provider.id } },
    });
    expect(data!.locations.length).toBeGreaterThan(0);
    expect(data!.server_types.length).toBeGreaterThan(0);
    expect(data!.images.length).toBeGreaterThan(0);
    expect(Object.keys(data!.server_types[0]!).sort()).toEqual(
      [
        'architecture',
        'available_in',
        'cores',
        'deprecations',
        'description',
        'disk_gb',
        'memory_gb',
        'name',
        'prices',
        'recommended_in',
      ].sort(),
    );
  });
});

describe('nodes and jobs', () => {
  it('a disconnected provider cannot create nodes: 409 PROVIDER_NOT_CONNECTED', async () => {
    const { provider } = await connect('disconnected', invalidToken);
    const response = await sendJson('POST', '/api/nodes', {
      provider_id: provider.id,
      name: 'never',
      location: 'fsn1',
      server_type: 'cx22',
    });
    const error = await expectErrorResponse(response, 'PROVIDER_NOT_CONNECTED');
    expect(error['guidance']).toBeTruthy();
  });

  it('creates a node (202 with node and job) that becomes ready; jobs, events and streams follow it', async () => {
    const { provider } = await connect('nodes', goodToken);
    const created = await createNode(provider.id, 'web-1');
    expect(created.node.name).toBe('web-1');
    expect(created.node.image).toBe('ubuntu-24.04');
    expect(created.job.kind).toBe('node_provision');
    expect(created.job.node_id).toBe(created.node.id);

    const job = await waitForJob(created.job.id);
    expect(job.status).toBe('succeeded');
    expect(job.last_error).toBeNull();

    const { data: node } = await test.client.GET('/api/nodes/{id}', {
      params: { path: { id: created.node.id } },
    });
    expect(node!.node.status).toBe('ready');
    expect(node!.node.provider_server_id).not.toBeNull();
    expect(node!.node.host_key).toMatch(/^ssh-/);

    const list = await test.client.GET('/api/nodes');
    expect(list.data!.nodes.map((item) => item.id)).toContain(created.node.id);
    const jobs = await test.client.GET('/api/nodes/{id}/jobs', { params: { path: { id: created.node.id } } });
    expect(jobs.data!.jobs[0]!.id).toBe(created.job.id);

    const events = await test.client.GET('/api/jobs/{id}/events', {
      params: { path: { id: created.job.id } },
    });
    const types = jsonEvents(events.data).map((event) => event.type);
    expect(types[0]).toBe('job-queued');
    expect(types.at(-1)).toBe('job-succeeded');
    expect(types).toContain('provision-event');
    expect(jsonEvents(events.data).map((event) => event.seq)).toEqual(types.map((_, index) => index + 1));
    const steps = jsonEvents(events.data)
      .filter((event) => event.type === 'step-started')
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

    const after = await test.client.GET('/api/jobs/{id}/events', {
      params: { path: { id: created.job.id }, query: { after_seq: String(types.length - 2) } },
    });
    expect(jsonEvents(after.data).map((event) => event.seq)).toEqual([types.length - 1, types.length]);

    // The stream replays stored events with id = seq and ends after the terminal one.
    const stream = await fetch(`${test.url}/api/jobs/${created.job.id}/events`, {
      headers: { ...bearer(), Accept: 'text/event-stream' },
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const streamed = await readStream(stream);
    expect(streamed.map((event) => Number(event.id))).toEqual(types.map((_, index) => index + 1));
    expect(streamed.map((event) => event.event)).toEqual(types);
    expect(JSON.parse(streamed.at(-1)!.data).type).toBe('job-succeeded');

    // Resuming with Last-Event-ID sends only what follows.
    const resumed = await fetch(`${test.url}/api/jobs/${created.job.id}/events`, {
      headers: { ...bearer(), Accept: 'text/event-stream', 'Last-Event-ID': String(types.length - 1) },
    });
    expect((await readStream(resumed)).map((event) => Number(event.id))).toEqual([types.length]);

    // Nothing can follow the terminal event: 204 stops an EventSource from reconnecting.
    const done = await fetch(`${test.url}/api/jobs/${created.job.id}/events`, {
      headers: { ...bearer(), Accept: 'text/event-stream', 'Last-Event-ID': String(types.length) },
    });
    expect(done.status).toBe(204);
  });

  it('streams live events of a running job until its terminal event', async () => {
    const { provider } = await connect('live', goodToken);
    const created = await createNode(provider.id, 'live-1');
    const stream = await fetch(`${test.url}/api/jobs/${created.job.id}/events`, {
      headers: { ...bearer(), Accept: 'text/event-stream' },
    });
    const events = await readStream(stream);
    expect(events[0]!.event).toBe('job-queued');
    expect(events.at(-1)!.event).toBe('job-succeeded');
    const seqs = events.map((event) => Number(event.id));
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
  });

  it('a provider with nodes cannot be deleted: 409 CONFLICT', async () => {
    const { provider } = await connect('busy', goodToken);
    const created = await createNode(provider.id, 'busy-1');
    await waitForJob(created.job.id);
    await expectErrorResponse(
      await send('DELETE', `/api/providers/${provider.id}`, { headers: bearer() }),
      'CONFLICT',
    );
  });

  it('retries a node (202, a new job) and deletes it (202, a node_delete job that removes the server)', async () => {
    const { provider } = await connect('retry-delete', goodToken);
    const created = await createNode(provider.id, 'cycle-1');
    await waitForJob(created.job.id);

    const retried = await test.client.POST('/api/nodes/{id}/retry', {
      params: { path: { id: created.node.id } },
    });
    expect(retried.response.status).toBe(202);
    expect(retried.data!.job.id).not.toBe(created.job.id);
    expect((await waitForJob(retried.data!.job.id)).status).toBe('succeeded');
    const serversBefore = factory.cloud.servers.size;

    const deleted = await test.client.DELETE('/api/nodes/{id}', {
      params: { path: { id: created.node.id } },
    });
    expect(deleted.response.status).toBe(202);
    expect(deleted.data!.job.kind).toBe('node_delete');
    expect((await waitForJob(deleted.data!.job.id)).status).toBe('succeeded');
    expect(factory.cloud.servers.size).toBe(serversBefore - 1);

    const listed = await test.client.GET('/api/nodes');
    expect(listed.data!.nodes.map((node) => node.id)).not.toContain(created.node.id);
    const all = await test.client.GET('/api/nodes', { params: { query: { include_deleted: 'true' } } });
    expect(all.data!.nodes.find((node) => node.id === created.node.id)?.status).toBe('deleted');
  });

  it('cancels a job', async () => {
    const { provider } = await connect('cancel', goodToken);
    const created = await createNode(provider.id, 'cancel-1');
    const cancelled = await test.client.POST('/api/jobs/{id}/cancel', {
      params: { path: { id: created.job.id } },
    });
    if (cancelled.response.status === 200) {
      expect(cancelled.data!.job.id).toBe(created.job.id);
      expect(['cancelled', 'running', 'succeeded']).toContain(cancelled.data!.job.status);
    } else {
      // The job may already have finished: a finished job cannot be cancelled.
      expect(cancelled.response.status).toBe(409);
    }
  });
});

describe('safety', () => {
  it('sends security headers on API answers and pages', async () => {
    for (const path of ['/api/health', '/login', '/assets/styles.css']) {
      const response = await send('GET', path);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('serves only the known assets', async () => {
    expect((await send('GET', '/assets/node.js')).headers.get('content-type')).toMatch(/javascript/);
    expect((await send('GET', '/assets/..%2Fserver.ts')).status).toBe(404);
    expect((await send('GET', '/assets/server.ts')).status).toBe(404);
  });

  it('logs JSON lines without the operator token or any provider token', () => {
    expect(test.logLines.length).toBeGreaterThan(10);
    for (const line of test.logLines) expect(() => JSON.parse(line)).not.toThrow();
    const all = test.logLines.join('\n');
    for (const secret of [test.adminToken, goodToken, invalidToken, readOnlyToken])
      expect(all).not.toContain(secret);
    expect(test.logLines.some((line) => JSON.parse(line).msg === 'request')).toBe(true);
  });
});
